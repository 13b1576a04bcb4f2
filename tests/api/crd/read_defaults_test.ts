// Read-time defaulting of custom resources: a shared copy when a default is missing, the object itself otherwise.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { customResourceSchema, defaultedOnRead } from "../../../src/api/crd/mod.ts";

const withDefaults = customResourceSchema({
  type: "object",
  properties: {
    spec: {
      type: "object",
      properties: {
        tier: { type: "string", default: "gold" },
        labels: {
          type: "object",
          additionalProperties: { type: "string", default: "x" },
        },
        optional: { type: "string" },
      },
    },
  },
})!;
const without = customResourceSchema({
  type: "object",
  properties: { spec: { type: "object", properties: { tier: { type: "string" } } } },
})!;

describe("defaultedOnRead", () => {
  it("a missing default gives a defaulted copy, the same one on every read; the input is untouched", () => {
    const stored = { spec: { optional: "a" } };
    const first = defaultedOnRead(withDefaults, stored);
    assert.deepEqual(first, { spec: { optional: "a", tier: "gold" } });
    assert.deepEqual(stored, { spec: { optional: "a" } });
    assert.equal(defaultedOnRead(withDefaults, stored), first);
    assert.equal(defaultedOnRead(withDefaults, first), first);
  });

  it("a complete object, or a schema without defaults, is answered as is", () => {
    const complete = { spec: { tier: "silver", labels: { a: "b" } } };
    assert.equal(defaultedOnRead(withDefaults, complete), complete);
    const bare = { spec: {} };
    assert.equal(defaultedOnRead(without, bare), bare);
  });

  it("non-nullable nulls take a default where one is declared, and are otherwise kept", () => {
    const stored = { spec: { tier: null, optional: null, labels: { a: null } } };
    assert.deepEqual(defaultedOnRead(withDefaults, stored), {
      spec: { tier: "gold", optional: null, labels: { a: "x" } },
    });
  });

  it("another schema (the CRD changed) is read anew", () => {
    const stored = { spec: {} };
    assert.equal(defaultedOnRead(without, stored), stored);
    assert.deepEqual(defaultedOnRead(withDefaults, stored), { spec: { tier: "gold" } });
  });
});
