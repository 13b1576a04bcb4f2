// fnv32a answers Go's hash/fnv New32a for ASCII text (the published FNV-1a test vectors).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { fnv32a } from "../../src/encoding/mod.ts";

describe("fnv32a", () => {
  it("matches the FNV-1a 32-bit test vectors, as an unsigned number", () => {
    assert.equal(fnv32a(""), 0x811c9dc5);
    assert.equal(fnv32a("a"), 0xe40c292c);
    assert.equal(fnv32a("foobar"), 0xbf9cf968);
  });
});
