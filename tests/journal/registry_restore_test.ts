// A registry replayed from its journal (and from a snapshot plus journal) is the registry it was.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ClusterRegistry } from "../../src/cluster/mod.ts";
import {
  encodeRecord,
  fileHeader,
  type JournalRecord,
  loadJournal,
  RegistryRecords,
} from "../../src/journal/mod.ts";
import { BUILTIN_CATALOG } from "../../src/resources/mod.ts";
import { registryWithFakeListeners } from "../cluster/registry_fixture.ts";

const CONFIG_MAPS = BUILTIN_CATALOG.byKey("configmaps")!;
const CP = { "cluster.x-k8s.io/control-plane": "" };

function fileOf(records: readonly JournalRecord[]): Uint8Array {
  const parts = [fileHeader(), ...records.map(encodeRecord)];
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

function journaled() {
  const records: JournalRecord[] = [];
  const journal = new RegistryRecords((record) => records.push(record));
  const { registry, started } = registryWithFakeListeners({ journal });
  return { records, journal, registry, started };
}

// Every object of every resource with its resourceVersion, in a stable order.
function contents(registry: ClusterRegistry, name: string) {
  const store = registry.get("default", name)!.store;
  return store.resourceKeys().sort().flatMap((key) =>
    store.list({ key, namespaced: true, tracksGeneration: false }).map((o) =>
      `${key} ${
        o.metadata.namespace ?? ""
      }/${o.metadata.name} rv=${o.metadata.resourceVersion} uid=${o.metadata.uid}`
    )
  );
}

async function busyRegistry() {
  const source = journaled();
  const { registry } = source;
  await registry.register({ namespace: "default", name: "a" });
  await registry.register({ namespace: "default", name: "b" });
  await registry.reportNode({
    namespace: "default",
    cluster: "a",
    nodeName: "a-cp",
    labels: CP,
    kubernetesVersion: "v1.30.2",
  });
  await registry.reportNode({ namespace: "default", cluster: "a", nodeName: "a-md", labels: {} });
  const store = registry.get("default", "a")!.store;
  const made = store.create(CONFIG_MAPS, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "x", namespace: "default" },
    data: { v: "1" },
  });
  store.update(CONFIG_MAPS, { ...made, data: { v: "2" } });
  store.create(CONFIG_MAPS, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "gone", namespace: "default" },
  });
  store.delete(CONFIG_MAPS, "default", "gone");
  await registry.unregister("default", "b");
  await registry.register({ namespace: "default", name: "c" });
  await new Promise((resolve) => setTimeout(resolve, 10)); // background serving-certificate record
  return source;
}

function assertSame(before: ClusterRegistry, after: ClusterRegistry): void {
  assert.deepEqual(after.list().map((c) => c.resourceName), ["default/a", "default/c"]);
  for (const name of ["a", "c"]) {
    const [old, restored] = [before.get("default", name)!, after.get("default", name)!];
    assert.equal(restored.port, old.port);
    assert.equal(restored.ca.fingerprintSha256, old.ca.fingerprintSha256);
    assert.equal(restored.etcdCa.fingerprintSha256, old.etcdCa.fingerprintSha256);
    assert.equal(restored.store.revision, old.store.revision);
    assert.deepEqual(contents(after, name), contents(before, name));
    assert.equal(restored.activated, old.activated);
    assert.equal(restored.kubernetesVersion, old.kubernetesVersion);
    assert.equal(restored.listenerState, old.listenerState);
  }
}

