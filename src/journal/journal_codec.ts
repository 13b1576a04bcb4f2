// The journal file format: a header, then length-prefixed records, each with a CRC-32.
//
// File:   "FKASJNL" + version byte (8 bytes), then frames.
// Frame:  payload length (uint32, big-endian), CRC-32 of the payload (uint32, big-endian), payload.
// Version 1 (journals, and snapshots of fkas before compression): each payload is one
//         JournalRecord as UTF-8 JSON.
// Version 2 and 3 (compressed snapshots): each payload is a compressed run of version-1 frames (no
//         header), so a snapshot is written and read a slice at a time; compression is passed in
//         (through src/runtime/: brotli in version 2, zstd in version 3); the frame's CRC and each
//         inner record's check it.
// Version 4 (uncompressed snapshots) and 5 (zstd snapshots), which fkas writes: 1 and 3 with
//         `settings` records among the records. An fkas from before them reads 1 to 3 only, so it
//         stops at the header with its "format version is not supported" message instead of
//         calling a `settings` record corrupt halfway through the file.
// Version 6 (journals), which fkas writes: 4 with derived change records among the records (an
//         object change as its differences from an earlier change record of the same file,
//         derived_changes.ts). An fkas from before them reads 1 and 4 of journals, so it stops at
//         the header as above; they are resolved to change records as the file is read (what
//         each derives from checked then, its patch parsed and its object built when first
//         read), and only in a version-6 file.
// A crash can leave the last record short (its length runs past the end of the file) or, after a
// power loss, leave zeros where the file grew: both are a torn tail, dropped on start-up. Anything
// else that does not check out is corruption, reported with the file and the byte offset.

import { crc32 } from "./crc32.ts";
import { JournalError } from "./journal_error.ts";
import { isJournalRecord, type JournalRecord } from "./journal_record.ts";
import { DerivedChanges, DerivedResolver, isDerivedRecord } from "./derived_changes.ts";
import { derivedRecordText } from "./derived_record_text.ts";
import { type KubeObject, SnapshotText } from "../store/mod.ts";

/** The format version of journals that fkas writes (derived change records among the records). */
export const JOURNAL_FORMAT_VERSION = 6;
/** The format version of uncompressed snapshots (and of journals before derived records). */
export const PLAIN_FORMAT_VERSION = 4;
/** The format version of journals before `settings` records (read only). */
export const LEGACY_JOURNAL_FORMAT_VERSION = 1;
/** The format version of snapshots whose frames are brotli-compressed runs of records (read only). */
export const COMPRESSED_FORMAT_VERSION = 2;
/** The format version of zstd snapshots before `settings` records (read only). */
export const LEGACY_ZSTD_FORMAT_VERSION = 3;
/** The format version of snapshots whose frames are zstd-compressed runs of records. */
export const ZSTD_FORMAT_VERSION = 5;

// Versions whose frames hold records as they are, and versions whose frames are compressed runs.
const PLAIN_VERSIONS: ReadonlySet<number> = new Set([
  LEGACY_JOURNAL_FORMAT_VERSION,
  PLAIN_FORMAT_VERSION,
  JOURNAL_FORMAT_VERSION,
]);
const COMPRESSED_VERSIONS: ReadonlySet<number> = new Set([
  COMPRESSED_FORMAT_VERSION,
  LEGACY_ZSTD_FORMAT_VERSION,
  ZSTD_FORMAT_VERSION,
]);

/** Compresses and decompresses one slice of a snapshot (zstd in production, from src/runtime/). */
export interface Compression {
  /** The format version `compress` writes (`ZSTD_FORMAT_VERSION`). */
  readonly version: number;
  compress(bytes: Uint8Array): Uint8Array;
  /** Decompresses a slice of a file of format `version` (2: brotli, 3 or 5: zstd). */
  decompress(bytes: Uint8Array, version: number): Uint8Array;
}

/** A CRC-32 of `bytes[start, end)`: `crc32` here, or a native one passed in (src/runtime/). */
export type Checksum = (bytes: Uint8Array, start?: number, end?: number) => number;

