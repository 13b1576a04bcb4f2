// ownCopy: a cluster's own copy of a made object shares what is frozen and copies every other container.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ownCopy } from "../../src/cluster/own_copy.ts";

describe("ownCopy", () => {
  const shared = Object.freeze({ rules: Object.freeze([Object.freeze({ verbs: ["get"] })]) });
  const made = { metadata: { name: "a", labels: { x: "1" } }, spec: shared, items: [{ n: 1 }, 2] };

  it("shares frozen parts and copies every other container, each copy new", () => {
    const one = ownCopy(made);
    const two = ownCopy(made);
    assert.deepEqual(one, made);
    assert.equal(one.spec, shared);
    for (const copy of [one, two]) {
      assert.notEqual(copy, made);
      assert.notEqual(copy.metadata, made.metadata);
      assert.notEqual(copy.metadata.labels, made.metadata.labels);
      assert.notEqual(copy.items, made.items);
      assert.notEqual(copy.items[0], made.items[0]);
    }
    assert.notEqual(one.metadata, two.metadata);
    one.metadata.labels.x = "2";
    assert.equal(two.metadata.labels.x, "1");
    assert.equal(made.metadata.labels.x, "1");
  });

  it("keeps a __proto__ key as an own data property, never as the prototype", () => {
    const odd = JSON.parse('{"data":{"__proto__":{"polluted":true},"b":1}}');
    const copy = ownCopy(odd);
    assert.equal(Object.getPrototypeOf(copy.data), Object.prototype);
    assert.deepEqual(Object.keys(copy.data), ["__proto__", "b"]);
    assert.deepEqual(copy.data.__proto__, { polluted: true });
    assert.notEqual(copy.data.__proto__, odd.data.__proto__);
  });

  it("returns primitives and frozen values as they are", () => {
    assert.equal(ownCopy(shared), shared);
    assert.equal(ownCopy(3), 3);
    assert.equal(ownCopy(null), null);
  });
});
