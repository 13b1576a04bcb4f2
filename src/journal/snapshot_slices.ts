// A snapshot file's bytes built from records: its header, then runs of encoded records, each run
// compressed and framed (format version 5) or left as it is (version 4). Compaction feeds it a
// captured state; start-up re-placement feeds it the records of other workers' journals.

import {
  type Checksum,
  type Compression,
  fileHeader,
  framed,
  PLAIN_FORMAT_VERSION,
} from "./journal_codec.ts";
import { crc32 } from "./crc32.ts";
import type { JournalRecord } from "./journal_record.ts";
import { concatBytes } from "../encoding/mod.ts";

/** How a snapshot's records become bytes. */
export interface SnapshotSliceOptions {
  /** One record as framed bytes (`recordEncoder`). */
  readonly encode: (record: JournalRecord) => Uint8Array;
  /** Compresses each run (its format version: 5); none: version 4. */
  readonly compression?: Compression;
  /** The frames' CRC-32. @default crc32 */
  readonly checksum?: Checksum;
  /**
   * Uncompressed bytes of records per run.
   * @default 1 MiB
   */
  readonly sliceBytes?: number;
}

/** Accumulates records and hands out a snapshot file's bytes a run at a time. */
export class SnapshotSlices {
  #parts: Uint8Array[] = [];
  #size = 0;
  #contentBytes: number;
  #records = 0;

  constructor(private readonly options: SnapshotSliceOptions) {
    this.#contentBytes = this.header().length;
  }

  /** The bytes that open the file. */
  header(): Uint8Array {
    // A snapshot holds no derived records (each record stands alone): version 4 when plain.
    return fileHeader(this.options.compression?.version ?? PLAIN_FORMAT_VERSION);
  }

  /** Adds one record; answers the next run of file bytes once a run is full. */
  add(record: JournalRecord): Uint8Array | undefined {
    const bytes = this.options.encode(record);
    this.#parts.push(bytes);
    this.#size += bytes.length;
    this.#records++;
    return this.#size >= (this.options.sliceBytes ?? 1 << 20) ? this.end() : undefined;
  }

  /** The last run of file bytes, if records are left over. */
  end(): Uint8Array | undefined {
    if (this.#parts.length === 0) return undefined;
    const run = this.#parts.length === 1 ? this.#parts[0] : concatBytes(this.#parts, this.#size);
    this.#contentBytes += this.#size;
    this.#parts = [];
    this.#size = 0;
    const compression = this.options.compression;
    return compression ? framed(compression.compress(run), this.options.checksum ?? crc32) : run;
  }

  /** The file's bytes so far as if uncompressed (what the compaction threshold weighs). */
  get contentBytes(): number {
    return this.#contentBytes;
  }

  /** Records added so far. */
  get records(): number {
    return this.#records;
  }
}
