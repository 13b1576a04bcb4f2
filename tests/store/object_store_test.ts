import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ObjectStore, StoreError } from "../../src/store/mod.ts";

const PODS = { key: "pods", namespaced: true, tracksGeneration: true };
const NODES = { key: "nodes", namespaced: false, tracksGeneration: false };

function newStore() {
  let uid = 0;
  return new ObjectStore({
    now: () => new Date("2026-01-02T03:04:05.678Z"),
    newUid: () => `uid-${++uid}`,
  });
}

describe("ObjectStore", () => {
  it("create fills uid, creationTimestamp, resourceVersion and generation for tracked kinds", () => {
    const store = newStore();
    const pod = store.create(PODS, {
      metadata: { name: "a", namespace: "ns", resourceVersion: "99" },
    });
    assert.equal(pod.metadata.uid, "uid-1");
    assert.equal(pod.metadata.creationTimestamp, "2026-01-02T03:04:05Z");
    assert.equal(pod.metadata.resourceVersion, "1");
    assert.equal(pod.metadata.generation, 1);
    const node = store.create(NODES, { metadata: { name: "n", generation: 7 } });
    assert.equal(node.metadata.generation, undefined);
    assert.equal(store.resourceVersion, "2");
  });

  it("create of an existing object is AlreadyExists", () => {
    const store = newStore();
    store.create(NODES, { metadata: { name: "n" } });
    assert.throws(
      () => store.create(NODES, { metadata: { name: "n" } }),
      (e: unknown) => e instanceof StoreError && e.reason === "AlreadyExists",
    );
  });

  it("update with a stale resourceVersion is a Conflict, an empty one is unconditional", () => {
    const store = newStore();
    store.create(PODS, { metadata: { name: "a", namespace: "ns" }, spec: { x: 1 } });
    store.update(PODS, {
      metadata: { name: "a", namespace: "ns", resourceVersion: "1" },
      spec: { x: 2 },
    });
    assert.throws(
      () => store.update(PODS, { metadata: { name: "a", namespace: "ns", resourceVersion: "1" } }),
      (e: unknown) => e instanceof StoreError && e.reason === "Conflict",
    );
    const updated = store.update(PODS, {
      metadata: { name: "a", namespace: "ns" },
      spec: { x: 3 },
    });
    assert.equal(updated.metadata.resourceVersion, "3");
  });

  it("generation counts spec changes only, and uid/creationTimestamp survive updates", () => {
    const store = newStore();
    store.create(PODS, { metadata: { name: "a", namespace: "ns" }, spec: { x: 1 } });
    const sameSpec = store.update(PODS, {
      metadata: { name: "a", namespace: "ns", uid: "forged" },
      spec: { x: 1 },
      status: { phase: "Running" },
    });
    assert.equal(sameSpec.metadata.generation, 1);
    assert.equal(sameSpec.metadata.uid, "uid-1");
    const newSpec = store.update(PODS, {
      metadata: { name: "a", namespace: "ns" },
      spec: { x: 2 },
    });
    assert.equal(newSpec.metadata.generation, 2);
  });

  it("lists in namespace/name order, scoped to a namespace when given", () => {
    const store = newStore();
    for (const [ns, name] of [["b", "z"], ["a", "y"], ["b", "a"], ["ab", "x"]]) {
      store.create(PODS, { metadata: { name, namespace: ns } });
    }
    assert.deepEqual(store.list(PODS).map((p) => `${p.metadata.namespace}/${p.metadata.name}`), [
      "a/y",
      "ab/x",
      "b/a",
      "b/z",
    ]);
    assert.deepEqual(store.list(PODS, "a").map((p) => p.metadata.name), ["y"]);
    assert.deepEqual(store.list(NODES), []);
  });

  it("delete removes the object, bumps the resourceVersion and reports DELETED", () => {
    const store = newStore();
    const events: string[] = [];
    store.onChange((change) =>
      events.push(`${change.type} ${change.object.metadata.resourceVersion}`)
    );
    store.create(NODES, { metadata: { name: "n" } });
    const { object: removed, removed: gone } = store.delete(NODES, undefined, "n");
    assert.equal(gone, true);
    assert.equal(removed.metadata.resourceVersion, "2");
    assert.equal(store.get(NODES, undefined, "n"), undefined);
    assert.deepEqual(events, ["ADDED 1", "DELETED 2"]);
    assert.throws(
      () => store.delete(NODES, undefined, "n"),
      (e: unknown) => e instanceof StoreError && e.reason === "NotFound",
    );
  });

  it("rejects objects without a name, and namespaced objects without a namespace", () => {
    const store = newStore();
    assert.throws(() => store.create(NODES, { metadata: {} }), /metadata.name: Required value/);
    assert.throws(() => store.create(PODS, { metadata: { name: "a" } }), /metadata.namespace/);
  });

  it("delete of an object with finalizers marks it; removing the last finalizer removes it", () => {
    const store = newStore();
    const types: string[] = [];
    store.onChange((change) => types.push(change.type));
    store.create(NODES, { metadata: { name: "n", finalizers: ["a", "b"] } });
    const marked = store.delete(NODES, undefined, "n");
    assert.equal(marked.removed, false);
    assert.equal(marked.object.metadata.deletionTimestamp, "2026-01-02T03:04:05Z");
    assert.equal(
      store.delete(NODES, undefined, "n").object,
      marked.object,
      "a second delete changes nothing",
    );
    const current = store.get(NODES, undefined, "n")!;
    assert.throws(
      () =>
        store.update(NODES, {
          ...current,
          metadata: { ...current.metadata, finalizers: ["a", "b", "c"] },
        }),
      (e: unknown) =>
        e instanceof StoreError && e.reason === "Invalid" && /no new finalizers/.test(e.message),
    );
    const one = store.update(NODES, {
      ...current,
      metadata: { ...current.metadata, finalizers: ["b"] },
    });
    assert.equal(one.metadata.deletionTimestamp, marked.object.metadata.deletionTimestamp);
    store.update(NODES, { ...one, metadata: { ...one.metadata, finalizers: [] } });
    assert.equal(store.get(NODES, undefined, "n"), undefined);
    assert.deepEqual(types, ["ADDED", "MODIFIED", "MODIFIED", "DELETED"]);
  });

  it("delete preconditions on uid and resourceVersion are checked", () => {
    const store = newStore();
    store.create(NODES, { metadata: { name: "n" } });
    assert.throws(
      () => store.delete(NODES, undefined, "n", { preconditions: { uid: "other" } }),
      (e: unknown) =>
        e instanceof StoreError && e.reason === "Conflict" &&
        /Precondition failed: UID/.test(e.message),
    );
    assert.equal(
      store.delete(NODES, undefined, "n", { preconditions: { uid: "uid-1", resourceVersion: "1" } })
        .removed,
      true,
    );
  });

  it("remembers recent changes for watch resume, and says when a resume is too old", () => {
    let uid = 0;
    const store = new ObjectStore({
      now: () => new Date(0),
      newUid: () => `u${++uid}`,
      historyLimit: 3,
    });
    for (const name of ["a", "b"]) store.create(NODES, { metadata: { name } });
    const since = store.changesSince(0);
    assert.ok("changes" in since && since.changes.map((c) => c.resourceVersion).join() === "1,2");
    for (const name of ["c", "d", "e"]) store.create(NODES, { metadata: { name } });
    assert.equal(store.oldestResumableRevision, 2);
    assert.deepEqual(store.changesSince(1), { expired: true });
    const recent = store.changesSince(3);
    assert.ok("changes" in recent);
    assert.deepEqual(recent.changes.map((c) => c.object.metadata.name), ["d", "e"]);
    const updated = store.update(NODES, { metadata: { name: "e", labels: { x: "y" } } });
    const last = store.changesSince(Number(updated.metadata.resourceVersion) - 1);
    assert.ok("changes" in last && last.changes[0].previous?.metadata.labels === undefined);
  });

  it("a deletion can add finalizers, or keep an object until a controller finalizes it", () => {
    const store = newStore();
    store.create(NODES, { metadata: { name: "owner" } });
    const foreground = store.delete(NODES, undefined, "owner", {
      addFinalizers: ["foregroundDeletion"],
    });
    assert.equal(foreground.removed, false);
    assert.deepEqual(foreground.object.metadata.finalizers, ["foregroundDeletion"]);
    store.create(NODES, { metadata: { name: "ns-like" } });
    const kept = store.delete(NODES, undefined, "ns-like", { keepUntilFinalized: true });
    assert.equal(kept.removed, false);
    assert.ok(kept.object.metadata.deletionTimestamp);
    assert.equal(kept.object.metadata.finalizers, undefined);
    assert.equal(
      store.delete(NODES, undefined, "ns-like").removed,
      true,
      "a plain delete then removes it",
    );
  });
});

