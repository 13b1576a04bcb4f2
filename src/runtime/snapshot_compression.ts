// zstd (level 1) for journal snapshots: the slices of a version-5 snapshot file (version 3 before
// `settings` records, the same bytes); brotli (quality 1) reads the version-2 snapshots of an fkas
// from before.
//
// Measured on 16 MiB of seeded clusters' records (scripts/bench/restart.ts data), CPU on Bun and
// Deno: zstd 1 compresses in 16–25 ms to 942 KiB and decompresses in 12–18 ms; brotli 1 took
// 30–43 ms to 1,374 KiB and 30–41 ms back (deflate 1: 36–49 ms, 3,047 KiB, 25–38 ms back). A
// restart decompresses every snapshot and a compaction compresses the whole state.

import { brotliDecompressSync, constants, zstdCompressSync, zstdDecompressSync } from "node:zlib";

const ZSTD = { params: { [constants.ZSTD_c_compressionLevel]: 1 } };
// A slice is ~1 MiB of records (a single larger record makes a larger one): with zlib's default
// 16 KiB chunks, decompressing one took ~64 native writes and a concatenation of their outputs,
// half of a restart's zstd CPU (measured on Bun: 175 MB of a worker's snapshot, 250 → 135 ms).
const UNZSTD = { chunkSize: 2 << 20 };

/** Compresses one snapshot slice (zstd: a version-5 snapshot's). */
export function compressSnapshotSlice(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(zstdCompressSync(bytes, ZSTD));
}

/**
 * Decompresses one slice of a snapshot of format `version`: 3 or 5 zstd, 2 brotli (throws on damaged
 * input).
 */
export function decompressSnapshotSlice(bytes: Uint8Array, version = 5): Uint8Array {
  const out = version === 2 ? brotliDecompressSync(bytes) : zstdDecompressSync(bytes, UNZSTD);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength); // a view: no copy
}

/**
 * What snapshots are written with (format version 5, zstd: src/journal's ZSTD_FORMAT_VERSION), and
 * how any snapshot is read back.
 */
export const snapshotCompression = {
  version: 5,
  compress: compressSnapshotSlice,
  decompress: decompressSnapshotSlice,
} as const;
