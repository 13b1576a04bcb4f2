// Derived change records: a journal written by the Journal (objects as their differences from
// earlier ones) replays to the very same stores, byte for byte, torn or compacted.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ClusterRegistry } from "../../src/cluster/mod.ts";
import {
  decodeFile,
  DerivedChanges,
  fileHeader,
  frame,
  Journal,
  JournalError,
  type JournalSink,
  loadJournal,
  RegistryRecords,
} from "../../src/journal/mod.ts";
import { BUILTIN_CATALOG } from "../../src/resources/mod.ts";
import { concatBytes } from "../../src/encoding/mod.ts";
import { registryWithFakeListeners } from "../cluster/registry_fixture.ts";

const CONFIG_MAPS = BUILTIN_CATALOG.byKey("configmaps")!;
const NODES = BUILTIN_CATALOG.byKey("nodes")!;
const CP = { "cluster.x-k8s.io/control-plane": "" };
const NAMES = ["a", "b", "c"];

// A registry writing through a real Journal into memory files (one per generation).
function journaledRegistry() {
  const journals: Uint8Array[][] = [[fileHeader()]];
  const snapshots: Uint8Array[] = [];
  const sink: JournalSink = {
    append: (bytes) => {
      journals[journals.length - 1].push(bytes.slice());
      return Promise.resolve();
    },
    rotate: () => {
      journals.push([fileHeader()]);
      return Promise.resolve(async (snapshot) => {
        const slices: Uint8Array[] = [];
        for await (const slice of snapshot) slices.push(slice);
        snapshots.push(concatBytes(slices));
      });
    },
    close: () => Promise.resolve(),
  };
  const records = new RegistryRecords((record) => journal.append(record));
  const journal: Journal = new Journal({
    sink,
    schedule: queueMicrotask,
    snapshot: () =>
      records.capture((key) =>
        fixture.registry.get(...(key.split("/") as [string, string]))?.store
      ),
  });
  let uid = 0;
  // Random-looking uids and a clock that moves: what a cluster's objects differ in.
  const fixture = registryWithFakeListeners({
    journal: records,
    newUid: () => `${(++uid * 2654435761 % 2 ** 32).toString(16)}-uid`,
    now: () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5) + uid * 400),
  });
  return {
    registry: fixture.registry,
    journal,
    journalFile: (n: number) => concatBytes(journals[n]),
    journalCount: () => journals.length,
    snapshot: () => snapshots[snapshots.length - 1],
  };
}

async function busy(source: ReturnType<typeof journaledRegistry>) {
  const { registry } = source;
  for (const name of NAMES) {
    await registry.register({ namespace: "default", name });
    for (const [node, labels] of [[`${name}-cp-1`, CP], [`${name}-w-1`, {}]] as const) {
      await registry.reportNode({ namespace: "default", cluster: name, nodeName: node, labels });
    }
  }
  // Changes after the seed: a modified node, a created, updated and deleted ConfigMap.
  const store = registry.get("default", "b")!.store;
  const node = store.get(NODES, undefined, "b-w-1")!;
  store.update(NODES, { ...node, metadata: { ...node.metadata, labels: { role: "x" } } });
  const made = store.create(CONFIG_MAPS, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "x", namespace: "default" },
    data: { v: "1" },
  });
  store.update(CONFIG_MAPS, { ...made, data: { v: "2", w: "3" } });
  store.delete(CONFIG_MAPS, "default", "x");
  await source.journal.durable();
}

// Every object of a cluster as JSON, and its history since the first resourceVersion.
function contents(registry: ClusterRegistry, name: string): string[] {
  const store = registry.get("default", name)!.store;
  const since = store.changesSince(0);
  return [
    `revision ${store.revision}`,
    ...store.resourceKeys().sort().flatMap((key) =>
      store.list({ key, namespaced: true, tracksGeneration: false }).map((o) =>
        `${key} ${JSON.stringify(o)}`
      )
    ),
    ...("changes" in since ? since.changes : []).map((c) =>
      `${c.type} ${c.resourceVersion} ${JSON.stringify(c.object)}`
    ),
  ];
}

async function restored(loaded: ReturnType<typeof loadJournal>) {
  const target = registryWithFakeListeners({ journal: new RegistryRecords(() => {}) });
  await target.registry.restore(loaded.clusters);
  return target.registry;
}