describe("ObjectStore snapshots and no-op writes", () => {
  it("an update that changes nothing keeps the resourceVersion and emits nothing", () => {
    const store = newStore();
    const created = store.create(PODS, {
      metadata: { name: "a", namespace: "ns", labels: { x: "1" } },
      spec: { a: 1, b: 2 },
    });
    let events = 0;
    store.onChange(() => events++);
    const same = store.update(PODS, {
      metadata: { labels: { x: "1" }, namespace: "ns", name: "a" },
      spec: { b: 2, a: 1 },
    });
    assert.equal(same.metadata.resourceVersion, created.metadata.resourceVersion);
    assert.equal(events, 0);
    assert.equal(same.metadata.generation, 1);
  });

  it("lists a resource as it was at an earlier resourceVersion", () => {
    const store = newStore();
    store.create(PODS, { metadata: { name: "a", namespace: "ns" }, spec: { v: 1 } });
    store.create(PODS, { metadata: { name: "b", namespace: "ns" } });
    const at = store.revision;
    store.update(PODS, { metadata: { name: "a", namespace: "ns" }, spec: { v: 2 } });
    store.delete(PODS, "ns", "b");
    store.create(PODS, { metadata: { name: "c", namespace: "ns" } });
    store.create(NODES, { metadata: { name: "n" } });
    const snapshot = store.listAt(PODS, "ns", at)!;
    assert.deepEqual(snapshot.map((p) => p.metadata.name), ["a", "b"]);
    assert.deepEqual(snapshot[0].spec, { v: 1 });
    assert.deepEqual(store.listAt(PODS, "other", at), []);
    assert.deepEqual(store.listAt(PODS, undefined, store.revision)!.map((p) => p.metadata.name), [
      "a",
      "c",
    ]);
  });

  it("says when the history no longer reaches the requested resourceVersion", () => {
    let uid = 0;
    const store = new ObjectStore({
      now: () => new Date(0),
      newUid: () => `u${++uid}`,
      historyLimit: 2,
    });
    for (const name of ["a", "b", "c", "d"]) store.create(NODES, { metadata: { name } });
    assert.equal(store.listAt(NODES, undefined, 1), undefined);
    assert.deepEqual(store.listAt(NODES, undefined, 3)!.map((n) => n.metadata.name), [
      "a",
      "b",
      "c",
    ]);
  });

  it("a write whose encoding fails changes nothing: no object, no revision, no event", () => {
    const store = newStore();
    const stored = store.create(NODES, { metadata: { name: "n" }, spec: { a: 1 } });
    const events: string[] = [];
    store.onChange((change) => events.push(change.type));
    const encoded: string[] = [];
    const failing = (object: { metadata: { resourceVersion?: string } }) => {
      encoded.push(object.metadata.resourceVersion!);
      throw new RangeError("Maximum call stack size exceeded");
    };
    assert.throws(
      () => store.create(NODES, { metadata: { name: "m" } }, { encode: failing }),
      RangeError,
    );
    assert.throws(
      () => store.update(NODES, { metadata: { name: "n" }, spec: { a: 2 } }, { encode: failing }),
      RangeError,
    );
    // The encoder saw the resourceVersion the object would have had.
    assert.deepEqual(encoded, ["2", "2"]);
    assert.equal(store.resourceVersion, "1");
    assert.deepEqual(store.list(NODES), [stored]);
    assert.deepEqual(events, []);
    assert.deepEqual(store.changesSince(1), { changes: [] });
    const created = store.create(NODES, { metadata: { name: "m" } }, { encode: JSON.stringify });
    assert.equal(created.metadata.resourceVersion, "2");
  });
});
