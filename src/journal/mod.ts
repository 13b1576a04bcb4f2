// The durability journal: a versioned record codec, group commit, snapshots and start-up replay.

export { crc32 } from "./crc32.ts";
export {
  type CachedJson,
  type Checksum,
  COMPRESSED_FORMAT_VERSION,
  type Compression,
  type DecodedFile,
  decodeFile,
  encodeRecord,
  fileHeader,
  frame,
  JOURNAL_FORMAT_VERSION,
  LEGACY_JOURNAL_FORMAT_VERSION,
  LEGACY_ZSTD_FORMAT_VERSION,
  MAX_RECORD_BYTES,
  PLAIN_FORMAT_VERSION,
  recordEncoder,
  ZSTD_FORMAT_VERSION,
} from "./journal_codec.ts";
export { DerivedChanges, type DerivedRecord, DerivedResolver } from "./derived_changes.ts";
export { applyPatch, objectPatch, type PatchEntry } from "./object_patch.ts";
export { JournalError, type JournalErrorReason } from "./journal_error.ts";
export {
  isJournalRecord,
  type JournalRecord,
  type LazyRecord,
  type PemPair,
} from "./journal_record.ts";
export type { FsyncMode, JournalSink } from "./journal_sink.ts";
export { answerWhenDurable, Journal, type JournalOptions } from "./journal.ts";
export { RegistryRecords, restoredClusters } from "./registry_records.ts";
export { type LoadedJournal, loadJournal, type StoredFiles } from "./journal_loader.ts";
export { type DecodedFiles, decodeStoredFiles } from "./journal_loader.ts";
export { type SnapshotSliceOptions, SnapshotSlices } from "./snapshot_slices.ts";
export {
  replaceClusters,
  type Replacement,
  type ReplacementOptions,
} from "./cluster_replacement.ts";
