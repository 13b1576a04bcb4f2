// Brotli (quality 1) for journal snapshots: the slices of a version-2 snapshot file.
//
// Measured on 1 MiB of seeded clusters' records (scripts/bench/restart.ts data): brotli 1 shrinks
// them 9.4× at 350 MiB/s (Bun) / 175 MiB/s (Deno) of CPU; gzip 1 only 3.6× at a similar speed,
// gzip 6 and brotli 4 5.2× and 12.2× at a third of the speed.

import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";

const OPTIONS = {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 1,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
  },
};

/** Compresses one snapshot slice. */
export function compressSnapshotSlice(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(brotliCompressSync(bytes, OPTIONS));
}

/** Decompresses one snapshot slice (throws on damaged input). */
export function decompressSnapshotSlice(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(brotliDecompressSync(bytes));
}
