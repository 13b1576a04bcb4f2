// Signing a TBSCertificate (Web Crypto, or the runtime's native signing where that is cheaper) and
// naming the algorithm the way X.509 wants it.
import { type Bytes, encodeTlv, encodeUnsigned, fromHex, OID, TAG } from "./_der.ts";
import type { SigningKey } from "./_keys.ts";
import { type SignatureDigest, signNatively } from "../runtime/mod.ts";

// AlgorithmIdentifiers: RFC 5758 leaves ECDSA's parameters absent, RFC 4055 gives RSA's a NULL.
const ECDSA_SHA256 = encodeTlv(TAG.sequence, encodeTlv(TAG.oid, fromHex(OID.ecdsaWithSha256)));
const ECDSA_SHA384 = encodeTlv(TAG.sequence, encodeTlv(TAG.oid, fromHex(OID.ecdsaWithSha384)));
const RSA_SHA256 = encodeTlv(
  TAG.sequence,
  encodeTlv(TAG.oid, fromHex(OID.sha256WithRsaEncryption)),
  new Uint8Array([TAG.null, 0]),
);

/** The DER AlgorithmIdentifier of the signatures `key` makes. */
export function signatureAlgorithm(key: SigningKey): Bytes {
  if (key.keyAlgorithm === "rsa") return RSA_SHA256;
  return (key.signingAlgorithm as EcdsaParams).hash === "SHA-384" ? ECDSA_SHA384 : ECDSA_SHA256;
}

/**
 * Signs `data`; the result is what a certificate's signatureValue BIT STRING holds. The runtime's
 * native signing where it is cheaper (`signNatively`: Bun), else Web Crypto.
 */
export async function sign(key: SigningKey, data: Bytes): Promise<Bytes> {
  const native = signNatively(key.privateKey, digestOf(key), data);
  if (native) return native;
  const sig = new Uint8Array(await crypto.subtle.sign(key.signingAlgorithm, key.privateKey, data));
  return key.keyAlgorithm === "rsa" ? sig : ecdsaSigValue(sig);
}

/** Web Crypto's ECDSA signature r||s (fixed width) as X.509's Ecdsa-Sig-Value: SEQUENCE { r INTEGER, s INTEGER }. */
export function ecdsaSigValue(raw: Uint8Array): Bytes {
  const half = raw.length / 2;
  return encodeTlv(
    TAG.sequence,
    encodeUnsigned(raw.subarray(0, half)),
    encodeUnsigned(raw.subarray(half)),
  );
}

// RSA keys sign with SHA-256 (`RSA` in _keys.ts); ECDSA keys with their curve's hash.
function digestOf(key: SigningKey): SignatureDigest {
  if (key.keyAlgorithm === "rsa") return "SHA-256";
  return (key.signingAlgorithm as EcdsaParams).hash === "SHA-384" ? "SHA-384" : "SHA-256";
}
