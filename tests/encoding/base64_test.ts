// Standard base64 of UTF-8 text: ASCII and non-ASCII alike, as Go's base64.StdEncoding of the bytes.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { base64Utf8, fromBase64Utf8 } from "../../src/encoding/mod.ts";

describe("base64Utf8", () => {
  it("encodes ASCII (a PEM) as its bytes", () => {
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    assert.equal(base64Utf8(pem), btoa(pem));
    assert.equal(base64Utf8(""), "");
  });

  it("encodes other text as its UTF-8 bytes, and decodes back", () => {
    assert.equal(base64Utf8("é"), "w6k="); // c3 a9
    assert.equal(base64Utf8("a€😀"), "YeKCrPCfmIA="); // 61 e2 82 ac f0 9f 98 80
    for (const text of ["é", "a€😀", "\u0080", "x".repeat(70_000) + "ü"]) {
      assert.equal(fromBase64Utf8(base64Utf8(text)), text);
    }
  });
});
