// Re-placing clusters when `--workers` changes between restarts: every record of every old
// worker's files goes, in order, to the snapshot of the worker its cluster now hashes to.
//
// A cluster's records all live in one old worker's files (each worker journals only its own
// clusters), and no record refers to another cluster, so routing records one by one keeps each
// cluster's history whole and in order; folding happens later, as at any start-up.

import type { Checksum, Compression } from "./journal_codec.ts";
import { recordEncoder } from "./journal_codec.ts";
import { decodeStoredFiles, type StoredFiles } from "./journal_loader.ts";
import { SnapshotSlices } from "./snapshot_slices.ts";

/** What re-placement needs besides the old files. */
export interface ReplacementOptions {
  /** How many workers the clusters are placed on now. */
  readonly workers: number;
  /** The worker (0 ≤ index < workers) a `namespace/name` key is placed on. */
  readonly placeOf: (cluster: string) => number;
  /** Hears each new worker's snapshot bytes, in order, header first. */
  readonly write: (worker: number, bytes: Uint8Array) => void;
  readonly compression?: Compression;
  readonly checksum?: Checksum;
  /** Hears a torn last record dropped from an old journal (a crash mid-write). */
  readonly onTorn?: (file: string, offset: number, bytes: number) => void;
}

/** How many clusters and records each new worker received. */
export interface Replacement {
  readonly clusters: readonly number[];
  readonly records: number;
}

/**
 * Reads each old worker's files (one at a time, to bound memory) and writes one snapshot per new
 * worker holding the records of its clusters. Damage stops it with the loader's messages.
 */
export function replaceClusters(
  old: Iterable<() => StoredFiles>,
  options: ReplacementOptions,
): Replacement {
  const encode = recordEncoder(undefined, options.checksum);
  const slices = Array.from({ length: options.workers }, () =>
    new SnapshotSlices({
      encode,
      compression: options.compression,
      checksum: options.checksum,
    }));
  slices.forEach((s, worker) => options.write(worker, s.header()));
  const clusters = slices.map(() => new Set<string>());
  let records = 0;
  for (const read of old) {
    const stored = read();
    const decoded = decodeStoredFiles(stored, options.compression, options.checksum);
    if (decoded.tornBytes > 0) {
      options.onTorn?.(stored.journalFile, decoded.journalValidBytes, decoded.tornBytes);
    }
    for (const file of decoded.files) {
      for (const record of file.records) {
        const worker = options.placeOf(record.cluster);
        if (record.t === "register") clusters[worker].add(record.cluster);
        else if (record.t === "unregister") clusters[worker].delete(record.cluster);
        const slice = slices[worker].add(record);
        if (slice) options.write(worker, slice);
        records++;
      }
    }
  }
  slices.forEach((s, worker) => {
    const last = s.end();
    if (last) options.write(worker, last);
  });
  return { clusters: clusters.map((set) => set.size), records };
}
