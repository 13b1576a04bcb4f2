// Cluster and member IDs are FNV-1a 64 of their names: the same in every run and on every runtime.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stableId } from "../../src/etcd/_ids.ts";

describe("stableId", () => {
  it("is FNV-1a 64 of the UTF-8 bytes (the published test vectors), never 0", () => {
    assert.equal(stableId(""), 0xcbf29ce484222325n);
    assert.equal(stableId("a"), 0xaf63dc4c8601ec8cn);
    assert.equal(stableId("foobar"), 0x85944171f73967e8n);
  });

  it("matches a BigInt FNV-1a 64 on names of every kind", () => {
    const reference = (text: string) => {
      let hash = 0xcbf29ce484222325n;
      for (const byte of new TextEncoder().encode(text)) {
        hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
      }
      return hash === 0n ? 1n : hash;
    };
    for (
      const name of [
        "cluster/default/demo",
        "default/demo/https://10.0.0.2:2380/3",
        "ns/naïve-ünïcode/😀",
        "x".repeat(500),
      ]
    ) assert.equal(stableId(name), reference(name), name);
  });
});
