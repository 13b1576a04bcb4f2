// Re-placing clusters on another number of workers: each cluster's records, whole and in order,
// land in the snapshot of the worker it hashes to; damage stops it as at start-up.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { RegisteredCluster } from "../../src/cluster/mod.ts";
import {
  type Compression,
  encodeRecord,
  fileHeader,
  type JournalRecord,
  loadJournal,
  replaceClusters,
  type StoredFiles,
} from "../../src/journal/mod.ts";
import { concatBytes } from "../../src/encoding/mod.ts";

function registered(name: string, port: number): RegisteredCluster {
  return { namespace: "default", name, port, provisioning: {} } as unknown as RegisteredCluster;
}

function change(cluster: string, name: string, resourceVersion: number): JournalRecord {
  return {
    t: "change",
    cluster,
    change: {
      type: "ADDED",
      resource: "configmaps",
      key: `default/${name}`,
      object: { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" } },
      resourceVersion,
    },
  };
}

function historyOf(name: string, port: number): JournalRecord[] {
  const cluster = `default/${name}`;
  return [
    { t: "register", cluster, registered: registered(name, port) },
    change(cluster, `${name}-1`, 2),
    change(cluster, `${name}-2`, 3),
  ];
}

function concatOf(parts: readonly Uint8Array[]): Uint8Array {
  return concatBytes(parts);
}

function fileOf(records: readonly JournalRecord[]): Uint8Array {
  return concatOf([fileHeader(), ...records.map(encodeRecord)]);
}

// A toy compression (byte reversal): enough to prove slices are compressed and framed.
const reversing: Compression = {
  version: 3,
  compress: (bytes) => bytes.slice().reverse(),
  decompress: (bytes) => bytes.slice().reverse(),
};

// Places a..f by the last letter's code: not the production hash, any function will do.
const placeOf = (workers: number) => (cluster: string) =>
  cluster.charCodeAt(cluster.length - 1) % workers;

function replaced(old: StoredFiles[], workers: number, onTorn?: () => void) {
  const parts = Array.from({ length: workers }, (): Uint8Array[] => []);
  const result = replaceClusters(old.map((files) => () => files), {
    workers,
    placeOf: placeOf(workers),
    write: (worker, bytes) => parts[worker].push(bytes),
    compression: reversing,
    onTorn,
  });
  const loaded = parts.map((slices, worker) =>
    loadJournal(
      { snapshotFile: `w${worker}/snapshot-0.fkas`, snapshot: concatOf(slices), journalFile: "j" },
      reversing,
    )
  );
  return { result, loaded };
}

describe("replaceClusters", () => {
  it("moves each cluster's records, in order, to the worker it is placed on now", () => {
    // Two old workers: a, c, e on one; b, d, f (and f's unregister) on the other.
    const old: StoredFiles[] = [
      {
        journalFile: "old0/journal-0.fkas",
        journal: fileOf(["a", "c", "e"].flatMap((n, i) => historyOf(n, 100 + i))),
      },
      {
        journalFile: "old1/journal-0.fkas",
        journal: fileOf([
          ...["b", "d", "f"].flatMap((n, i) => historyOf(n, 200 + i)),
          { t: "unregister", cluster: "default/f" },
        ]),
      },
    ];
    const { result, loaded } = replaced(old, 3);
    assert.equal(result.records, 19);
    const names = loaded.map((l) => l.clusters.map((c) => c.registered.name));
    // "a" is 97: 97 % 3 = 1, b 2, c 0, d 1, e 2 (f unregistered).
    assert.deepEqual(names, [["c"], ["a", "d"], ["e", "b"]]);
    assert.deepEqual(result.clusters, [1, 2, 2]);
    for (const cluster of loaded.flatMap((l) => l.clusters)) {
      const name = cluster.registered.name;
      assert.deepEqual(
        cluster.changes.map((c) => [c.key, c.resourceVersion]),
        [[`default/${name}-1`, 2], [`default/${name}-2`, 3]],
      );
    }
    assert.equal(loaded[1].clusters[0].registered.port, 100);
  });

  it("takes a snapshot's records before its journal's, and drops a torn journal tail", () => {
    const journal = fileOf([change("default/a", "late", 9)]);
    const torn = concatOf([journal, encodeRecord(change("default/a", "torn", 10)).slice(0, 9)]);
    let heard = 0;
    const { loaded } = replaced(
      [{
        snapshotFile: "s",
        snapshot: fileOf(historyOf("a", 100)),
        journalFile: "j",
        journal: torn,
      }],
      1,
      () => heard++,
    );
    assert.equal(heard, 1);
    assert.deepEqual(
      loaded[0].clusters[0].changes.map((c) => c.resourceVersion),
      [2, 3, 9],
    );
  });

  it("stops at a damaged record, naming the file and offset", () => {
    const bytes = fileOf(historyOf("a", 100));
    bytes[40] ^= 0x40;
    assert.throws(
      () => replaced([{ journalFile: "old0/journal-0.fkas", journal: bytes }], 2),
      /Cannot restore from old0\/journal-0\.fkas: corrupt at byte offset \d+/,
    );
  });

  it("writes an empty snapshot for a worker that gets no cluster", () => {
    const { loaded } = replaced([], 2);
    assert.deepEqual(loaded.map((l) => l.clusters.length), [0, 0]);
  });
});
