// A Pod with two containers, an init container, env, volumes, probes, security and status.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeKubernetesProtobuf } from "../../src/protobuf/mod.ts";
import { envelope } from "./_wire.ts";
import { expectedPod, podBody } from "./_pod_fixture.ts";

describe("Pod", () => {
  it("decodes a static pod with two containers, env, volumes, probes and status", () => {
    assert.deepEqual(
      decodeKubernetesProtobuf(envelope("v1", "Pod", podBody())).object,
      expectedPod,
    );
  });

  it("does not depend on field order", () => {
    // Same Pod with status, spec and metadata written in reverse order.
    const body = podBody();
    const parts: Uint8Array[] = [];
    let pos = 0;
    while (pos < body.length) {
      // Each top-level field here is a 1-byte tag plus a varint length.
      let len = 0, shift = 0, p = pos + 1;
      for (;;) {
        const b = body[p++];
        len |= (b & 0x7f) << shift;
        shift += 7;
        if (b < 0x80) break;
      }
      parts.push(body.subarray(pos, p + len));
      pos = p + len;
    }
    const reversed = new Uint8Array(body.length);
    let offset = 0;
    for (const part of parts.reverse()) {
      reversed.set(part, offset);
      offset += part.length;
    }
    assert.deepEqual(decodeKubernetesProtobuf(envelope("v1", "Pod", reversed)).object, expectedPod);
  });
});
