// Start-up keeps each snapshot's store record as text: its cluster's store reads it on first use
// (or in the background once listeners started), and a compaction writes it again as it was.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  decodeFile,
  encodeRecord,
  fileHeader,
  type JournalRecord,
  loadJournal,
  recordEncoder,
  RegistryRecords,
} from "../../src/journal/mod.ts";
import { BUILTIN_CATALOG, BUILTIN_RESOURCES } from "../../src/resources/mod.ts";
import { SnapshotText } from "../../src/store/mod.ts";
import { concatBytes } from "../../src/encoding/mod.ts";
import { registryWithFakeListeners } from "../cluster/registry_fixture.ts";

const CONFIG_MAPS = BUILTIN_CATALOG.byKey("configmaps")!;
const CRDS = BUILTIN_RESOURCES.find((r) =>
  r.group === "apiextensions.k8s.io" && r.name === "customresourcedefinitions"
)!;

const fileOf = (records: readonly JournalRecord[]) =>
  concatBytes([fileHeader(), ...records.map(encodeRecord)]);

const widget = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.example.com" },
  spec: {
    group: "example.com",
    names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
    scope: "Namespaced",
    versions: [{
      name: "v1",
      served: true,
      storage: true,
      schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
    }],
  },
};

// Two clusters with objects, a snapshot of them, and a journal after it.
async function snapshotted() {
  const records: JournalRecord[] = [];
  const journal = new RegistryRecords((record) => records.push(record));
  const { registry } = registryWithFakeListeners({ journal });
  await registry.register({ namespace: "default", name: "a" });
  await registry.register({ namespace: "default", name: "b" });
  const a = registry.get("default", "a")!.store;
  a.create(CRDS, structuredClone(widget));
  a.create(CONFIG_MAPS, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "x", namespace: "default" },
  });
  await new Promise((resolve) => setTimeout(resolve, 10)); // background serving certificates
  const snapshot = journal.snapshot((key) => {
    const [namespace, name] = key.split("/");
    return registry.get(namespace, name)?.store;
  });
  const before = records.length;
  a.create(CONFIG_MAPS, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "later", namespace: "default" },
  });
  return { registry, snapshot, journal: records.slice(before) };
}

