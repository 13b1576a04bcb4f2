// Custom resources sorted as kube-apiserver's unstructured maps encode: every level, once per write.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { goSortedUnstructured } from "../../../src/api/schema/mod.ts";

describe("goSortedUnstructured", () => {
  it("sorts every object's keys, inside lists too, without mutating the input", () => {
    const input = {
      spec: { b: 1, a: [{ z: 1, y: { d: 1, c: 2 } }] },
      kind: "W",
      data: 1,
      apiVersion: "v",
    };
    const sorted = goSortedUnstructured(input);
    assert.equal(
      JSON.stringify(sorted),
      '{"apiVersion":"v","data":1,"kind":"W","spec":{"a":[{"y":{"c":2,"d":1},"z":1}],"b":1}}',
    );
    assert.deepEqual(Object.keys(input), ["spec", "kind", "data", "apiVersion"]);
  });

  it("answers the object itself when sorted, and shares what it did not change", () => {
    const sorted = { a: { x: 1 }, b: [{ c: 1 }] };
    assert.equal(goSortedUnstructured(sorted), sorted);
    const unsorted = { b: sorted.b, a: sorted.a };
    const again = goSortedUnstructured(unsorted);
    assert.notEqual(again, unsorted);
    assert.equal(again.a, sorted.a);
    assert.equal(again.b, sorted.b);
  });

  it("does not walk parts that are the stored version's", () => {
    const shared = { z: 1, a: 2 };
    const previous = { spec: shared };
    const next = { spec: shared, metadata: { b: 1, a: 1 } };
    const sorted = goSortedUnstructured(next, previous);
    assert.equal(sorted.spec, shared);
    assert.deepEqual(Object.keys(sorted), ["metadata", "spec"]);
    assert.deepEqual(Object.keys(sorted.metadata), ["a", "b"]);
  });

  it("sorts frozen shared parts once and shares the sorted copy", () => {
    const frozen = Object.freeze({ b: 1, a: 1 });
    const one = goSortedUnstructured({ x: frozen });
    const two = goSortedUnstructured({ y: frozen });
    assert.equal(one.x, two.y);
    assert.ok(Object.isFrozen(one.x));
    assert.deepEqual(Object.keys(one.x), ["a", "b"]);
  });
});
