// An object's differences from another, as a derived journal record holds them: exact for JSON.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { applyPatch, objectPatch } from "../../src/journal/mod.ts";

// What replay does: the template as read back from its JSON, the patch as read back from its own.
function replayed(template: unknown, object: unknown): string | undefined {
  const patch = objectPatch(template, object);
  if (patch === undefined) return undefined;
  const parsed = JSON.parse(JSON.stringify(template));
  return JSON.stringify(applyPatch(parsed, JSON.parse(JSON.stringify(patch))));
}

describe("object patch", () => {
  it("holds only the values that differ; shared parts cost nothing", () => {
    const shared = { containers: [{ name: "c", image: "i" }] };
    const a = { metadata: { name: "a", uid: "1", labels: { x: "1" } }, spec: shared };
    const b = { metadata: { name: "b", uid: "2", labels: { x: "1" } }, spec: shared };
    assert.deepEqual(objectPatch(a, b), [[["metadata", "name"], "b"], [["metadata", "uid"], "2"]]);
    assert.equal(replayed(a, b), JSON.stringify(b));
  });

  it("a container with other keys, another key order or another length is replaced whole", () => {
    const a = { m: { x: 1, y: 2 }, l: [1, 2], o: { p: 1, q: 2 } };
    const b = { m: { x: 1, z: 2 }, l: [1, 2, 3], o: { q: 2, p: 1 } };
    assert.deepEqual(objectPatch(a, b), [[["m"], b.m], [["l"], b.l], [["o"], b.o]]);
    assert.equal(replayed(a, b), JSON.stringify(b));
  });

  it("values JSON cannot carry at their path give no patch (the record is written whole)", () => {
    assert.equal(objectPatch({ a: 1, b: 2 }, { a: 1, b: undefined }), undefined);
    assert.equal(objectPatch({ a: undefined }, { a: 1 }), undefined);
    const proto = JSON.parse('{"__proto__": {"x": 1}}');
    assert.equal(objectPatch(proto, JSON.parse('{"__proto__": {"x": 2}}')), undefined);
    // An undefined member left alike is dropped from both JSONs alike.
    assert.equal(replayed({ a: undefined, b: 1 }, { a: undefined, b: 2 }), '{"b":2}');
  });

  it("a patch past its limit gives none", () => {
    const a = Array.from({ length: 10 }, (_, i) => i);
    assert.equal(objectPatch(a, a.map((n) => n + 1), 9), undefined);
    assert.equal(objectPatch(a, a.map((n) => n + 1), 10)?.length, 10);
  });

  it("applying copies the containers on its paths and leaves the template as it was", () => {
    const template = Object.freeze({
      metadata: Object.freeze({ name: "a" }),
      spec: Object.freeze({ x: 1 }),
    });
    const out = applyPatch(template, [[["metadata", "name"], "b"]]) as typeof template;
    assert.equal(out.metadata.name, "b");
    assert.equal(template.metadata.name, "a");
    assert.equal(out.spec, template.spec, "an unpatched part is shared");
  });

  it("a path that leads to no value of the template throws (a damaged record), and never adds one", () => {
    assert.throws(() => applyPatch({ a: 1 }, [[["b"], 2]]), TypeError);
    assert.throws(() => applyPatch({ a: [1] }, [[["a", "0"], 2]]), TypeError);
    assert.throws(() => applyPatch({ a: 1 }, [[["a", "b"], 2]]), TypeError);
  });
});
