// Start-up: decode a data dir's snapshot and journal into the clusters to restore, and say how much.

import type { RestoredCluster } from "../cluster/mod.ts";
import { type Checksum, type Compression, decodeFile } from "./journal_codec.ts";
import { crc32 } from "./crc32.ts";
import { JournalError } from "./journal_error.ts";
import type { JournalRecord } from "./journal_record.ts";
import { restoredClusters } from "./registry_records.ts";
import { supersedes } from "./superseding.ts";
import { SnapshotText } from "../store/mod.ts";

/** A data dir's newest generation as bytes (read by `openDataDir` in src/runtime/). */
export interface StoredFiles {
  readonly snapshotFile?: string;
  readonly snapshot?: Uint8Array;
  /** Journals before `journal`, after the snapshot (a compaction that did not finish), in order. */
  readonly earlierJournals?: readonly { readonly file: string; readonly bytes: Uint8Array }[];
  readonly journalFile: string;
  readonly journal?: Uint8Array;
}

/** What start-up restores, and the figures it logs. */
export interface LoadedJournal {
  readonly clusters: RestoredCluster[];
  /** Where appends continue in the journal file (0: start it afresh). */
  readonly journalValidBytes: number;
  /** Bytes of a torn last record dropped from the journal (a crash mid-write). */
  readonly tornBytes: number;
  readonly snapshotRecords: number;
  readonly journalRecords: number;
  /** Of the journals' records, those that replace or remove earlier state (`supersedes`). */
  readonly supersedingRecords: number;
  /** Of the journals' records, the registrations (what arms the idle snapshot after a restart). */
  readonly journalRegistrations: number;
  readonly bytes: number;
  /** The snapshot's bytes uncompressed (what the compaction threshold weighs). */
  readonly snapshotContentBytes: number;
  /** Objects of snapshots read as objects, and object changes after snapshots. */
  readonly objects: number;
}

/** A data dir's files decoded and checked, not yet folded: each file's records, in order. */
export interface DecodedFiles {
  /** The snapshot's, then each journal's records. */
  readonly files: readonly { readonly file: string; readonly records: readonly JournalRecord[] }[];
  /** Where appends continue in the journal file (0: start it afresh). */
  readonly journalValidBytes: number;
  /** Bytes of a torn last record dropped from the journal (a crash mid-write). */
  readonly tornBytes: number;
  readonly snapshotRecords: number;
  readonly journalRecords: number;
  /** Of the journals' records, those that replace or remove earlier state (`supersedes`). */
  readonly supersedingRecords: number;
  /** Of the journals' records, the registrations. */
  readonly journalRegistrations: number;
  readonly bytes: number;
  /** The snapshot's bytes uncompressed. */
  readonly snapshotContentBytes: number;
}

/**
 * Decodes the files. A snapshot is written whole before it is renamed into place, so any damage
 * to it, a torn end included, is corruption; the journal may end torn. A compressed (version 2, 3 or 5)
 * snapshot needs `compression`.
 */
export function decodeStoredFiles(
  files: StoredFiles,
  compression?: Compression,
  checksum: Checksum = crc32,
): DecodedFiles {
  const snapshot = files.snapshot && files.snapshotFile
    ? decodeFile(files.snapshot, files.snapshotFile, compression, checksum)
    : undefined;
  if (snapshot && snapshot.tornBytes > 0) {
    throw new JournalError(
      "Corrupt",
      `Cannot restore from ${files.snapshotFile}: corrupt at byte offset ${snapshot.validBytes}: the snapshot ends inside a record (truncated); fkas will not start with a partial state`,
      files.snapshotFile,
      snapshot.validBytes,
    );
  }
  // An earlier journal was synced before the next one began: a torn end there is damage.
  const earlier = (files.earlierJournals ?? []).map(({ file, bytes }) => {
    const decoded = decodeFile(bytes, file, undefined, checksum);
    if (decoded.tornBytes > 0) {
      throw new JournalError(
        "Corrupt",
        `Cannot restore from ${file}: corrupt at byte offset ${decoded.validBytes}: the journal ends inside a record, and a newer journal follows it; fkas will not start with a partial state`,
        file,
        decoded.validBytes,
      );
    }
    return { file, records: decoded.records, bytes: bytes.length };
  });
  const journal = files.journal
    ? decodeFile(files.journal, files.journalFile, undefined, checksum)
    : { records: [], validBytes: 0, tornBytes: 0, contentBytes: 0 };
  return {
    files: [
      ...(snapshot ? [{ file: files.snapshotFile!, records: snapshot.records }] : []),
      ...earlier,
      { file: files.journalFile, records: journal.records },
    ],
    journalValidBytes: journal.validBytes,
    tornBytes: journal.tornBytes,
    snapshotRecords: snapshot?.records.length ?? 0,
    journalRecords: earlier.reduce((sum, e) => sum + e.records.length, journal.records.length),
    ...tally([...earlier, journal]),
    bytes: earlier.reduce(
      (sum, e) => sum + e.bytes,
      (files.snapshot?.length ?? 0) + (files.journal?.length ?? 0),
    ),
    snapshotContentBytes: snapshot?.contentBytes ?? 0,
  };
}

// The journals' superseding records and registrations, counted in one pass (no arrays of
// ~430,000 records filtered twice per worker at 10,000 clusters).
function tally(
  journals: readonly { readonly records: readonly JournalRecord[] }[],
): { supersedingRecords: number; journalRegistrations: number } {
  let supersedingRecords = 0;
  let journalRegistrations = 0;
  for (const { records } of journals) {
    for (const record of records) {
      if (supersedes(record)) supersedingRecords++;
      else if (record.t === "register") journalRegistrations++;
    }
  }
  return { supersedingRecords, journalRegistrations };
}

/** Decodes (see `decodeStoredFiles`) and folds the files into the clusters to restore. */
export function loadJournal(
  files: StoredFiles,
  compression?: Compression,
  checksum: Checksum = crc32,
): LoadedJournal {
  const { files: decoded, ...figures } = decodeStoredFiles(files, compression, checksum);
  const clusters = restoredClusters(decoded);
  return {
    clusters,
    ...figures,
    objects: clusters.reduce(
      // A snapshot kept as text is not counted: counting would parse it.
      (sum, c) =>
        sum + (c.snapshot instanceof SnapshotText ? 0 : c.snapshot?.objects.length ?? 0) +
        c.changes.length,
      0,
    ),
  };
}