const MAGIC = "FKASJNL";
const HEADER_BYTES = 8;
/** Bytes before each payload: its length and its CRC-32. */
export const FRAME_BYTES = 8;
/** The largest record accepted: far above any object kube accepts (3 MiB request bodies). */
export const MAX_RECORD_BYTES = 256 * 1024 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** The header that opens every journal and snapshot file (journals: 6; snapshots: 4, or 5 when compressed). */
export function fileHeader(version = JOURNAL_FORMAT_VERSION): Uint8Array {
  const header = new Uint8Array(HEADER_BYTES);
  header.set(encoder.encode(MAGIC));
  header[7] = version;
  return header;
}

/** One record as bytes: length, checksum, JSON payload. */
export function encodeRecord(record: JournalRecord): Uint8Array {
  return framed(encoder.encode(plainJson(record)), crc32);
}

const plainJson = recordJson();

/**
 * The JSON of an object when something already serialized it (the API's response cache), else
 * undefined; a change record then embeds that text rather than stringifying the object again.
 */
export type CachedJson = (object: KubeObject) => string | undefined;

/** `encodeRecord`, reusing `cachedJson`'s text for the object of a change record (same bytes). */
export function recordEncoder(
  cachedJson?: CachedJson,
  checksum: Checksum = crc32,
): (record: JournalRecord) => Uint8Array {
  const json = recordJson(cachedJson);
  return (record) => framed(encoder.encode(json(record)), checksum);
}

/**
 * A record's JSON payload, as `JSON.stringify(record)` parses, embedding `cachedJson`'s text for
 * the object of a change record when there is one; with `derived` (a journal's), a change record
 * without cached text is written as a derived record where one can be (format version 6).
 */
export function recordJson(
  cachedJson?: CachedJson,
  derived?: DerivedChanges,
): (record: JournalRecord) => string {
  return (record) => {
    if (record.t === "store" && record.store instanceof SnapshotText) {
      return storeJson(record.cluster, record.store);
    }
    if (record.t !== "change") return JSON.stringify(record);
    const object = cachedJson?.(record.change.object);
    if (object === undefined) {
      // Without its text at hand, the object as its differences from an earlier one is cheaper.
      return derived?.derive(record.cluster, record.change) ?? JSON.stringify(record);
    }
    derived?.written(record.cluster, record.change);
    const { type, resource, key, resourceVersion } = record.change;
    // The key order of JSON.stringify(record), so both encoders write the same bytes.
    return `{"t":"change","cluster":${JSON.stringify(record.cluster)},"change":{"type":${
      JSON.stringify(type)
    },"resource":${JSON.stringify(resource)},"key":${
      JSON.stringify(key)
    },"object":${object},"resourceVersion":${resourceVersion}}}`;
  };
}

// A store record whose snapshot is still the text it was read as: that text, as it was (the key
// order of JSON.stringify(record), which `storeRecordText` relies on when reading it back).
function storeJson(cluster: string, store: SnapshotText): string {
  return `{"t":"store","cluster":${JSON.stringify(cluster)},"store":${store.text}}`;
}

/** One frame around `payload` (for a compressed run of records in a version-2 snapshot). */
export function frame(payload: Uint8Array): Uint8Array {
  return framed(payload, crc32);
}

/** `frame` with the CRC-32 computed by `checksum`. */
export function framed(payload: Uint8Array, checksum: Checksum): Uint8Array {
  const bytes = new Uint8Array(FRAME_BYTES + payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, payload.length);
  view.setUint32(4, checksum(payload));
  bytes.set(payload, FRAME_BYTES);
  return bytes;
}

/** What a file holds: its records, where the valid part ends, and whether a torn tail was dropped. */
export interface DecodedFile {
  readonly records: JournalRecord[];
  /** Bytes up to the end of the last valid record (appends continue from here). */
  readonly validBytes: number;
  /** Bytes of a torn last record dropped after the valid part. */
  readonly tornBytes: number;
  /** The valid part's bytes as if uncompressed (version 2 slices counted decompressed). */
  readonly contentBytes: number;
}

