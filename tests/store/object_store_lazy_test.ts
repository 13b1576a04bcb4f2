// ObjectStore.restore of a snapshot still as text: read on first use, exactly as if read at once.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ObjectStore, SnapshotText, type StoreChange } from "../../src/store/mod.ts";

const CONFIG_MAPS = { key: "configmaps", namespaced: true, tracksGeneration: false };
const env = () => {
  let uid = 0;
  return { now: () => new Date("2026-01-01T00:00:00Z"), newUid: () => `u${++uid}` };
};
const cm = (name: string, v: string) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "default" },
  data: { v },
});

// A store with history, its snapshot's text, and the changes made after that snapshot.
function source() {
  const store = new ObjectStore(env());
  const a = store.create(CONFIG_MAPS, cm("a", "1"));
  store.update(CONFIG_MAPS, { ...a, data: { v: "2" } });
  store.create(CONFIG_MAPS, cm("b", "1"));
  const text = new SnapshotText(JSON.stringify(store.snapshot()));
  const after: StoreChange[] = [];
  store.onChange((change) => after.push(change));
  store.delete(CONFIG_MAPS, "default", "b");
  store.create(CONFIG_MAPS, cm("c", "1"));
  return { store, text, after: after.map(({ previous: _, ...change }) => change) };
}

describe("ObjectStore restored from text", () => {
  it("reads the text and replays the later changes on first use, before any task of whenRead", () => {
    const { store, text, after } = source();
    const restored = new ObjectStore(env());
    restored.restore(text);
    for (const change of after) restored.replay(change);
    const seen: string[] = [];
    restored.whenRead(() => void seen.push(`read at ${restored.revision}`));
    assert.equal(seen.length, 0, "nothing read yet");
    assert.deepEqual(restored.list(CONFIG_MAPS), store.list(CONFIG_MAPS));
    assert.deepEqual(seen, [`read at ${store.revision}`]);
    assert.deepEqual(restored.changesSince(1), store.changesSince(1));
    assert.equal(restored.read(), false, "read once only");
    restored.whenRead(() => void seen.push("now"));
    assert.deepEqual(seen.at(-1), "now", "a task after the read runs at once");
    const next = restored.create(CONFIG_MAPS, cm("d", "1"));
    assert.equal(next.metadata.resourceVersion, String(store.revision + 1));
  });

  it("any call reads it: a write continues the resourceVersions", () => {
    const { store, text, after } = source();
    const restored = new ObjectStore(env());
    restored.restore(text);
    for (const change of after) restored.replay(change);
    const made = restored.create(CONFIG_MAPS, cm("e", "1"));
    assert.equal(made.metadata.resourceVersion, String(store.revision + 1));
    assert.equal(restored.count(CONFIG_MAPS), 3);
  });

  it("a capture of a store never read is its text itself; with later changes it reads first", () => {
    const { text, after } = source();
    const untouched = new ObjectStore(env());
    untouched.restore(text);
    assert.equal(untouched.capture()(), text);
    assert.equal(untouched.read(), true, "capturing the text did not read it");
    const changed = new ObjectStore(env());
    changed.restore(text);
    for (const change of after) changed.replay(change);
    const captured = changed.capture()();
    assert.ok(!(captured instanceof SnapshotText));
    assert.equal(captured.revision, after.at(-1)!.resourceVersion);
  });

  it("a text that is not a snapshot fails every call alike, never answers from an empty store", () => {
    const broken = new ObjectStore(env());
    broken.restore(new SnapshotText('{"revision":"x"}'));
    assert.throws(() => broken.list(CONFIG_MAPS), /not a snapshot/);
    assert.throws(() => broken.get(CONFIG_MAPS, "default", "a"), /not a snapshot/);
    assert.throws(() => broken.create(CONFIG_MAPS, cm("a", "1")), /not a snapshot/);
  });

  it("changes replayed out of order are refused when the text is read", () => {
    const { text, after } = source();
    const restored = new ObjectStore(env());
    restored.restore(text);
    restored.replay(after[1]);
    restored.replay(after[0]);
    assert.throws(() => restored.list(CONFIG_MAPS), /Cannot replay resourceVersion/);
  });
});
