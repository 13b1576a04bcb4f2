// A resource's objects by key, small (sorted arrays) and large (a Map): the same answers either way.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ObjectCollection } from "../../src/store/object_collection.ts";
import { CollectionTable } from "../../src/store/collection_table.ts";
import type { KubeObject } from "../../src/store/mod.ts";

const object = (key: string): KubeObject => ({ kind: "ConfigMap", metadata: { name: key } });

// Keys in a scrambled order, with namespaces, names that sort by code unit ("B" < "a") and one
// key that is a prefix of another.
function keys(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const n = (i * 37) % count;
    return `${n % 3 === 0 ? "ns-b" : n % 3 === 1 ? "ns-a" : "ns-B"}/obj-${n}`;
  });
}

for (const count of [5, 32, 33, 200]) {
  describe(`an ObjectCollection of ${count} objects`, () => {
    it("gets, lists in Array.prototype.sort order and by namespace prefix", () => {
      const collection = new ObjectCollection();
      const all = keys(count);
      for (const key of all) collection.set(key, object(key));
      assert.equal(collection.size, count);
      for (const key of all) assert.equal(collection.get(key)?.metadata.name, key);
      assert.equal(collection.get("ns-a/missing"), undefined);
      assert.equal(collection.has("ns-a/obj-1"), true);
      const sorted = [...all].sort();
      assert.deepEqual(collection.list("").map((o) => o.metadata.name), sorted);
      assert.deepEqual(
        collection.list("ns-a/").map((o) => o.metadata.name),
        sorted.filter((key) => key.startsWith("ns-a/")),
      );
      assert.deepEqual(collection.entries().map(([key]) => key).sort(), sorted);
    });

    it("replaces in place, and a delete leaves the others listed in order", () => {
      const collection = new ObjectCollection();
      const all = keys(count);
      for (const key of all) collection.set(key, object(key));
      const replacement = object("replaced");
      collection.set(all[0], replacement);
      assert.equal(collection.size, count);
      assert.equal(collection.get(all[0]), replacement);
      assert.equal(collection.delete(all[1]), true);
      assert.equal(collection.delete(all[1]), false);
      assert.equal(collection.get(all[1]), undefined);
      const left = [...all].filter((key) => key !== all[1]).sort();
      assert.deepEqual(
        collection.list("").map((o) => o === replacement ? all[0] : o.metadata.name),
        left,
      );
      collection.set(all[1], object(all[1]));
      assert.deepEqual(collection.list("").length, count);
      assert.equal(collection.list("")[[...all].sort().indexOf(all[1])].metadata.name, all[1]);
    });
  });
}

describe("a CollectionTable", () => {
  for (const count of [3, 40]) {
    it(`keeps ${count} resources in the order first written and finds each`, () => {
      const table = new CollectionTable();
      const resources = Array.from({ length: count }, (_, i) => `group${count - i}/things`);
      const collections = resources.map((key) => table.add(key));
      assert.deepEqual(table.keys(), resources);
      assert.equal(table.get("missing/things"), undefined);
      for (const [i, key] of resources.entries()) {
        // A key built anew (not the same string) finds the same collection.
        assert.equal(table.get(`${key.split("/")[0]}/things`), collections[i]);
        assert.equal(table.add(key), collections[i]);
      }
      assert.deepEqual(table.entries().map(([key]) => key), resources);
    });
  }
});