describe("lazy restore", () => {
  it("a store record decodes to its cluster and its snapshot's text, encoded again byte for byte", async () => {
    const { snapshot } = await snapshotted();
    const bytes = fileOf(snapshot);
    const decoded = decodeFile(bytes, "s");
    const stores = decoded.records.filter((r) => r.t === "store");
    assert.equal(stores.length, 2);
    for (const record of stores) {
      assert.ok(record.store instanceof SnapshotText, "kept as text");
      const original = snapshot.find((r) => r.t === "store" && r.cluster === record.cluster)!;
      assert.deepEqual(record.store.parse(), JSON.parse(JSON.stringify(original)).store);
    }
    const encode = recordEncoder(() => undefined);
    const written = snapshot.filter((r) => r.t === "store").map(encodeRecord);
    assert.deepEqual(stores.map(encode), written);
    assert.deepEqual(stores.map(encodeRecord), written);
  });

  it("a store record laid out otherwise (an escape in its key) is parsed whole", () => {
    const record: JournalRecord = {
      t: "store",
      cluster: 'default/"odd"',
      store: { revision: 1, objects: [], history: [] },
    };
    const [decoded] = decodeFile(fileOf([record]), "s").records;
    assert.deepEqual(decoded, record);
  });

  it("restored stores wait unread until first use, then answer as the source did", async () => {
    const source = await snapshotted();
    const loaded = loadJournal({
      snapshotFile: "snapshot-1.fkas",
      snapshot: fileOf(source.snapshot),
      journalFile: "journal-1.fkas",
      journal: fileOf(source.journal),
    });
    const { registry } = registryWithFakeListeners();
    try {
      await registry.restore(loaded.clusters);
      const a = registry.get("default", "a")!;
      const b = registry.get("default", "b")!;
      // The custom resource's routes come with the read, before the call that reads goes on.
      assert.equal(a.catalog.byKey("example.com/widgets"), undefined);
      const old = source.registry.get("default", "a")!.store;
      assert.deepEqual(a.store.list(CONFIG_MAPS), old.list(CONFIG_MAPS));
      assert.ok(a.catalog.byKey("example.com/widgets"), "the CRD's resource is served");
      assert.equal(a.store.revision, old.revision);
      // The other one is read in the background, soon after start-up.
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(b.store.read(), false, "read in the background already");
    } finally {
      await registry.close();
      await source.registry.close();
    }
  });

  it("restoredRead resolves once every restored store is read, first use or background, not before", async () => {
    const source = await snapshotted();
    const loaded = loadJournal({
      snapshotFile: "snapshot-1.fkas",
      snapshot: fileOf(source.snapshot),
      journalFile: "journal-1.fkas",
      journal: fileOf(source.journal),
    });
    const { registry } = registryWithFakeListeners();
    try {
      let read = false;
      const restored = await registry.restore(loaded.clusters);
      void registry.restoredRead().then(() => read = true);
      restored[0].store.list(CONFIG_MAPS); // the first use reads one
      for (let i = 0; i < 3; i++) await Promise.resolve();
      assert.equal(read, false, "the other store waits for its background turn");
      await registry.restoredRead();
      assert.deepEqual(restored.map((c) => c.store.read()), [false, false], "both read");
    } finally {
      await registry.close();
      await source.registry.close();
    }
  });

  it("background reads give way while the thread is busy (late timers), and go on once it is not", async () => {
    const source = await snapshotted();
    const loaded = loadJournal({
      snapshotFile: "snapshot-1.fkas",
      snapshot: fileOf(source.snapshot),
      journalFile: "journal-1.fkas",
      journal: fileOf(source.journal),
    });
    // Busy: every reading of the clock is 100 ms on, so each 5 ms timer looks 95 ms late.
    let busy = true;
    let clock = 0;
    const { registry } = registryWithFakeListeners({
      monotonicNow: () => busy ? clock += 100 : clock,
    });
    try {
      const restored = await registry.restore(loaded.clusters);
      // At most six 5 ms turns: a read waits ten busy turns.
      await new Promise((resolve) => setTimeout(resolve, 30));
      assert.equal(restored[0].store.read(), true, "the first in line was still unread");
      busy = false;
      await registry.restoredRead();
      assert.equal(restored[1].store.read(), false, "b read in the background");
    } finally {
      await registry.close();
      await source.registry.close();
    }
  });

  it("a journal without a snapshot leaves stores unread too, then replays its changes on first use", async () => {
    const records: JournalRecord[] = [];
    const journal = new RegistryRecords((record) => records.push(record));
    const source = registryWithFakeListeners({ journal }).registry;
    await source.register({ namespace: "default", name: "a" });
    const old = source.get("default", "a")!.store;
    old.create(CRDS, structuredClone(widget));
    for (const name of ["x", "y"]) {
      old.create(CONFIG_MAPS, {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name, namespace: "default" },
      });
    }
    old.delete(CONFIG_MAPS, "default", "x");
    const loaded = loadJournal({ journalFile: "journal-0.fkas", journal: fileOf(records) });
    const { registry } = registryWithFakeListeners();
    try {
      await registry.restore(loaded.clusters);
      const a = registry.get("default", "a")!;
      assert.equal(a.catalog.byKey("example.com/widgets"), undefined, "not replayed yet");
      assert.deepEqual(a.store.list(CONFIG_MAPS), old.list(CONFIG_MAPS));
      assert.ok(a.catalog.byKey("example.com/widgets"), "the CRD's resource is served");
      assert.equal(a.store.revision, old.revision);
      assert.equal(a.store.read(), false, "read by the list");
    } finally {
      await registry.close();
      await source.close();
    }
  });

  it("a compaction writes a never-read store's record as the text it was read as", async () => {
    const source = await snapshotted();
    const loaded = loadJournal({
      snapshotFile: "s",
      snapshot: fileOf(source.snapshot),
      journalFile: "j",
    });
    const records: JournalRecord[] = [];
    const journal = new RegistryRecords((record) => records.push(record));
    const { registry } = registryWithFakeListeners({ journal });
    try {
      journal.adopt(loaded.clusters);
      await registry.restore(loaded.clusters);
      const again = journal.capture((key) => {
        const [namespace, name] = key.split("/");
        return registry.get(namespace, name)?.store;
      }).map((record) => typeof record === "function" ? record() : record);
      const texts = loaded.clusters.map((c) => c.snapshot);
      const stores = again.filter((r) => r.t === "store").map((r) => r.store);
      assert.equal(stores.length, 2);
      for (const store of stores) assert.ok(texts.includes(store as SnapshotText), "the same text");
    } finally {
      await registry.close();
      await source.registry.close();
    }
  });
});
