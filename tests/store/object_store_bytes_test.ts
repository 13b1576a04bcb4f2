// ObjectStore's byte tally and bound (etcd's --quota-backend-bytes): kept on every write, O(1),
// from the encoded JSON a client write passes; derived again after a restore.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  type KubeObject,
  ObjectStore,
  SnapshotText,
  type StoreChange,
  StoreError,
} from "../../src/store/mod.ts";

const CONFIG_MAPS = { key: "configmaps", namespaced: true, tracksGeneration: false };
const env = (byteLimit?: number) => {
  let uid = 0;
  return { now: () => new Date("2026-01-01T00:00:00Z"), newUid: () => `u${++uid}`, byteLimit };
};
const cm = (name: string, v: string) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "default" },
  data: { v },
});
// What a client write passes: the object's JSON (kube's is Go-ordered, with a newline).
const encode = (object: KubeObject) => `${JSON.stringify(object)}\n`;
const size = (object: KubeObject) => encode(object).length;
const noSpace = (error: unknown) =>
  error instanceof StoreError && error.reason === "NoSpace" &&
  error.message === "etcdserver: mvcc: database space exceeded";

describe("ObjectStore bytes", () => {
  it("counts a client write's encoded size, frees it on update and delete", () => {
    const store = new ObjectStore(env());
    const a = store.create(CONFIG_MAPS, cm("a", "x".repeat(100)), { encode });
    const b = store.create(CONFIG_MAPS, cm("b", "y"), { encode });
    assert.equal(store.bytes, size(a) + size(b));
    const a2 = store.update(CONFIG_MAPS, { ...a, data: { v: "z" } }, { encode });
    assert.equal(store.bytes, size(a2) + size(b));
    store.delete(CONFIG_MAPS, "default", "b");
    assert.equal(store.bytes, size(a2));
  });

  it("counts nothing until a client writes; then every object counts, controllers' and seeded ones included", () => {
    const store = new ObjectStore(env());
    const seeded = store.create(CONFIG_MAPS, cm("seeded", "s".repeat(40)), { seeded: true });
    const made = store.create(CONFIG_MAPS, cm("made", "m".repeat(50)));
    const a = store.create(CONFIG_MAPS, cm("a", "x".repeat(100)), { encode });
    assert.equal(store.bytes, size(seeded) + size(made) + size(a));
    const made2 = store.update(CONFIG_MAPS, { ...made, data: { v: "m".repeat(70) } });
    const seeded2 = store.update(CONFIG_MAPS, { ...seeded, data: { v: "" } }, { seeded: true });
    assert.equal(store.bytes, size(seeded2) + size(made2) + size(a));
    // A controller's update of a client's object counts its own JSON.
    const a2 = store.update(CONFIG_MAPS, { ...a, data: { v: "y".repeat(10) } });
    assert.equal(store.bytes, size(seeded2) + size(made2) + size(a2));
    store.delete(CONFIG_MAPS, "default", "made");
    store.delete(CONFIG_MAPS, "default", "a");
    assert.equal(store.bytes, size(seeded2));
  });

  it("a controller's create measures its shared, frozen parts once and counts them whole", () => {
    const store = new ObjectStore(env());
    store.create(CONFIG_MAPS, cm("client", ""), { encode });
    const shared = Object.freeze({ v: "s".repeat(1_000) });
    const first = store.create(CONFIG_MAPS, { ...cm("a", ""), data: shared });
    const second = store.create(CONFIG_MAPS, { ...cm("b", ""), data: shared });
    assert.equal(store.bytes, size(store.list(CONFIG_MAPS)[2]) + size(first) + size(second));
  });

  it("a controller's write past byteLimit is NoSpace; a seeded one, a deletion's marking and a shrinking write are not", () => {
    const store = new ObjectStore(env(600));
    store.create(CONFIG_MAPS, cm("a", "x".repeat(100)), { encode });
    assert.throws(() => store.create(CONFIG_MAPS, cm("b", "y".repeat(500))), noSpace);
    const made = store.create(CONFIG_MAPS, cm("c", "y".repeat(100)));
    assert.throws(
      () => store.update(CONFIG_MAPS, { ...made, data: { v: "y".repeat(500) } }),
      noSpace,
    );
    const seeded = store.create(CONFIG_MAPS, cm("d", "z".repeat(500)), { seeded: true });
    assert.ok(store.bytes > 600);
    // Past the bound, what shrinks still passes, and so does marking an object deleted.
    store.update(CONFIG_MAPS, { ...made, data: { v: "" } });
    const marked = store.delete(CONFIG_MAPS, "default", "d", { addFinalizers: ["f"] });
    assert.equal(marked.removed, false);
    store.update(CONFIG_MAPS, {
      ...marked.object,
      metadata: { ...marked.object.metadata, finalizers: [] },
    });
    assert.equal(store.get(CONFIG_MAPS, "default", seeded.metadata.name!), undefined);
    assert.ok(store.bytes < 600);
  });

  it("a client write past byteLimit is NoSpace and changes nothing; one that fits is stored", () => {
    const first = cm("a", "x".repeat(100));
    const limit = size({ ...first, metadata: { ...first.metadata, uid: "u1" } }) + 250;
    const store = new ObjectStore(env(limit));
    const a = store.create(CONFIG_MAPS, first, { encode });
    const revision = store.revision;
    const seen: string[] = [];
    store.onChange((change) => seen.push(change.key));
    assert.throws(() => store.create(CONFIG_MAPS, cm("b", "y".repeat(300)), { encode }), noSpace);
    assert.throws(
      () => store.update(CONFIG_MAPS, { ...a, data: { v: "x".repeat(400) } }, { encode }),
      noSpace,
    );
    assert.equal(store.revision, revision);
    assert.deepEqual(seen, []);
    assert.deepEqual(store.list(CONFIG_MAPS), [a]);
    // A seeded write is never refused; it counts, so a client's small write then is.
    store.create(CONFIG_MAPS, cm("c", "y".repeat(300)), { seeded: true });
    assert.throws(() => store.create(CONFIG_MAPS, cm("d", "y"), { encode }), noSpace);
    store.delete(CONFIG_MAPS, "default", "c");
    store.create(CONFIG_MAPS, cm("d", "y"), { encode });
    assert.equal(store.list(CONFIG_MAPS).length, 2);
  });

  it("after a restore the tally counts every restored object, derived on first use", () => {
    const source = new ObjectStore(env());
    source.create(CONFIG_MAPS, cm("a", "x".repeat(500)), { encode });
    const text = new SnapshotText(JSON.stringify(source.snapshot()));
    const after: StoreChange[] = [];
    source.onChange((change) => after.push(change));
    source.create(CONFIG_MAPS, cm("b", "y".repeat(500)), { encode });
    const restored = new ObjectStore(env(source.bytes + 100));
    restored.restore(text);
    for (const { previous: _, ...change } of after) restored.replay(change);
    assert.equal(restored.bytes, source.bytes);
    assert.throws(
      () => restored.create(CONFIG_MAPS, cm("c", "z".repeat(200)), { encode }),
      noSpace,
    );
    restored.delete(CONFIG_MAPS, "default", "a");
    restored.create(CONFIG_MAPS, cm("c", "z".repeat(200)), { encode });
    assert.equal(restored.list(CONFIG_MAPS).length, 2);
  });
});
