// jsonSize: JSON.stringify's length without writing shared, frozen parts out again.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { jsonSize, jsonSizeChange } from "../../src/store/json_size.ts";

describe("jsonSize", () => {
  it("is JSON.stringify's length, escapes, nesting and left-out members included", () => {
    const deep = { b: { c: { d: { e: { f: { g: [{ h: null }] } } } } } };
    for (
      const value of [
        {},
        [],
        { a: 1, u: undefined },
        [1, undefined, "x\n\u2028é", true, 1.5e300],
        { 'k"ey': 'q"\\', é: "a\ud83d\ude00b", lone: "\ud800" },
        deep,
        Object.freeze({ x: "y" }),
        { z: Object.freeze([1, 2]) },
      ]
    ) {
      assert.equal(jsonSize(value), JSON.stringify(value).length, JSON.stringify(value));
    }
  });

  it("counts a frozen part shared by several objects whole in each", () => {
    const shared = Object.freeze({ text: "s".repeat(100) });
    assert.equal(jsonSize({ a: shared }), JSON.stringify({ a: shared }).length);
    assert.equal(jsonSize({ b: [shared] }), JSON.stringify({ b: [shared] }).length);
  });

  it("jsonSizeChange is the difference of the two sizes, walking only what differs", () => {
    const spec = { containers: [{ name: "c", args: ["x".repeat(300)] }] };
    const pod = { metadata: { name: "p", labels: { a: "b" } }, spec, status: { phase: "Pending" } };
    const cases: [unknown, unknown][] = [
      [{ ...pod, status: { phase: "Running", podIP: "10.0.0.1" } }, pod],
      [{ ...pod, metadata: { ...pod.metadata, labels: {} } }, pod],
      [{ ...pod, metadata: { name: "p" } }, pod],
      [{ metadata: pod.metadata }, pod],
      [{}, pod],
      [pod, {}],
      [{ ...pod, spec: undefined, extra: [1, 'q"', null] }, pod],
      [{ a: { b: { c: 1 } } }, { a: { b: { c: 22, d: true } } }],
      [{ a: [1, 2] }, { a: { 0: 1 } }],
      [{ a: "x" }, { a: { b: 1 } }],
      [{ a: {} }, { a: { b: undefined } }],
    ];
    for (const [next, previous] of cases) {
      assert.equal(
        jsonSizeChange(next, previous),
        JSON.stringify(next).length - JSON.stringify(previous).length,
        `${JSON.stringify(next)} after ${JSON.stringify(previous)}`,
      );
    }
  });
});