describe("restore from the journal", () => {
  it("a replayed registry has the same clusters, ports, CAs, objects and resourceVersions", async () => {
    const source = await busyRegistry();
    const loaded = loadJournal({ journalFile: "journal-0.fkas", journal: fileOf(source.records) });
    const target = registryWithFakeListeners({ journal: new RegistryRecords(() => {}) });
    await target.registry.restore(loaded.clusters);
    assertSame(source.registry, target.registry);
    assert.equal(target.started.length, 1, "the serving listener of a serves again");
    const a = target.registry.get("default", "a")!;
    const revision = a.store.revision;
    const next = a.store.create(CONFIG_MAPS, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "after", namespace: "default" },
    });
    assert.equal(next.metadata.resourceVersion, String(revision + 1), "the counter continues");
  });

  it("a compaction cut short: the journals after the snapshot replay in order; a torn earlier one is corrupt", async () => {
    const source = await busyRegistry();
    const half = source.records.length >> 1;
    const first = fileOf(source.records.slice(0, half));
    const files = {
      earlierJournals: [{ file: "journal-0.fkas", bytes: first }],
      journalFile: "journal-1.fkas",
      journal: fileOf(source.records.slice(half)),
    };
    const loaded = loadJournal(files);
    assert.equal(loaded.journalRecords, source.records.length);
    const target = registryWithFakeListeners({ journal: new RegistryRecords(() => {}) });
    await target.registry.restore(loaded.clusters);
    assertSame(source.registry, target.registry);
    const torn = { file: "journal-0.fkas", bytes: first.subarray(0, first.length - 3) };
    assert.throws(
      () => loadJournal({ ...files, earlierJournals: [torn] }),
      /journal-0\.fkas: corrupt at byte offset \d+: the journal ends inside a record, and a newer journal follows/,
    );
  });

  it("after a graceful shutdown (SIGTERM) the listeners that served serve again", async () => {
    const source = await busyRegistry();
    await source.registry.close();
    const loaded = loadJournal({ journalFile: "journal-0.fkas", journal: fileOf(source.records) });
    const target = registryWithFakeListeners({ journal: new RegistryRecords(() => {}) });
    await target.registry.restore(loaded.clusters);
    assert.equal(target.registry.get("default", "a")!.listenerState, "serving");
    assert.equal(target.started.length, 1);
  });

  it("a cluster whose port another process took is restored on it; its listener failure is reported", async () => {
    const source = await busyRegistry();
    const loaded = loadJournal({ journalFile: "journal-0.fkas", journal: fileOf(source.records) });
    const errors: unknown[] = [];
    const target = registryWithFakeListeners({
      isPortFree: () => Promise.resolve(false),
      startListener: () => Promise.reject(new Error("EADDRINUSE")),
      onBackgroundError: (error) => errors.push(error),
    });
    await target.registry.restore(loaded.clusters);
    const a = target.registry.get("default", "a")!;
    assert.equal(a.port, source.registry.get("default", "a")!.port);
    assert.equal(a.listenerState, "pending");
    assert.equal(errors.length, 1);
    assert.match((errors[0] as Error).message, /cannot listen on port \d+: EADDRINUSE/);
  });

  it("watch history survives: changes after a pre-restart resourceVersion, with `previous`", async () => {
    const source = await busyRegistry();
    const old = source.registry.get("default", "a")!.store;
    const from = old.revision - 3;
    const loaded = loadJournal({ journalFile: "journal-0.fkas", journal: fileOf(source.records) });
    const target = registryWithFakeListeners();
    await target.registry.restore(loaded.clusters);
    const store = target.registry.get("default", "a")!.store;
    const strip = (since: ReturnType<typeof store.changesSince>) =>
      "expired" in since ? since : since.changes.map((c) => ({
        type: c.type,
        key: c.key,
        rv: c.resourceVersion,
        previous: c.previous?.metadata.resourceVersion,
      }));
    assert.deepEqual(strip(store.changesSince(from)), strip(old.changesSince(from)));
    assert.deepEqual(
      store.listAt(CONFIG_MAPS, "default", from),
      old.listAt(CONFIG_MAPS, "default", from),
    );
  });

  it("a snapshot plus the journal after it restores the same registry", async () => {
    const source = await busyRegistry();
    const snapshot = source.journal.snapshot((key) => {
      const [namespace, name] = key.split("/");
      return source.registry.get(namespace, name)?.store;
    });
    const before = source.records.length;
    const store = source.registry.get("default", "a")!.store;
    store.create(CONFIG_MAPS, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "later", namespace: "default" },
    });
    const loaded = loadJournal({
      snapshotFile: "snapshot-1.fkas",
      snapshot: fileOf(snapshot),
      journalFile: "journal-1.fkas",
      journal: fileOf(source.records.slice(before)),
    });
    const target = registryWithFakeListeners();
    await target.registry.restore(loaded.clusters);
    assertSame(source.registry, target.registry);
  });

  it("fault rules come back as added, removed, cleared, expired and with the count left (journal and snapshot)", async () => {
    const source = await busyRegistry();
    const a = source.registry.get("default", "a")!;
    const c = source.registry.get("default", "c")!;
    a.faults.add({ id: "slow", latencyMs: 50 });
    a.faults.add({ id: "once", verb: "get", errorCode: 503, count: 1 });
    a.faults.add({ id: "gone", errorCode: 500 });
    a.faults.add({ id: "twice", verb: "list", errorCode: 429, count: 2 });
    assert.equal(a.faults.remove("gone"), true);
    a.faults.decide({ verb: "get", resource: "pods" }, () => 0); // "once" is used up
    a.faults.decide({ verb: "list", resource: "pods" }, () => 0); // "twice" has one left
    c.faults.add({ id: "x", errorCode: 500 });
    c.faults.clear();
    const expected = [{ id: "slow", latencyMs: 50 }, {
      id: "twice",
      verb: "list",
      errorCode: 429,
      count: 1,
    }];
    assert.deepEqual(a.faults.list(), expected);
    const fromJournal = registryWithFakeListeners();
    await fromJournal.registry.restore(
      loadJournal({ journalFile: "j", journal: fileOf(source.records) }).clusters,
    );
    assert.deepEqual(fromJournal.registry.get("default", "a")!.faults.list(), expected);
    assert.deepEqual(fromJournal.registry.get("default", "c")!.faults.list(), []);
    const snapshot = source.journal.snapshot((key) => {
      const [namespace, name] = key.split("/");
      return source.registry.get(namespace, name)?.store;
    });
    const fromSnapshot = registryWithFakeListeners();
    await fromSnapshot.registry.restore(
      loadJournal({ snapshotFile: "s", snapshot: fileOf(snapshot), journalFile: "j" }).clusters,
    );
    assert.deepEqual(fromSnapshot.registry.get("default", "a")!.faults.list(), expected);
  });

  it("an unregistered cluster's fault rules write nothing (its records would not restore)", async () => {
    const source = await busyRegistry();
    const a = source.registry.get("default", "a")!;
    await source.registry.unregister("default", "a");
    const before = source.records.length;
    a.faults.add({ id: "late", errorCode: 500 });
    assert.equal(source.records.length, before);
  });

  it("a truncated or bit-flipped snapshot stops start-up with the file and offset", async () => {
    const source = await busyRegistry();
    const snapshot = fileOf(source.journal.snapshot((key) => {
      const [namespace, name] = key.split("/");
      return source.registry.get(namespace, name)?.store;
    }));
    const truncated = snapshot.subarray(0, snapshot.length - 10);
    assert.throws(
      () =>
        loadJournal({ snapshotFile: "/d/snapshot-1.fkas", snapshot: truncated, journalFile: "j" }),
      /Cannot restore from \/d\/snapshot-1\.fkas: corrupt at byte offset \d+: the snapshot ends inside a record/,
    );
    const flipped = snapshot.slice();
    flipped[20] ^= 1;
    assert.throws(
      () =>
        loadJournal({ snapshotFile: "/d/snapshot-1.fkas", snapshot: flipped, journalFile: "j" }),
      /Cannot restore from \/d\/snapshot-1\.fkas: corrupt at byte offset 8: record checksum mismatch/,
    );
  });
});
