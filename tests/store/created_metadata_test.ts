// A new object's metadata comes out of the store in ObjectMeta's Go order, whatever order it came in.

import assert from "node:assert/strict";
import { describe, it, test } from "node:test";
import { ObjectStore } from "../../src/store/mod.ts";
import { inGoFieldOrder } from "../../src/store/created_metadata.ts";

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

describe("inGoFieldOrder", () => {
  it("gives back metadata already in Go's order as it is", () => {
    const metadata = { name: "a", namespace: "n", uid: "u", resourceVersion: "1", labels: {} };
    assert.equal(inGoFieldOrder(metadata), metadata);
    const withUnknown = { name: "a", uid: "u", "x-internal": 1 };
    assert.equal(inGoFieldOrder(withUnknown as never), withUnknown);
  });

  it("puts appended fields in Go's place, fields ObjectMeta lacks last, values unchanged", () => {
    const labels = { app: "x" };
    const metadata = {
      name: "a",
      "x-internal": 1,
      labels,
      uid: "u",
      creationTimestamp: "t",
      resourceVersion: "",
    };
    const ordered = inGoFieldOrder(metadata as never) as Record<string, unknown>;
    assert.deepEqual(Object.keys(ordered), [
      "name",
      "uid",
      "resourceVersion",
      "creationTimestamp",
      "labels",
      "x-internal",
    ]);
    assert.equal(ordered.labels, labels);
    assert.deepEqual(ordered, metadata);
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
