// The journal file format: records round-trip, a torn tail is dropped, other damage names file and offset.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  crc32,
  decodeFile,
  DerivedChanges,
  encodeRecord,
  fileHeader,
  frame,
  JOURNAL_FORMAT_VERSION,
  JournalError,
  type JournalRecord,
  LEGACY_JOURNAL_FORMAT_VERSION,
  PLAIN_FORMAT_VERSION,
  recordEncoder,
  ZSTD_FORMAT_VERSION,
} from "../../src/journal/mod.ts";
import { snapshotCompression } from "../../src/runtime/mod.ts";

const records: JournalRecord[] = [
  { t: "unregister", cluster: "default/a" },
  {
    t: "change",
    cluster: "default/a",
    change: {
      type: "ADDED",
      resource: "configmaps",
      key: "default/x",
      object: {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "x", namespace: "default" },
      },
      resourceVersion: 7,
    },
  },
  { t: "state", cluster: "default/a", state: stateOf("serving") },
];

function stateOf(listener: "pending" | "serving" | "stopped") {
  return {
    activated: true,
    kubernetesVersion: "v1.33.1",
    controlPlaneVersions: [["cp", "v1.33.1"]] as [string, string][],
    listener,
  };
}

function file(...parts: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

const whole = () => file(fileHeader(), ...records.map(encodeRecord));

function corruptAt(bytes: Uint8Array): JournalError {
  try {
    decodeFile(bytes, "/data/journal-0.fkas");
  } catch (error) {
    assert.ok(error instanceof JournalError);
    return error;
  }
  assert.fail("expected a JournalError");
}

describe("journal codec", () => {
  it("crc32 is the IEEE checksum (check value of '123456789' is cbf43926)", () => {
    assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
  });

  it("crc32 agrees with the bitwise definition at every length and offset (slicing-by-8)", () => {
    const bitwise = (bytes: Uint8Array) => {
      let crc = 0xffffffff;
      for (const byte of bytes) {
        crc ^= byte;
        for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
      }
      return (crc ^ 0xffffffff) >>> 0;
    };
    const bytes = Uint8Array.from({ length: 80 }, (_, i) => (i * 151 + 7) & 0xff);
    for (let start = 0; start < 9; start++) {
      for (let end = start; end <= bytes.length; end++) {
        assert.equal(crc32(bytes, start, end), bitwise(bytes.subarray(start, end)));
      }
    }
  });

  it("a change record reusing an object's cached JSON is the same bytes as one stringified", () => {
    const change = records[1] as Extract<JournalRecord, { t: "change" }>;
    const cached = recordEncoder((object) => JSON.stringify(object));
    assert.deepEqual(cached(change), encodeRecord(change));
    const unicode = { ...change, cluster: 'default/"ä"' };
    assert.deepEqual(cached(unicode), encodeRecord(unicode));
    assert.deepEqual(recordEncoder(() => undefined)(change), encodeRecord(change));
  });

  it("records round-trip in order, and appends continue at the end", () => {
    const bytes = whole();
    const decoded = decodeFile(bytes, "j");
    assert.deepEqual(decoded.records, records);
    assert.equal(decoded.validBytes, bytes.length);
    assert.equal(decoded.tornBytes, 0);
  });

  it("an empty file and a torn header hold nothing", () => {
    assert.deepEqual(decodeFile(new Uint8Array(), "j").records, []);
    assert.equal(decodeFile(fileHeader().subarray(0, 3), "j").tornBytes, 3);
  });

  it("a last record cut anywhere is dropped; appends continue after the record before it", () => {
    const bytes = whole();
    const lastStart = bytes.length - encodeRecord(records[2]).length;
    for (const cut of [lastStart + 1, lastStart + 5, lastStart + 9, bytes.length - 1]) {
      const decoded = decodeFile(bytes.subarray(0, cut), "j");
      assert.deepEqual(decoded.records, records.slice(0, 2), `cut at ${cut}`);
      assert.equal(decoded.validBytes, lastStart);
      assert.equal(decoded.tornBytes, cut - lastStart);
    }
  });

  it("zeros where the file grew before a power loss are a torn tail", () => {
    const decoded = decodeFile(file(whole(), new Uint8Array(100)), "j");
    assert.deepEqual(decoded.records, records);
  });

  it("a flipped bit in any record but a short tail is Corrupt, naming the file and the offset", () => {
    const bytes = whole();
    const second = 8 + encodeRecord(records[0]).length;
    for (
      const [position, offset] of [[second + 20, second], [
        bytes.length - 2,
        bytes.length - encodeRecord(records[2]).length,
      ]]
    ) {
      const flipped = bytes.slice();
      flipped[position] ^= 0x10;
      const error = corruptAt(flipped);
      assert.equal(error.reason, "Corrupt");
      assert.equal(error.file, "/data/journal-0.fkas");
      assert.equal(error.offset, offset);
      assert.match(
        error.message,
        /journal-0\.fkas: corrupt at byte offset \d+: record checksum mismatch/,
      );
    }
  });

  it("a length past the record limit in the middle is Corrupt, not a torn tail", () => {
    const bytes = whole();
    const flipped = bytes.slice();
    flipped[8] = 0xff; // the first record's length, high byte
    assert.equal(corruptAt(flipped).reason, "Corrupt");
  });

  it("a file that is not a journal, or of a newer format, stops start-up", () => {
    assert.equal(corruptAt(new TextEncoder().encode("hello world, not a journal")).offset, 0);
    const newer = whole();
    newer[7] = 2;
    const error = corruptAt(newer);
    assert.equal(error.reason, "Unsupported");
    assert.match(error.message, /format version 2 is not supported/);
  });

  it("files that may hold `settings` records carry versions 4 and 5, beyond an older fkas's 1 to 3", () => {
    // An fkas from before `settings` records reads versions 1 to 3 and stops at any other header
    // with "format version N is not supported", where reading on it would have stopped at the
    // first `settings` record as "corrupt". So what this fkas writes must not say 1, 2 or 3.
    assert.equal(PLAIN_FORMAT_VERSION, 4);
    assert.equal(fileHeader(PLAIN_FORMAT_VERSION)[7], 4);
    assert.equal(ZSTD_FORMAT_VERSION, 5);
    assert.equal(snapshotCompression.version, 5);
    const settings: JournalRecord = {
      t: "settings",
      cluster: "default/a",
      settings: { leaseRenewal: false },
    };
    const journal = file(fileHeader(PLAIN_FORMAT_VERSION), encodeRecord(settings));
    assert.equal(decodeFile(journal, "j").records.length, 1);
    // A version-1 journal of an older fkas still loads.
    const older = whole();
    older[7] = LEGACY_JOURNAL_FORMAT_VERSION;
    assert.deepEqual(decodeFile(older, "j").records, records);
    // And a version this fkas does not know stops start-up with the message an older one gives.
    const newer = whole();
    newer[7] = 7;
    const error = corruptAt(newer);
    assert.equal(error.reason, "Unsupported");
    assert.equal(error.offset, 7);
    assert.match(
      error.message,
      /journal-0\.fkas: format version 7 is not supported \(this fkas reads versions 1, 4, 6 of journals and 2, 3, 5 of snapshots; a newer fkas wrote it/,
    );
  });

  it("journals that may hold derived records carry version 6, beyond an older fkas's 1 and 4", () => {
    // An fkas from before derived records reads journals of versions 1 and 4 and stops at any
    // other header with "format version 6 is not supported (...)" rather than at the first
    // derived record as "corrupt"; this fkas writes version 6 only where they may be (journals).
    assert.equal(JOURNAL_FORMAT_VERSION, 6);
    assert.equal(fileHeader()[7], 6);
    const added = records[1] as Extract<JournalRecord, { t: "change" }>;
    const derived = new DerivedChanges();
    derived.derive("default/a", added.change);
    const text = derived.derive("default/b", {
      ...added.change,
      object: { ...added.change.object, metadata: { name: "x", namespace: "default", uid: "u" } },
    });
    assert.ok(text?.startsWith('{"t":"derived"'));
    const payload = new TextEncoder().encode(text);
    const journal = file(fileHeader(), encodeRecord(added), frame(payload));
    assert.deepEqual(decodeFile(journal, "j").records.map((r) => r.cluster), [
      "default/a",
      "default/b",
    ]);
    // The same record in a version-4 file is not one of its records.
    const older = journal.slice();
    older[7] = PLAIN_FORMAT_VERSION;
    assert.match(corruptAt(older).message, /record has an unknown shape/);
  });
});
