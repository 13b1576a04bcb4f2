// SHA-512 through the runtime's native crypto, synchronously: the content hash kube-openapi puts in
// /openapi/v3's `?hash=` and the ETags of its documents.

import { createHash } from "node:crypto";

/** The SHA-512 of `data` (a string is hashed as UTF-8) in upper-case hex, as Go's `%X` prints it. */
export function sha512Hex(data: string | Uint8Array): string {
  return createHash("sha512").update(data).digest("hex").toUpperCase();
}

/**
 * SHA-1 of `data`, at once: Web Crypto's `digest` is a promise and costs ~5× as much CPU on Bun
 * for the few dozen bytes of a key identifier (a cluster registers with several).
 */
export function sha1(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return copied(createHash("sha1").update(data).digest());
}

/** SHA-256 of `data`, at once (a CA's fingerprint), as `sha1`. */
export function sha256(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return copied(createHash("sha256").update(data).digest());
}

// A Buffer may be a view of a shared pool: the digest gets bytes of its own.
function copied(digest: Uint8Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(digest.length);
  bytes.set(digest);
  return bytes;
}
