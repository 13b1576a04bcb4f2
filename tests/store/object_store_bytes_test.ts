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

  it("a controller's update of a counted object keeps its size; its own creates are not counted", () => {
    const store = new ObjectStore(env());
    const a = store.create(CONFIG_MAPS, cm("a", "x".repeat(100)), { encode });
    store.update(CONFIG_MAPS, { ...a, data: { v: "x".repeat(101) } });
    assert.equal(store.bytes, size(a));
    store.create(CONFIG_MAPS, cm("seeded", "s"));
    assert.equal(store.bytes, size(a));
    store.delete(CONFIG_MAPS, "default", "a");
    assert.equal(store.bytes, 0);
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
    // Writes without an encoder (seeds, controllers) are never refused.
    store.create(CONFIG_MAPS, cm("c", "y".repeat(300)));
    store.create(CONFIG_MAPS, cm("d", "y"), { encode });
    assert.equal(store.list(CONFIG_MAPS).length, 3);
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
