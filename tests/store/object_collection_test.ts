// A resource's objects by key, small (sorted arrays) and large (a Map): the same answers either way.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ObjectCollection } from "../../src/store/object_collection.ts";
import type { KubeObject } from "../../src/store/mod.ts";

// The object a key names: `namespace/name` spelled by its metadata, or a name alone; with
// `unspelled`, metadata that does not spell the key (the collection goes by the key it is given).
function object(key: string, unspelled = false): KubeObject {
  if (unspelled) return { kind: "ConfigMap", metadata: { name: `other-${key.length}` } };
  const slash = key.indexOf("/");
  if (slash < 0) return { kind: "ConfigMap", metadata: { name: key } };
  return {
    kind: "ConfigMap",
    metadata: { namespace: key.slice(0, slash), name: key.slice(slash + 1) },
  };
}

// Namespaces that start one another, with next characters below "/" ("-", ".") and above
// ("z", "0"), and names that sort by code unit ("B" < "a").
const NAMESPACES = ["ns", "ns-a", "ns.b", "nsz", "ns-a-x", "n", "ns0"];

function keys(count: number, clusterScoped = false): string[] {
  return Array.from({ length: count }, (_, i) => {
    const n = (i * 37) % count;
    const name = `${n % 2 ? "B" : "a"}obj-${n}`;
    return clusterScoped ? `${NAMESPACES[n % 7]}${name}` : `${NAMESPACES[n % 7]}/${name}`;
  });
}

const nameOf = (key: string, o: KubeObject) =>
  o.metadata.name?.startsWith("other-")
    ? key
    : o.metadata.namespace
    ? `${o.metadata.namespace}/${o.metadata.name}`
    : o.metadata.name;

for (
  const [count, clusterScoped, unspelled] of [
    [5, false, false],
    [32, false, false],
    [32, true, false],
    [30, false, true],
    [33, false, false],
    [200, false, true],
  ] as const
) {
  const label = `${clusterScoped ? "cluster-scoped" : "namespaced"}${
    unspelled ? ", some keys unspelled" : ""
  }`;
  // Every third object's metadata does not spell its key when `unspelled`.
  const make = (key: string, i: number) => object(key, unspelled && i % 3 === 0);
  describe(`an ObjectCollection of ${count} objects (${label})`, () => {
    it("gets, lists in Array.prototype.sort order and by namespace prefix", () => {
      const collection = new ObjectCollection();
      const all = keys(count, clusterScoped);
      const objects = new Map(all.map((key, i) => [key, make(key, i)]));
      for (const key of all) collection.set(key, objects.get(key)!);
      assert.equal(collection.size, count);
      for (const key of all) assert.equal(collection.get(key), objects.get(key));
      for (const missing of ["ns-a/missing", "ns", "ns-", "ns/", "nsz/zzz", "", "zz"]) {
        assert.equal(collection.get(missing), undefined, missing);
      }
      assert.equal(collection.has(all[0]), true);
      const sorted = [...all].sort();
      assert.deepEqual(
        collection.list("").map((o) => objects.get(sorted[0]) && o),
        sorted.map((k) => objects.get(k)),
      );
      for (const prefix of NAMESPACES.map((ns) => `${ns}/`).concat(["ns-", "n"])) {
        assert.deepEqual(
          collection.list(prefix),
          sorted.filter((key) => key.startsWith(prefix)).map((k) => objects.get(k)),
          prefix,
        );
      }
      // Small collections give their entries in key order, large ones in insertion order.
      const entryKeys = collection.entries().map(([key]) => key);
      assert.deepEqual(count > 32 ? entryKeys.sort() : entryKeys, sorted);
      assert.deepEqual(collection.entries().map(([key, o]) => nameOf(key, o)).sort(), sorted);
    });

    it("replaces in place, and a delete leaves the others listed in order", () => {
      const collection = new ObjectCollection();
      const all = keys(count, clusterScoped);
      for (const [i, key] of all.entries()) collection.set(key, make(key, i));
      const replacement = object("replaced", true);
      collection.set(all[0], replacement);
      assert.equal(collection.size, count);
      assert.equal(collection.get(all[0]), replacement);
      assert.equal(collection.delete(all[1]), true);
      assert.equal(collection.delete(all[1]), false);
      assert.equal(collection.get(all[1]), undefined);
      const left = [...all].filter((key) => key !== all[1]).sort();
      const entryKeys = collection.entries().map(([key]) => key);
      assert.deepEqual(count > 32 ? entryKeys.sort() : entryKeys, left);
      assert.equal(collection.list("")[left.indexOf(all[0])], replacement);
      const back = object(all[1]);
      collection.set(all[1], back);
      assert.deepEqual(collection.list("").length, count);
      assert.equal(collection.list("")[[...all].sort().indexOf(all[1])], back);
    });
  });
}