/**
 * Decodes a whole file. A torn tail is dropped; any other damage throws a Corrupt JournalError
 * naming `file` and the offset. An empty file (created, never written) holds nothing. A
 * compressed (version 2, 3 or 5) file needs `compression`.
 */
export function decodeFile(
  bytes: Uint8Array,
  file: string,
  compression?: Compression,
  checksum: Checksum = crc32,
): DecodedFile {
  if (bytes.length === 0) return { records: [], validBytes: 0, tornBytes: 0, contentBytes: 0 };
  if (bytes.length < HEADER_BYTES) {
    if (isPrefixOfHeader(bytes)) {
      return { records: [], validBytes: 0, tornBytes: bytes.length, contentBytes: 0 };
    }
    throw corrupt(file, 0, "not an fkas journal file (bad header)");
  }
  const version = checkHeader(bytes, file, compression);
  const records: JournalRecord[] = [];
  let inflated = 0; // decompressed minus compressed bytes of version 2 slices
  // A patch that does not fit shows when the object is built: on its store's first use, which
  // then fails, every time, with this (the store stays unread, never half replayed).
  const derived = version === JOURNAL_FORMAT_VERSION
    ? new DerivedResolver((cause, at) =>
      corrupt(file, at, unresolved(cause), cause, "its cluster's objects cannot be read")
    )
    : undefined;
  const onPayload = PLAIN_VERSIONS.has(version)
    ? (payload: Uint8Array, offset: number) =>
      records.push(parsePayload(payload, file, offset, undefined, derived))
    : (payload: Uint8Array, offset: number) => {
      let inner: Uint8Array;
      try {
        inner = compression!.decompress(payload, version);
      } catch (cause) {
        throw corrupt(file, offset, "compressed records do not decompress", cause);
      }
      inflated += inner.length - payload.length - FRAME_BYTES;
      const decoded = decodeFrames(inner, 0, file, checksum, (record, at) => {
        records.push(parsePayload(record, file, offset, at));
      }, offset);
      if (decoded.tornBytes > 0) throw corrupt(file, offset, "compressed records end inside one");
    };
  const { validBytes, tornBytes } = decodeFrames(bytes, HEADER_BYTES, file, checksum, onPayload);
  return { records, validBytes, tornBytes, contentBytes: validBytes + inflated };
}

// Walks frames from `start`, handing each checked payload to `onPayload`; stops at a torn tail.
// `outer` is the offset of the compressed frame the bytes came from (for messages).
function decodeFrames(
  bytes: Uint8Array,
  start: number,
  file: string,
  checksum: Checksum,
  onPayload: (payload: Uint8Array, offset: number) => void,
  outer?: number,
): { validBytes: number; tornBytes: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = (offset: number) => outer ?? offset;
  const inside = (offset: number) =>
    outer === undefined ? "" : ` (at ${offset} of its decompressed records)`;
  let offset = start;
  while (offset < bytes.length) {
    const torn = { validBytes: offset, tornBytes: bytes.length - offset };
    if (bytes.length - offset < FRAME_BYTES || allZero(bytes, offset)) return torn;
    const length = view.getUint32(offset);
    const end = offset + FRAME_BYTES + length;
    if (length === 0 || length > MAX_RECORD_BYTES) {
      throw corrupt(file, at(offset), `record length ${length} is out of range${inside(offset)}`);
    }
    if (end > bytes.length) return torn;
    // One view per record, checked and handed on: a native checksum of a range makes its own.
    const payload = bytes.subarray(offset + FRAME_BYTES, end);
    if (checksum(payload) !== view.getUint32(offset + 4)) {
      throw corrupt(file, at(offset), `record checksum mismatch${inside(offset)}`);
    }
    onPayload(payload, offset);
    offset = end;
  }
  return { validBytes: offset, tornBytes: 0 };
}

