// A new object's metadata comes out of the store in ObjectMeta's Go order, whatever order it came in.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ObjectStore } from "../../src/store/mod.ts";

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