describe("derived change records", () => {
  it("most of a journal of seeded clusters is derived, and it replays to byte-identical stores", async () => {
    const source = journaledRegistry();
    await busy(source);
    const journal = source.journalFile(0);
    const text = new TextDecoder().decode(journal);
    const derived = text.split('{"t":"derived"').length - 1;
    const whole = text.split('{"t":"change"').length - 1;
    assert.ok(derived > 2 * whole, `${derived} derived, ${whole} whole`);
    const after = await restored(loadJournal({ journalFile: "journal-0.fkas", journal }));
    for (const name of NAMES) {
      assert.deepEqual(contents(after, name), contents(source.registry, name));
    }
  });

  it("a journal cut anywhere in its last record loads what is before it; cut records never half-apply", async () => {
    const source = journaledRegistry();
    await busy(source);
    const journal = source.journalFile(0);
    const full = decodeFile(journal, "j").records;
    for (let cut = journal.length - 1; cut > journal.length - 600; cut -= 29) {
      const decoded = decodeFile(journal.subarray(0, cut), "j");
      assert.ok(decoded.tornBytes > 0);
      assert.deepEqual(
        decoded.records.map((r) => JSON.stringify(r)),
        full.slice(0, decoded.records.length).map((r) => JSON.stringify(r)),
      );
    }
  });

  it("a compaction starts a journal that derives nothing from the one before; snapshot plus journal replay", async () => {
    const source = journaledRegistry();
    await source.registry.register({ namespace: "default", name: "a" });
    await source.registry.reportNode({
      namespace: "default",
      cluster: "a",
      nodeName: "a-cp-1",
      labels: CP,
    });
    await source.journal.compact();
    for (const name of ["b", "c"]) {
      await source.registry.register({ namespace: "default", name });
      await source.registry.reportNode({
        namespace: "default",
        cluster: name,
        nodeName: `${name}-cp-1`,
        labels: CP,
      });
    }
    await source.journal.durable();
    assert.equal(source.journalCount(), 2);
    // The second journal alone resolves (the first is gone after a compaction), and derives.
    const second = source.journalFile(1);
    assert.ok(new TextDecoder().decode(second).includes('{"t":"derived"'));
    const loaded = loadJournal({
      snapshotFile: "snapshot-1.fkas",
      snapshot: source.snapshot(),
      journalFile: "journal-1.fkas",
      journal: second,
    });
    const after = await restored(loaded);
    for (const name of NAMES) {
      assert.deepEqual(contents(after, name), contents(source.registry, name));
    }
  });

  it("a restored object shares parts with others but is its own: writes to it reach no other", async () => {
    const source = journaledRegistry();
    await busy(source);
    const after = await restored(
      loadJournal({ journalFile: "journal-0.fkas", journal: source.journalFile(0) }),
    );
    const [a, c] = [after.get("default", "a")!, after.get("default", "c")!];
    const before = JSON.stringify(c.store.get(NODES, undefined, "c-cp-1"));
    const node = a.store.get(NODES, undefined, "a-cp-1")!;
    const derived = c.store.get(NODES, undefined, "c-cp-1")!;
    assert.equal(Object.isFrozen(derived) || Object.isFrozen(derived.metadata), false);
    assert.ok(Object.isFrozen(derived.status) && Object.isFrozen(derived.metadata.labels));
    a.store.update(NODES, { ...node, metadata: { ...node.metadata, labels: { changed: "yes" } } });
    assert.equal(JSON.stringify(c.store.get(NODES, undefined, "c-cp-1")), before);
    assert.equal(a.store.get(NODES, undefined, "a-cp-1")!.metadata.labels?.changed, "yes");
  });

  it("many objects of one key, their template changing meanwhile, each resolve to their own bytes", () => {
    const derived = new DerivedChanges();
    const frames: Uint8Array[] = [fileHeader()];
    const expected: string[] = [];
    const write = (cluster: string, type: "ADDED" | "MODIFIED", n: number) => {
      const change = {
        type,
        resource: "configmaps",
        key: `kube-system/${cluster.slice(8)}-config`,
        resourceVersion: n,
        object: {
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: {
            name: `${cluster.slice(8)}-config`,
            namespace: "kube-system",
            uid: `uid-${n}`,
            creationTimestamp: `2026-01-01T00:00:${String(n % 60).padStart(2, "0")}Z`,
          },
          data: n % 7 === 0 ? { a: "1", b: String(n) } : { a: "1" },
        },
      };
      const text = derived.derive(cluster, change) ??
        JSON.stringify({ t: "change", cluster, change });
      frames.push(frame(new TextEncoder().encode(text)));
      expected.push(JSON.stringify(change.object));
    };
    for (let n = 1; n <= 100; n++) {
      write(`default/c${n}`, "ADDED", n);
      if (n % 10 === 0) write("default/c1", "MODIFIED", 1000 + n); // the first template changes
    }
    const records = decodeFile(concatBytes(frames), "journal-0.fkas").records;
    assert.deepEqual(
      records.map((r) => r.t === "change" ? JSON.stringify(r.change.object) : r.t),
      expected,
    );
    const text = new TextDecoder().decode(concatBytes(frames));
    assert.ok(text.split('{"t":"derived"').length - 1 > 100, "nearly all derived");
  });

  it("a derived record whose object is not journaled before it is Corrupt, naming the file and offset", () => {
    const record = {
      t: "derived",
      cluster: "default/a",
      change: { type: "ADDED", resource: "configmaps", key: "default/x", resourceVersion: 2 },
      from: ["default/z", "default/x"],
      patch: [],
    };
    const payload = new TextEncoder().encode(JSON.stringify(record));
    try {
      decodeFile(concatBytes([fileHeader(), frame(payload)]), "journal-3.fkas");
      assert.fail("expected a JournalError");
    } catch (error) {
      assert.ok(error instanceof JournalError);
      assert.equal(error.reason, "Corrupt");
      assert.equal(error.offset, 8);
      assert.match(
        error.message,
        /journal-3\.fkas: corrupt at byte offset 8: derived record does not resolve: it derives from default\/z default\/x, not journaled before it/,
      );
    }
  });

  it("a derived record whose patch does not fit its object is Corrupt when that object is read, naming the file and offset, and its store stays unread", async () => {
    const change = (resourceVersion: number) => ({
      type: "ADDED",
      resource: "configmaps",
      key: `default/x${resourceVersion}`,
      resourceVersion,
    });
    const registered = { namespace: "default", name: "a", port: 6443 };
    const records = [
      { t: "register", cluster: "default/a", registered },
      {
        t: "change",
        cluster: "default/a",
        change: {
          ...change(1),
          object: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x1" } },
        },
      },
      {
        t: "derived",
        cluster: "default/a",
        change: change(2),
        from: ["default/a", "default/x1"],
        patch: [[["metadata", "name"], "x2"]],
      },
      {
        t: "derived",
        cluster: "default/a",
        change: change(3),
        from: ["default/a", "default/x2"],
        patch: [[["data", "k"], "v"]], // x2 has no data
      },
    ];
    const payloads = records.map((r) => frame(new TextEncoder().encode(JSON.stringify(r))));
    const bytes = concatBytes([fileHeader(), ...payloads]);
    const offset = 8 + payloads.slice(0, 3).reduce((sum, p) => sum + p.length, 0);
    const decoded = decodeFile(bytes, "journal-4.fkas").records;
    assert.equal(decoded.length, 4, "what it derives from is there: read as a change");
    const damaged = (read: () => unknown) => {
      try {
        read();
        assert.fail("expected a JournalError");
      } catch (error) {
        assert.ok(error instanceof JournalError);
        assert.equal(error.reason, "Corrupt");
        assert.equal(error.offset, offset);
        assert.match(
          error.message,
          /journal-4\.fkas: corrupt at byte offset \d+: derived record does not resolve: a patch path leads to no value at "data"/,
        );
      }
    };
    const third = decoded[3];
    assert.ok(third.t === "change");
    damaged(() => third.change.object);
    damaged(() => third.change.object); // every time
    const second = decoded[2];
    assert.ok(second.t === "change");
    assert.equal(second.change.object.metadata.name, "x2", "the records before it resolve");

    const loaded = loadJournal({ journalFile: "journal-4.fkas", journal: bytes });
    const { registry } = registryWithFakeListeners();
    try {
      await registry.restore(loaded.clusters);
      const store = registry.get("default", "a")!.store;
      damaged(() => store.list(CONFIG_MAPS));
      damaged(() => store.list(CONFIG_MAPS)); // not half replayed: fails alike
    } finally {
      await registry.close();
    }
  });
});
