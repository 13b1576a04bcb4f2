// Certificate signatures through the runtime's native crypto, synchronously, where that is the
// cheaper path: on Bun, node:crypto's `sign` costs ~27 µs of CPU for an ECDSA P-256 signature of
// a TBSCertificate where Web Crypto's `sign` costs ~42 µs plus a promise; every cluster signs
// three certificates (its two CAs and its serving certificate) before it is ready. On Deno,
// node:crypto's `sign` (and `KeyObject.from`) cost more than Web Crypto's, so it is not used there.

import { KeyObject, sign } from "node:crypto";
import { runtimeName } from "./runtime_name.ts";

/** The digest of a signature: SHA-256 (RSA and P-256 keys) or SHA-384 (P-384 keys). */
export type SignatureDigest = "SHA-256" | "SHA-384";

const NODE_DIGESTS: Record<SignatureDigest, string> = { "SHA-256": "sha256", "SHA-384": "sha384" };
// The KeyObject of each CryptoKey signed with, made once (a CA signs again for each certificate).
const keyObjects = new WeakMap<CryptoKey, KeyObject>();

/**
 * Signs `data` with an extractable ECDSA or RSASSA-PKCS1-v1_5 private key as X.509 wants the
 * signature value: an ECDSA one as DER `Ecdsa-Sig-Value` (RFC 3279), an RSA one as is (the same
 * bytes Web Crypto makes: PKCS #1 v1.5 signatures are deterministic). Undefined where the
 * runtime's Web Crypto is the cheaper path (Deno): the caller signs with Web Crypto then.
 */
export function signNatively(
  privateKey: CryptoKey,
  digest: SignatureDigest,
  data: Uint8Array,
): Uint8Array<ArrayBuffer> | undefined {
  if (runtimeName() !== "bun") return undefined;
  let key = keyObjects.get(privateKey);
  if (key === undefined) keyObjects.set(privateKey, key = KeyObject.from(privateKey));
  // Bytes of its own (a Buffer may be a view of a shared pool), a few dozen to 256.
  return new Uint8Array(sign(NODE_DIGESTS[digest], data, { key, dsaEncoding: "der" }));
}