function checkHeader(bytes: Uint8Array, file: string, compression?: Compression): number {
  const magic = new TextDecoder().decode(bytes.subarray(0, 7));
  if (magic !== MAGIC) throw corrupt(file, 0, "not an fkas journal file (bad header)");
  const version = bytes[7];
  if (PLAIN_VERSIONS.has(version)) return version;
  if (COMPRESSED_VERSIONS.has(version) && compression) return version;
  throw new JournalError(
    "Unsupported",
    `Cannot read ${file}: format version ${version} is not supported (this fkas reads versions ${
      [...PLAIN_VERSIONS].join(", ")
    } of journals and ${
      [...COMPRESSED_VERSIONS].join(", ")
    } of snapshots; a newer fkas wrote it: run that one, or move the data dir away to start empty)`,
    file,
    7,
  );
}

function parsePayload(
  payload: Uint8Array,
  file: string,
  offset: number,
  inner?: number,
  derived?: DerivedResolver,
): JournalRecord {
  const where = inner === undefined ? "" : ` (at ${inner} of its decompressed records)`;
  const store = storeRecord(payload);
  if (store) return store;
  let text: string;
  try {
    text = decoder.decode(payload);
  } catch (cause) {
    throw corrupt(file, offset, `record is not valid JSON${where}`, cause);
  }
  // Most of a journal: its patch stays text until its object is built (derived_record_text.ts).
  const head = derived && derivedRecordText(text);
  if (head) {
    try {
      return derived.resolve(head, offset);
    } catch (cause) {
      throw corrupt(file, offset, unresolved(cause), cause);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw corrupt(file, offset, `record is not valid JSON${where}`, cause);
  }
  if (derived && isDerivedRecord(value)) {
    try {
      return derived.resolve(value, offset);
    } catch (cause) {
      throw corrupt(file, offset, unresolved(cause), cause);
    }
  }
  if (!isJournalRecord(value)) throw corrupt(file, offset, `record has an unknown shape${where}`);
  if (derived && value.t === "change") derived.remember(value.cluster, value.change);
  return value;
}

const STORE_PREFIX = encoder.encode('{"t":"store","cluster":"');
const STORE_INFIX = encoder.encode(',"store":');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CLOSE = 0x7d;

// A store record as its writer lays it out (`{"t":"store","cluster":"…","store":{…}}`), read
// without parsing the snapshot: its cluster key, and its snapshot's text for the store to parse
// on first use. The checksum vouches for the bytes; anything laid out otherwise (an escape in the
// key) is parsed whole.
function storeRecord(payload: Uint8Array): JournalRecord | undefined {
  const prefix = STORE_PREFIX.length;
  if (payload.length < prefix + STORE_INFIX.length + 3 || payload[payload.length - 1] !== CLOSE) {
    return undefined;
  }
  for (let i = 0; i < prefix; i++) if (payload[i] !== STORE_PREFIX[i]) return undefined;
  let end = prefix;
  while (end < payload.length && payload[end] !== QUOTE) {
    if (payload[end] === BACKSLASH) return undefined;
    end++;
  }
  const infix = end + 1;
  if (infix + STORE_INFIX.length >= payload.length - 1) return undefined;
  for (let i = 0; i < STORE_INFIX.length; i++) {
    if (payload[infix + i] !== STORE_INFIX[i]) return undefined;
  }
  if (payload[infix + STORE_INFIX.length] !== 0x7b) return undefined; // `{`: an object follows
  return {
    t: "store",
    cluster: decoder.decode(payload.subarray(prefix, end)),
    store: new SnapshotText(
      decoder.decode(payload.subarray(infix + STORE_INFIX.length, payload.length - 1)),
    ),
  };
}

function isPrefixOfHeader(bytes: Uint8Array): boolean {
  const header = fileHeader();
  return bytes.every((byte, i) => byte === header[i]);
}

function allZero(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

function unresolved(cause: unknown): string {
  return `derived record does not resolve: ${
    cause instanceof Error ? cause.message : String(cause)
  }`;
}

function corrupt(
  file: string,
  offset: number,
  what: string,
  cause?: unknown,
  consequence = "fkas will not start with a partial state",
): JournalError {
  return new JournalError(
    "Corrupt",
    `Cannot restore from ${file}: corrupt at byte offset ${offset}: ${what}; ${consequence} (move the data dir away to start empty)`,
    file,
    offset,
    { cause },
  );
}
