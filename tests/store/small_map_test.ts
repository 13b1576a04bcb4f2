// SmallMap answers as a Map does, below and beyond the size where it becomes one.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { SmallMap } from "../../src/store/small_map.ts";
import { ObjectCollection } from "../../src/store/object_collection.ts";

// The same operations on a SmallMap and a Map; their answers and entries compared at each step.
function runBoth(small: number, steps: number): void {
  const ours = new SmallMap<number>(small);
  const map = new Map<string, number>();
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 40;
  for (let step = 0; step < steps; step++) {
    const key = `k${next()}`;
    const operation = next() % 4;
    if (operation < 2) {
      assert.equal(ours.set(key, step), ours);
      map.set(key, step);
    } else if (operation === 2) assert.equal(ours.delete(key), map.delete(key));
    else assert.equal(ours.get(key), map.get(key));
    assert.equal(ours.has(key), map.has(key));
    assert.equal(ours.size, map.size);
    assert.deepEqual(ours.entries(), [...map]);
  }
  assert.deepEqual(ours.keys(), [...map.keys()]);
  assert.deepEqual(ours.values(), [...map.values()]);
  assert.deepEqual([...ours], [...map]);
}

describe("SmallMap", () => {
  it("answers as a Map while small (keys set again keep their place)", () => runBoth(64, 400));
  it("answers as a Map across the switch to a Map and back after clear", () => {
    runBoth(4, 400);
    const ours = new SmallMap<number>(2);
    for (const key of ["a", "b", "c"]) ours.set(key, 1);
    ours.clear();
    assert.equal(ours.size, 0);
    assert.equal(ours.get("a"), undefined);
    ours.set("z", 2).set("y", 3);
    assert.deepEqual(ours.entries(), [["z", 2], ["y", 3]]);
  });
  it("iterates the entries as they were when the iteration began", () => {
    const ours = new SmallMap<number>();
    ours.set("a", 1).set("b", 2);
    const seen: string[] = [];
    for (const [key] of ours) {
      seen.push(key);
      ours.delete("b");
      ours.set("c", 3);
    }
    assert.deepEqual(seen, ["a", "b"]);
    assert.deepEqual(ours.keys(), ["a", "c"]);
  });
});

describe("a store's collections (a SmallMap of 32)", () => {
  for (const count of [3, 40]) {
    it(`keeps ${count} resources in the order first written and finds each`, () => {
      const table = new SmallMap<ObjectCollection>(32);
      const resources = Array.from({ length: count }, (_, i) => `group${count - i}/things`);
      const collections = resources.map((key) => {
        const collection = new ObjectCollection();
        table.set(key, collection);
        return collection;
      });
      assert.deepEqual(table.keys(), resources);
      assert.equal(table.get("missing/things"), undefined);
      for (const [i, key] of resources.entries()) {
        // A key built anew (not the same string) finds the same collection.
        assert.equal(table.get(`${key.split("/")[0]}/things`), collections[i]);
        assert.equal(table.get(key), collections[i]);
      }
      assert.deepEqual(table.entries().map(([key]) => key), resources);
    });
  }
});
