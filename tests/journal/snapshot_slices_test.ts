// Snapshots encoded a slice per event-loop turn while writes go on, compressed (zstd, format
// version 3), and snapshots of the previous formats (version 1, and 2 with brotli) still loaded.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  decodeFile,
  encodeRecord,
  fileHeader,
  frame,
  Journal,
  JournalError,
  type JournalRecord,
  type JournalSink,
  loadJournal,
} from "../../src/journal/mod.ts";
import { concatBytes } from "../../src/encoding/mod.ts";
import { brotliCompressSync, constants } from "node:zlib";
import { compressSnapshotSlice, snapshotCompression } from "../../src/runtime/mod.ts";
import { ObjectStore, SnapshotText, type StoreSnapshot } from "../../src/store/mod.ts";

const zstd = snapshotCompression;
const CONFIG_MAPS = { key: "configmaps", namespaced: true, tracksGeneration: false };
const cm = (name: string, v: string) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "default" },
  data: { v: v.repeat(50) },
});

function clusters(count: number): ObjectStore[] {
  return Array.from({ length: count }, () => {
    let uid = 0;
    const store = new ObjectStore({
      now: () => new Date("2026-01-01T00:00:00Z"),
      newUid: () => `u${++uid}`,
      historyLimit: 5,
    });
    for (let i = 0; i < 8; i++) store.create(CONFIG_MAPS, cm(`cm${i}`, "a"));
    return store;
  });
}

const storeRecords = (stores: ObjectStore[]): JournalRecord[] =>
  stores.map((store, i) => ({ t: "store", cluster: `default/c${i}`, store: store.snapshot() }));

const register = (i: number): JournalRecord => ({
  t: "register",
  cluster: `default/c${i}`,
  registered: { namespace: "default", name: `c${i}` } as never,
});

const registeredRecords = (stores: ObjectStore[]): JournalRecord[] =>
  storeRecords(stores).flatMap((record, i) => [register(i), record]);

// A sink that keeps the order of appends and snapshot slices.
function recordingSink() {
  const events: string[] = [];
  const snapshots: Uint8Array[] = [];
  const sink: JournalSink = {
    append(bytes) {
      events.push(`append ${decodeFile(concatBytes([fileHeader(), bytes]), "j").records.length}`);
      return Promise.resolve();
    },
    rotate() {
      events.push("rotate");
      return Promise.resolve(async (snapshot: AsyncIterable<Uint8Array>) => {
        const slices: Uint8Array[] = [];
        for await (const slice of snapshot) {
          events.push("slice");
          slices.push(slice);
        }
        events.push("snapshot done");
        snapshots.push(concatBytes(slices));
      });
    },
    close: () => Promise.resolve(),
  };
  return { sink, events, snapshots };
}

function corruptAt(bytes: Uint8Array): JournalError {
  try {
    loadJournal({ snapshotFile: "/d/snapshot-1.fkas", snapshot: bytes, journalFile: "j" }, zstd);
  } catch (error) {
    assert.ok(error instanceof JournalError);
    return error;
  }
  assert.fail("expected a JournalError");
}

