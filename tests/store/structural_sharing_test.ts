// Equal parts shared with a model: same bytes in every encoding, the model's parts frozen and reused.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deepFreeze } from "../../src/encoding/mod.ts";
import { shareFrom } from "../../src/store/mod.ts";

describe("shareFrom", () => {
  it("reuses the model's equal subtrees and copies only the containers above them", () => {
    const model = deepFreeze({
      spec: { containers: [{ name: "a", args: ["--x"] }], nodeName: "n1" },
      data: { ca: "PEM" },
    });
    const value = {
      spec: { containers: [{ name: "a", args: ["--x"] }], nodeName: "n2" },
      data: { ca: "PEM" },
    };
    const before = JSON.stringify(value);
    const shared = shareFrom(model, value);
    assert.equal(JSON.stringify(shared), before);
    assert.equal(shared.data, model.data);
    assert.equal(shared.spec.containers, model.spec.containers);
    assert.notEqual(shared.spec, model.spec);
    assert.equal(shared.spec.nodeName, "n2");
    assert.equal(JSON.stringify(value), before, "the value itself is not changed");
    assert.notEqual(value.data, model.data);
  });

  it("shares nothing whose key order, length or type differs (encodings would change)", () => {
    const model = deepFreeze({ a: { x: 1, y: 2 }, b: [1, 2], c: { z: 0 }, d: [] as unknown[] });
    const value = { a: { y: 2, x: 1 }, b: [1, 2, 3], c: { z: 0, w: undefined }, d: {} };
    const shared = shareFrom(model, value);
    assert.equal(shared.a, value.a);
    assert.equal(shared.b, value.b);
    assert.equal(shared.c, value.c);
    assert.equal(shared.d, value.d);
    assert.equal(JSON.stringify(Object.keys(shared.a)), '["y","x"]');
  });

  it("returns the model when wholly equal, and leaves frozen parts of the value as they are", () => {
    const model = deepFreeze({ rules: [{ verbs: ["get"] }] });
    assert.equal(shareFrom(model, { rules: [{ verbs: ["get"] }] }), model);
    const cached = Object.freeze({ verbs: ["get"] });
    const shared = shareFrom(model, { rules: [cached], extra: true });
    assert.equal(shared.rules[0], cached);
  });

  it("shares a `__proto__` key's value as a plain property, never as the copy's prototype", () => {
    const model = deepFreeze(JSON.parse('{"data":{"__proto__":{"a":1},"b":"x"}}'));
    const value = JSON.parse('{"data":{"__proto__":{"a":1},"b":"y"}}');
    const shared = shareFrom(model, value);
    assert.equal(JSON.stringify(shared), JSON.stringify(value));
    assert.equal(Object.getPrototypeOf(shared.data), Object.prototype);
    assert.ok(Object.hasOwn(shared.data, "__proto__"));
  });
});
