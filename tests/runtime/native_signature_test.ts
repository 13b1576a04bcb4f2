// Native certificate signatures (Bun): they verify as X.509's signature values, and an RSA one is
// the very bytes Web Crypto makes; on Deno the caller keeps Web Crypto.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { verify } from "node:crypto";
import { runtimeName, signNatively } from "../../src/runtime/mod.ts";

const data = new TextEncoder().encode("a TBSCertificate stands here");

async function pair(params: EcKeyGenParams | RsaHashedKeyGenParams): Promise<CryptoKeyPair> {
  return await crypto.subtle.generateKey(params, true, ["sign", "verify"]) as CryptoKeyPair;
}

describe("signNatively", () => {
  it("is left to Web Crypto on Deno", { skip: runtimeName() !== "deno" }, async () => {
    const { privateKey } = await pair({ name: "ECDSA", namedCurve: "P-256" });
    assert.equal(signNatively(privateKey, "SHA-256", data), undefined);
  });

  for (const [curve, digest] of [["P-256", "SHA-256"], ["P-384", "SHA-384"]] as const) {
    it(`signs with an ECDSA ${curve} key as a DER Ecdsa-Sig-Value`, {
      skip: runtimeName() !== "bun",
    }, async () => {
      const { privateKey, publicKey } = await pair({ name: "ECDSA", namedCurve: curve });
      const signature = signNatively(privateKey, digest, data)!;
      assert.equal(signature[0], 0x30); // SEQUENCE { r INTEGER, s INTEGER }
      const spki = new Uint8Array(await crypto.subtle.exportKey("spki", publicKey));
      const key = { key: Buffer.from(spki), format: "der" as const, type: "spki" as const };
      assert.ok(verify(digest.replace("-", "").toLowerCase(), data, key, signature));
      assert.ok(!verify(digest.replace("-", "").toLowerCase(), data.slice(1), key, signature));
    });
  }

  it("signs with an RSA key the bytes Web Crypto makes", {
    skip: runtimeName() !== "bun",
  }, async () => {
    const { privateKey } = await pair({
      name: "RSASSA-PKCS1-v1_5",
      hash: "SHA-256",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
    });
    const web = new Uint8Array(
      await crypto.subtle.sign({ name: "RSASSA-PKCS1-v1_5" }, privateKey, data),
    );
    assert.deepEqual(signNatively(privateKey, "SHA-256", data), web);
  });
});