describe("snapshot slices", () => {
  it("hold the state of the switch point while writes change it between slices", async () => {
    const stores = clusters(6);
    const atSwitch: StoreSnapshot[] = [];
    const { sink, events, snapshots } = recordingSink();
    let pauses = 0;
    const journal: Journal = new Journal({
      sink,
      schedule: queueMicrotask,
      snapshot: () => {
        const records = storeRecords(stores);
        for (const r of records) atSwitch.push(JSON.parse(JSON.stringify(r)).store);
        return records;
      },
      sliceBytes: 1, // one record per slice
      compression: zstd,
      pause: async () => {
        pauses++;
        // Between slices the event loop runs: writes replace, add and remove objects.
        for (const store of stores) {
          const current = store.get(CONFIG_MAPS, "default", "cm0")!;
          store.update(CONFIG_MAPS, { ...current, data: { v: `changed ${pauses}` } });
          store.delete(CONFIG_MAPS, "default", `cm${pauses}`);
          store.create(CONFIG_MAPS, cm(`new${pauses}`, "b"));
        }
        journal.append({ t: "unregister", cluster: `default/x${pauses}` });
        await new Promise((resolve) => setTimeout(resolve, 0));
      },
    });
    await journal.compact();
    await journal.close();
    assert.equal(pauses, 5, "a pause between each two of the six slices");
    assert.equal(events[0], "rotate", "the new journal starts at the switch point");
    assert.equal(events.filter((e) => e === "slice").length, 7, "the header and six slices");
    const done = events.indexOf("snapshot done");
    assert.deepEqual(
      events.slice(1, done).filter((e) => e !== "slice"),
      ["append 1", "append 1", "append 1", "append 1", "append 1"],
      "writes made meanwhile go to the new journal at once, not after the snapshot",
    );
    const decoded = decodeFile(snapshots[0], "s", zstd);
    assert.deepEqual(
      decoded.records.map((r) => parsed((r as { store: StoreSnapshot | SnapshotText }).store)),
      atSwitch,
    );
    assert.equal(snapshots[0][7], 5, "format version 5: compressed with zstd");
    const restored = new ObjectStore({ now: () => new Date(), newUid: () => "x" });
    restored.restore(atSwitch[0]);
    assert.deepEqual(restored.get(CONFIG_MAPS, "default", "cm0")!.data, { v: "a".repeat(50) });
  });

  it("a compressed snapshot is smaller and round-trips through loadJournal", async () => {
    const stores = clusters(20);
    const { sink, snapshots } = recordingSink();
    const plain = recordingSink();
    for (const [target, compression] of [[sink, zstd], [plain.sink, undefined]] as const) {
      const journal = new Journal({
        sink: target,
        schedule: queueMicrotask,
        snapshot: () => registeredRecords(stores),
        compression,
        sliceBytes: 4096,
      });
      await journal.compact();
    }
    assert.ok(snapshots[0].length * 3 < plain.snapshots[0].length, "at least 3× smaller");
    const loaded = loadJournal(
      { snapshotFile: "s", snapshot: snapshots[0], journalFile: "j" },
      zstd,
    );
    assert.equal(loaded.snapshotRecords, 40);
    assert.equal(
      loaded.snapshotContentBytes,
      plain.snapshots[0].length,
      "the compaction threshold weighs the snapshot uncompressed",
    );
    assert.equal(loaded.clusters.length, 20);
    assert.deepEqual(
      decodeFile(snapshots[0], "s", zstd).records,
      decodeFile(plain.snapshots[0], "s").records,
    );
  });

  it("a bit flip or truncation anywhere in a compressed snapshot stops start-up at its slice", async () => {
    const { sink, snapshots } = recordingSink();
    const journal = new Journal({
      sink,
      schedule: queueMicrotask,
      snapshot: () => storeRecords(clusters(4)),
      compression: zstd,
      sliceBytes: 1,
    });
    await journal.compact();
    const bytes = snapshots[0];
    const slices: number[] = []; // offsets of the frames
    for (let at = 8; at < bytes.length;) {
      slices.push(at);
      at += 8 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(at);
    }
    assert.equal(slices.length, 4);
    for (let i = 8; i < bytes.length; i += 7) {
      const flipped = bytes.slice();
      flipped[i] ^= 0x10;
      const error = corruptAt(flipped);
      assert.equal(error.reason, "Corrupt");
      assert.equal(error.offset, slices.findLast((start) => start <= i), `flip at ${i}`);
      assert.match(error.message, /snapshot-1\.fkas: corrupt at byte offset \d+/);
    }
    assert.equal(corruptAt(bytes.subarray(0, bytes.length - 3)).reason, "Corrupt");
    // A damaged slice whose frame checksum was recomputed: zstd or the inner records catch it.
    const inner = concatBytes([encodeRecord({ t: "unregister", cluster: "default/a" })]);
    const squeezed = compressSnapshotSlice(inner);
    squeezed[squeezed.length >> 1] ^= 0xff;
    const forged = concatBytes([fileHeader(3), frame(squeezed)]);
    assert.equal(corruptAt(forged).offset, 8);
    const truncatedInner = concatBytes([
      fileHeader(3),
      frame(compressSnapshotSlice(inner.subarray(0, inner.length - 2))),
    ]);
    assert.match(corruptAt(truncatedInner).message, /compressed records end inside one/);
  });

  it("a data dir of the previous format (uncompressed version 1 snapshot) still loads", () => {
    const records = storeRecords(clusters(2));
    const v1 = concatBytes([
      fileHeader(1),
      encodeRecord(register(0)),
      encodeRecord(records[0]),
      encodeRecord(register(1)),
      encodeRecord(records[1]),
    ]);
    assert.equal(v1[7], 1);
    const loaded = loadJournal({ snapshotFile: "s", snapshot: v1, journalFile: "j" }, zstd);
    assert.equal(loaded.clusters.length, 2);
    assert.equal(parsed(loaded.clusters[1].snapshot)?.objects.length, 3);
    const newer = v1.slice();
    newer[7] = 7;
    assert.equal(corruptAt(newer).reason, "Unsupported");
  });

  it("a data dir of the previous compressed format (brotli, version 2) still loads", () => {
    const records = storeRecords(clusters(2));
    const inner = concatBytes([
      encodeRecord(register(0)),
      encodeRecord(records[0]),
      encodeRecord(register(1)),
      encodeRecord(records[1]),
    ]);
    const squeezed = brotliCompressSync(inner, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 1 },
    });
    const v2 = concatBytes([fileHeader(2), frame(new Uint8Array(squeezed))]);
    const loaded = loadJournal({ snapshotFile: "s", snapshot: v2, journalFile: "j" }, zstd);
    assert.equal(loaded.clusters.length, 2);
    assert.equal(parsed(loaded.clusters[1].snapshot)?.objects.length, 3);
    // The same bytes read as zstd (a version-3 header) do not decompress: corrupt, not empty.
    const mislabeled = v2.slice();
    mislabeled[7] = 3;
    assert.match(corruptAt(mislabeled).message, /compressed records do not decompress/);
  });

  it("new snapshots are zstd (version 5), smaller than brotli's for the same records", () => {
    const records = storeRecords(clusters(3));
    const inner = concatBytes(records.map(encodeRecord));
    const squeezed = compressSnapshotSlice(inner);
    assert.equal(zstd.version, 5);
    assert.deepEqual(zstd.decompress(squeezed, 5), inner);
    assert.deepEqual(zstd.decompress(squeezed, 3), inner, "version 3 (before `settings`) too");
    assert.ok(squeezed.length < inner.length / 3, `${squeezed.length} of ${inner.length}`);
  });
});

// A restored snapshot as objects (the loader keeps store records as text until first use).
function parsed(snapshot: StoreSnapshot | SnapshotText | undefined): StoreSnapshot | undefined {
  return snapshot instanceof SnapshotText ? snapshot.parse() : snapshot;
}
