// A group commit's records as one run of frames, encoded straight into a reused buffer.
//
// Encoding each record on its own (TextEncoder.encode, then a framed copy, then a concatenation of
// the batch) allocated and copied every record's bytes three times; a write path pays that per
// answer. Here each payload is encoded in place after its frame's 8 bytes and the batch is copied
// out once.

import { type CachedJson, type Checksum, FRAME_BYTES, recordJson } from "./journal_codec.ts";
import { crc32 } from "./crc32.ts";
import type { DerivedChanges } from "./derived_changes.ts";
import type { JournalRecord } from "./journal_record.ts";
import { supersedes } from "./superseding.ts";

/** What a batch encoder tells its caller about the batch it wrote. */
export interface BatchTally {
  /** Bytes of the batch's records that replace or remove earlier ones (`supersedes`). */
  superseding: number;
}

/** Scratch space kept between batches; a larger one (a burst) is let go after its batch. */
const KEEP_BYTES = 4 << 20;

const encoder = new TextEncoder();

/**
 * Encodes a batch of records as consecutive frames (the same bytes as `recordEncoder` per
 * record, concatenated, or with `derived`, change records derived where they can be);
 * `tally`, when given, gains the bytes of superseding records.
 */
export function batchEncoder(
  cachedJson?: CachedJson,
  checksum: Checksum = crc32,
  derived?: DerivedChanges,
): (records: readonly JournalRecord[], tally?: BatchTally) => Uint8Array {
  const json = recordJson(cachedJson, derived);
  let scratch = new Uint8Array(64 << 10);
  return (records, tally) => {
    const texts = records.map(json);
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    let bound = 0;
    for (const text of texts) bound += FRAME_BYTES + 3 * text.length;
    const buffer = bound <= scratch.length ? scratch : new Uint8Array(bound);
    if (bound <= KEEP_BYTES && buffer !== scratch) scratch = buffer;
    const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    let offset = 0;
    for (let i = 0; i < texts.length; i++) {
      const start = offset + FRAME_BYTES;
      const { written } = encoder.encodeInto(texts[i], buffer.subarray(start));
      view.setUint32(offset, written);
      view.setUint32(offset + 4, checksum(buffer, start, start + written));
      offset = start + written;
      if (tally && supersedes(records[i])) tally.superseding += FRAME_BYTES + written;
    }
    return buffer.slice(0, offset);
  };
}
