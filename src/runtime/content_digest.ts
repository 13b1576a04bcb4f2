// SHA-512 through the runtime's native crypto, synchronously: the content hash kube-openapi puts in
// /openapi/v3's `?hash=` and the ETags of its documents.

import { createHash } from "node:crypto";

/** The SHA-512 of `data` (a string is hashed as UTF-8) in upper-case hex, as Go's `%X` prints it. */
export function sha512Hex(data: string | Uint8Array): string {
  return createHash("sha512").update(data).digest("hex").toUpperCase();
}
