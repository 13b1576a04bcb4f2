// Where journal bytes go: the interface a file sink (src/runtime/journal_files.ts) or a test implements.

/** How hard an append tries to survive a power loss (a process crash loses nothing in any mode). */
export type FsyncMode = "always" | "batch" | "never";

/**
 * Writes a snapshot (a whole file, header and records, in slices encoded as they are asked for)
 * and, once it is durable, removes the generations it replaces.
 */
export type SnapshotWriter = (snapshot: AsyncIterable<Uint8Array>) => Promise<void>;

/** An append-only destination for encoded records, plus the snapshot that bounds it. */
export interface JournalSink {
  /** Appends whole records; resolves once they are written (and synced, as the mode says). */
  append(bytes: Uint8Array): Promise<void>;
  /**
   * Starts the next journal: the current one is made durable and closed, and appends after this
   * resolves go to an empty new one. Resolves with the writer of the snapshot that the new journal
   * follows from, which runs while appends go on; a crash before that snapshot is in place leaves
   * the old snapshot and both journals, which start-up replays in order.
   */
  rotate(): Promise<SnapshotWriter>;
  /** Flushes and closes the files and releases the data dir. */
  close(): Promise<void>;
}
