// Where journal bytes go: the interface a file sink (src/runtime/journal_files.ts) or a test implements.

/** How hard an append tries to survive a power loss (a process crash loses nothing in any mode). */
export type FsyncMode = "always" | "batch" | "never";

/** An append-only destination for encoded records, plus the snapshot that bounds it. */
export interface JournalSink {
  /** Appends whole records; resolves once they are written (and synced, as the mode says). */
  append(bytes: Uint8Array): Promise<void>;
  /**
   * Makes `snapshot` (a whole file, header and records, in slices encoded as they are asked for)
   * the new base and starts an empty journal after it, so that a crash at any point leaves either
   * the old pair or the new one.
   */
  compact(snapshot: AsyncIterable<Uint8Array>): Promise<void>;
  /** Flushes and closes the files and releases the data dir. */
  close(): Promise<void>;
}
