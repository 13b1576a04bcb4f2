// JSON Merge Patch: every example of RFC 7386 Appendix A, input immutability, and kube-apiserver's body check.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyMergePatch, PatchError, requireMergePatchObject } from "../../src/patch/mod.ts";

// [original, patch, result] straight from RFC 7386 Appendix A.
const RFC_7386_EXAMPLES: [unknown, unknown, unknown][] = [
  [{ a: "b" }, { a: "c" }, { a: "c" }],
  [{ a: "b" }, { b: "c" }, { a: "b", b: "c" }],
  [{ a: "b" }, { a: null }, {}],
  [{ a: "b", b: "c" }, { a: null }, { b: "c" }],
  [{ a: ["b"] }, { a: "c" }, { a: "c" }],
  [{ a: "c" }, { a: ["b"] }, { a: ["b"] }],
  [{ a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }],
  [{ a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
  [["a", "b"], ["c", "d"], ["c", "d"]],
  [{ a: "b" }, ["c"], ["c"]],
  [{ a: "foo" }, null, null],
  [{ a: "foo" }, "bar", "bar"],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: "b", c: null }, { a: "b" }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

describe("applyMergePatch", () => {
  RFC_7386_EXAMPLES.forEach(([original, patch, result], i) => {
    it(`RFC 7386 example ${i + 1}: ${JSON.stringify(original)} + ${JSON.stringify(patch)}`, () => {
      assert.deepEqual(applyMergePatch(original, patch), result);
    });
  });

  it("leaves the target and the patch untouched, and copies every object it changes", () => {
    const target = Object.freeze({
      metadata: Object.freeze({ labels: Object.freeze({ a: "1" }) }),
    });
    const patch = Object.freeze({ metadata: Object.freeze({ labels: Object.freeze({ b: "2" }) }) });
    const result = applyMergePatch(target, patch) as {
      metadata: { labels: Record<string, string> };
    };
    assert.deepEqual(result, { metadata: { labels: { a: "1", b: "2" } } });
    const labels: Record<string, string> = result.metadata.labels;
    labels.c = "3";
    assert.deepEqual(target.metadata.labels, { a: "1" });
  });

  it("keeps a `__proto__` key from a parsed patch as plain data", () => {
    const result = applyMergePatch({}, JSON.parse('{"__proto__":{"polluted":true}}')) as object;
    assert.equal(Object.getPrototypeOf(result), Object.prototype);
    assert.deepEqual(Object.keys(result), ["__proto__"]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe("requireMergePatchObject", () => {
  it("passes an object through", () => {
    const patch = { metadata: { labels: { a: "b" } } };
    assert.equal(requireMergePatchObject(patch), patch);
  });

  it("refuses null with the 400 evanphx/json-patch gives", () => {
    assert.throws(() => requireMergePatchObject(null), (error: unknown) => {
      assert.ok(error instanceof PatchError);
      assert.equal(error.reason, "BadRequest");
      assert.equal(error.message, "Invalid JSON Patch");
      return true;
    });
  });

  it("refuses an array with the 400 strict decoding gives", () => {
    assert.throws(() => requireMergePatchObject(["c"]), {
      name: "PatchError",
      reason: "BadRequest",
      message:
        "error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}",
    });
  });
});
