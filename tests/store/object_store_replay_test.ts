// ObjectStore.replay, snapshot and restore: a store rebuilt from its changes is the same store.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ObjectStore, type StoreChange, StoreError } from "../../src/store/mod.ts";

const CONFIG_MAPS = { key: "configmaps", namespaced: true, tracksGeneration: false };
const env = (historyLimit?: number) => {
  let uid = 0;
  return { now: () => new Date("2026-01-01T00:00:00Z"), newUid: () => `u${++uid}`, historyLimit };
};
const cm = (name: string, v: string) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "default" },
  data: { v },
});

function busy(historyLimit?: number) {
  const store = new ObjectStore(env(historyLimit));
  const changes: StoreChange[] = [];
  store.onChange((change) => changes.push(change));
  const a = store.create(CONFIG_MAPS, cm("a", "1"));
  store.update(CONFIG_MAPS, { ...a, data: { v: "2" } });
  store.create(CONFIG_MAPS, cm("b", "1"));
  store.delete(CONFIG_MAPS, "default", "b");
  store.create(CONFIG_MAPS, cm("c", "1"));
  return { store, changes };
}

describe("ObjectStore replay", () => {
  it("replaying every change gives the same objects, revision and history, silently", () => {
    const { store, changes } = busy();
    const replayed = new ObjectStore(env());
    let heard = 0;
    replayed.onChange(() => heard++);
    for (const { previous: _, ...change } of changes) replayed.replay(change);
    assert.equal(heard, 0, "a replayed change is not news");
    assert.equal(replayed.revision, store.revision);
    assert.deepEqual(replayed.list(CONFIG_MAPS), store.list(CONFIG_MAPS));
    assert.deepEqual(replayed.changesSince(1), store.changesSince(1));
    assert.deepEqual(
      replayed.listAt(CONFIG_MAPS, "default", 3),
      store.listAt(CONFIG_MAPS, "default", 3),
    );
    const next = replayed.create(CONFIG_MAPS, cm("d", "1"));
    assert.equal(next.metadata.resourceVersion, String(store.revision + 1));
  });

  it("a capture builds the snapshot of its moment, whatever is written after it", () => {
    const { store } = busy(3);
    const expected = JSON.stringify(store.snapshot());
    const captured = store.capture();
    const a = store.get(CONFIG_MAPS, "default", "a")!;
    store.update(CONFIG_MAPS, { ...a, data: { v: "3" } });
    store.delete(CONFIG_MAPS, "default", "c");
    store.create(CONFIG_MAPS, cm("d", "1"));
    assert.equal(JSON.stringify(captured()), expected);
    assert.notEqual(JSON.stringify(store.snapshot()), expected);
  });

  it("a snapshot leaves out what its history holds, and restore derives it again", () => {
    const { store } = busy();
    const snapshot = store.snapshot();
    assert.deepEqual(snapshot.objects, [], "every object is the end of a retained change");
    assert.ok(snapshot.history.every((change) => change.previous === undefined));
    const restored = new ObjectStore(env());
    restored.restore(JSON.parse(JSON.stringify(snapshot)));
    assert.deepEqual(restored.list(CONFIG_MAPS), store.list(CONFIG_MAPS));
    const previous = (s: ObjectStore) =>
      "changes" in s.changesSince(0)
        ? (s.changesSince(0) as { changes: StoreChange[] }).changes.map((c) => c.previous)
        : [];
    assert.deepEqual(previous(restored), previous(store));
  });

  it("a change at or below the current revision is refused", () => {
    const { changes } = busy();
    const replayed = new ObjectStore(env());
    replayed.replay(changes[0]);
    assert.throws(() => replayed.replay(changes[0]), StoreError);
  });

  it("snapshot then restore keeps objects, revision and history; an expired resume stays expired", () => {
    const { store } = busy(2);
    const restored = new ObjectStore(env(2));
    restored.restore(JSON.parse(JSON.stringify(store.snapshot())));
    assert.equal(restored.revision, store.revision);
    assert.deepEqual(restored.list(CONFIG_MAPS), store.list(CONFIG_MAPS));
    assert.deepEqual(restored.changesSince(1), { expired: true }, "older than the history: 410");
    const json = (value: unknown) => JSON.parse(JSON.stringify(value));
    assert.deepEqual(json(restored.changesSince(3)), json(store.changesSince(3)));
    assert.deepEqual(
      json(restored.changesSince(3)).changes.map((c: StoreChange) => c.key),
      ["default/b", "default/c"],
    );
    assert.equal(restored.oldestResumableRevision, store.oldestResumableRevision);
    assert.throws(() => restored.restore(store.snapshot()), StoreError, "only into an empty store");
  });
});
