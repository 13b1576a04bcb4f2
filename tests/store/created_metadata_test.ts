// A new object's metadata comes out of the store in ObjectMeta's Go order, whatever order it came in.

import assert from "node:assert/strict";
import { describe, it, test } from "node:test";
import { ObjectStore } from "../../src/store/mod.ts";
import { updatedMetadata } from "../../src/store/created_metadata.ts";

const CONFIGMAPS = { key: "configmaps", namespaced: true, tracksGeneration: false };
const DEPLOYMENTS = { key: "apps/deployments", namespaced: true, tracksGeneration: true };

function newStore() {
  return new ObjectStore({ now: () => new Date("2026-01-02T03:04:05Z"), newUid: () => "u-1" });
}

test("the store puts uid, resourceVersion, generation and creationTimestamp in Go's place", () => {
  const metadata = JSON.parse(
    '{"managedFields":[],"labels":{"a":"b"},"name":"c","generation":7,"resourceVersion":"9",' +
      '"namespace":"default","odd":1,"__proto__":{"x":1}}',
  );
  const created = newStore().create(DEPLOYMENTS, { metadata, spec: {} });
  assert.deepEqual(Object.keys(created.metadata), [
    "name",
    "namespace",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "labels",
    "managedFields",
    "odd",
    "__proto__",
  ]);
  assert.equal(created.metadata.generation, 1);
  assert.equal(created.metadata.resourceVersion, "1");
  // A client's `__proto__` key stays data, never the metadata's prototype.
  assert.equal(Object.getPrototypeOf(created.metadata), Object.prototype);
  const plain = newStore().create(CONFIGMAPS, {
    metadata: { generation: 3, namespace: "n", name: "c" },
  });
  assert.deepEqual(Object.keys(plain.metadata), [
    "name",
    "namespace",
    "uid",
    "resourceVersion",
    "creationTimestamp",
  ]);
  const dry = newStore().create(CONFIGMAPS, { metadata: { name: "d", namespace: "n" } }, {
    dryRun: true,
  });
  assert.deepEqual(Object.keys(dry.metadata), ["name", "namespace", "uid", "creationTimestamp"]);
});

describe("updatedMetadata", () => {
  const set = { uid: "u", creationTimestamp: "t", generation: undefined };

  it("puts the stored fields in Go's place, fields ObjectMeta lacks last, values unchanged", () => {
    const labels = { app: "x" };
    const incoming = JSON.parse(
      '{"x-internal":1,"labels":{"app":"x"},"name":"a","uid":"sent","creationTimestamp":"sent",' +
        '"generation":4,"deletionTimestamp":"sent","__proto__":{"y":2}}',
    );
    incoming.labels = labels;
    const out = updatedMetadata(incoming, set) as Record<string, unknown>;
    assert.deepEqual(Object.keys(out), [
      "name",
      "uid",
      "resourceVersion",
      "creationTimestamp",
      "labels",
      "x-internal",
      "__proto__",
    ]);
    assert.equal(out.uid, "u");
    assert.equal(out.creationTimestamp, "t");
    // No resourceVersion sent: an unconditional update's empty one.
    assert.equal(out.resourceVersion, "");
    assert.equal(out.labels, labels);
    // A sent `__proto__` key stays data, never the metadata's prototype.
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(out, "__proto__")?.value, { y: 2 });
  });

  it("keeps a sent resourceVersion and grace period, sets a counted generation", () => {
    const out = updatedMetadata(
      { name: "a", resourceVersion: "7", deletionGracePeriodSeconds: 30, generation: 1 },
      { ...set, generation: 3 },
    );
    assert.deepEqual(out, {
      name: "a",
      uid: "u",
      resourceVersion: "7",
      generation: 3,
      creationTimestamp: "t",
      deletionGracePeriodSeconds: 30,
    });
  });

  it("an object being deleted keeps its stored deletion, grace period included when unset", () => {
    const deletion = { timestamp: "d", gracePeriodSeconds: undefined };
    const out = updatedMetadata(
      { name: "a", deletionTimestamp: "sent", deletionGracePeriodSeconds: 5, finalizers: ["f"] },
      { ...set, deletion },
    ) as Record<string, unknown>;
    assert.deepEqual(Object.keys(out), [
      "name",
      "uid",
      "resourceVersion",
      "creationTimestamp",
      "deletionTimestamp",
      "deletionGracePeriodSeconds",
      "finalizers",
    ]);
    assert.equal(out.deletionTimestamp, "d");
    assert.equal(out.deletionGracePeriodSeconds, undefined);
  });
});

test("an update whose body lacks the fields the store sets stores its metadata in Go's order", () => {
  const store = newStore();
  store.create(CONFIGMAPS, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "c", namespace: "default", labels: { a: "1" } },
  } as never);
  const updated = store.update(CONFIGMAPS, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "c", namespace: "default", labels: { a: "2" } },
  } as never);
  assert.deepEqual(Object.keys(updated.metadata), [
    "name",
    "namespace",
    "uid",
    "resourceVersion",
    "creationTimestamp",
    "labels",
  ]);
});
