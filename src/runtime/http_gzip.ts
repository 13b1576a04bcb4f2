// gzip for HTTP answers (Content-Encoding: gzip), off the event loop: zlib's thread pool
// compresses a large list while other requests are served, as Go's handler goroutine does.
import { gzip } from "node:zlib";

/** Compresses `bytes` into a gzip member at `level` (1 fastest .. 9 smallest). */
export function gzipBytes(bytes: Uint8Array, level: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    gzip(bytes, { level }, (error, out) => {
      if (error) reject(new Error("Cannot gzip an answer", { cause: error }));
      else resolve(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
    });
  });
}
