// deepFreeze: JSON data frozen all the way down, parts frozen before not walked again.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { deepFreeze } from "../../src/encoding/mod.ts";

describe("deepFreeze", () => {
  it("freezes arrays and objects all the way down and returns the value", () => {
    const value = { a: [{ b: { c: 1 } }], d: Object.create(null) as Record<string, unknown> };
    const frozen = deepFreeze(value);
    assert.equal(frozen, value);
    assert.ok(Object.isFrozen(frozen.a[0].b) && Object.isFrozen(frozen.d));
    assert.throws(() => {
      (frozen.a[0].b as { c: number }).c = 2;
    }, TypeError);
  });

  it("freezes an own __proto__ key's value as any other member", () => {
    const parsed = deepFreeze(JSON.parse('{"__proto__":{"a":{"b":1}}}'));
    assert.ok(Object.isFrozen(Object.getOwnPropertyDescriptor(parsed, "__proto__")!.value.a));
  });

  it("does not walk into a part frozen already (shared, frozen through)", () => {
    const shallow = Object.freeze({ inner: { n: 1 } });
    deepFreeze({ shared: shallow });
    assert.equal(Object.isFrozen(shallow.inner), false);
  });
});
