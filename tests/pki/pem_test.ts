// PEM text as Go's pem.Encode writes it: 64 columns, a newline after each line and after the footer.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { decodePem, encodePem } from "../../src/pki/_pem.ts";

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);

describe("encodePem", () => {
  it("cuts the base64 into 64-column lines, the last one shorter", () => {
    const text = encodePem("CERTIFICATE", bytes(100)); // 136 base64 characters
    const lines = text.split("\n");
    assert.equal(lines[0], "-----BEGIN CERTIFICATE-----");
    assert.deepEqual(lines.slice(1, 4).map((line) => line.length), [64, 64, 8]);
    assert.deepEqual(lines.slice(4), ["-----END CERTIFICATE-----", ""]);
  });

  it("writes 48 bytes as exactly one full line, and no bytes as an empty line", () => {
    assert.equal(encodePem("X", bytes(48)).split("\n").length, 4);
    assert.equal(encodePem("X", new Uint8Array(0)), "-----BEGIN X-----\n\n-----END X-----\n");
  });

  it("round-trips every byte value, also past the 8 KiB slices it encodes in", () => {
    for (const n of [1, 255, 256, 8192, 8193, 20_000]) {
      const der = bytes(n);
      assert.deepEqual(decodePem(encodePem("DATA", der))?.der, der, `${n} bytes`);
    }
  });
});
