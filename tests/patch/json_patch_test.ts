// JSON Patch: every example of RFC 6902 Appendix A, and the 400/422 answers kube-apiserver gives.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyJsonPatch, PatchError } from "../../src/patch/mod.ts";

const REJECTED = "the server rejected our request due to an error in our request";

function rejects(target: unknown, operations: unknown, detail: string): void {
  assert.throws(() => applyJsonPatch(target, operations), (error: unknown) => {
    assert.ok(error instanceof PatchError);
    assert.equal(error.reason, "Invalid");
    assert.equal(error.message, REJECTED);
    assert.equal(error.detail, detail);
    return true;
  });
}

describe("applyJsonPatch: RFC 6902 Appendix A", () => {
  it("A.1 adds an object member", () => {
    const ops = [{ op: "add", path: "/baz", value: "qux" }];
    assert.deepEqual(applyJsonPatch({ foo: "bar" }, ops), { baz: "qux", foo: "bar" });
  });

  it("A.2 adds an array element", () => {
    const ops = [{ op: "add", path: "/foo/1", value: "qux" }];
    assert.deepEqual(applyJsonPatch({ foo: ["bar", "baz"] }, ops), { foo: ["bar", "qux", "baz"] });
  });

  it("A.3 removes an object member", () => {
    const ops = [{ op: "remove", path: "/baz" }];
    assert.deepEqual(applyJsonPatch({ baz: "qux", foo: "bar" }, ops), { foo: "bar" });
  });

  it("A.4 removes an array element", () => {
    const ops = [{ op: "remove", path: "/foo/1" }];
    assert.deepEqual(applyJsonPatch({ foo: ["bar", "qux", "baz"] }, ops), { foo: ["bar", "baz"] });
  });

  it("A.5 replaces a value", () => {
    const ops = [{ op: "replace", path: "/baz", value: "boo" }];
    assert.deepEqual(applyJsonPatch({ baz: "qux", foo: "bar" }, ops), { baz: "boo", foo: "bar" });
  });

  it("A.6 moves a value", () => {
    const doc = { foo: { bar: "baz", waldo: "fred" }, qux: { corge: "grault" } };
    const ops = [{ op: "move", from: "/foo/waldo", path: "/qux/thud" }];
    assert.deepEqual(applyJsonPatch(doc, ops), {
      foo: { bar: "baz" },
      qux: { corge: "grault", thud: "fred" },
    });
  });

  it("A.7 moves an array element", () => {
    const ops = [{ op: "move", from: "/foo/1", path: "/foo/3" }];
    assert.deepEqual(applyJsonPatch({ foo: ["all", "grass", "cows", "eat"] }, ops), {
      foo: ["all", "cows", "eat", "grass"],
    });
  });

  it("A.8 tests a value successfully", () => {
    const doc = { baz: "qux", foo: ["a", 2, "c"] };
    const ops = [{ op: "test", path: "/baz", value: "qux" }, {
      op: "test",
      path: "/foo/1",
      value: 2,
    }];
    assert.deepEqual(applyJsonPatch(doc, ops), doc);
  });

  it("A.9 fails a test with 422", () => {
    rejects(
      { baz: "qux" },
      [{ op: "test", path: "/baz", value: "bar" }],
      "testing value /baz failed: test failed",
    );
  });

  it("A.10 adds a nested member object", () => {
    const ops = [{ op: "add", path: "/child", value: { grandchild: {} } }];
    assert.deepEqual(applyJsonPatch({ foo: "bar" }, ops), {
      foo: "bar",
      child: { grandchild: {} },
    });
  });

  it("A.11 ignores unrecognized elements", () => {
    const ops = [{ op: "add", path: "/baz", value: "qux", xyz: 123 }];
    assert.deepEqual(applyJsonPatch({ foo: "bar" }, ops), { foo: "bar", baz: "qux" });
  });

  it("A.12 refuses to add to a nonexistent target", () => {
    const ops = [{ op: "add", path: "/baz/bat", value: "qux" }];
    rejects(
      { foo: "bar" },
      ops,
      'add operation does not apply: doc is missing path: "/baz/bat": missing value',
    );
  });

  it("A.13 applies the last of duplicated members, as JSON.parse keeps them, and so fails", () => {
    const ops = JSON.parse('[{ "op": "add", "path": "/baz", "value": "qux", "op": "remove" }]');
    rejects(
      { foo: "bar" },
      ops,
      "error in remove for path: '/baz': Unable to remove nonexistent key: baz: missing value",
    );
  });

  it("A.14 unescapes ~01 to ~1, not /", () => {
    const doc = { "/": 9, "~1": 10 };
    assert.deepEqual(applyJsonPatch(doc, [{ op: "test", path: "/~01", value: 10 }]), doc);
  });

  it("A.15 does not equate a string with a number", () => {
    rejects(
      { "/": 9, "~1": 10 },
      [{ op: "test", path: "/~01", value: "10" }],
      "testing value /~01 failed: test failed",
    );
  });

  it("A.16 appends an array value with -", () => {
    const ops = [{ op: "add", path: "/foo/-", value: ["abc", "def"] }];
    assert.deepEqual(applyJsonPatch({ foo: ["bar"] }, ops), { foo: ["bar", ["abc", "def"]] });
  });
});

describe("applyJsonPatch: kube-apiserver behaviour", () => {
  it("copies a value and never aliases it", () => {
    const result = applyJsonPatch({ a: { b: 1 } }, [{
      op: "copy",
      from: "/a",
      path: "/c",
    }]) as Record<string, { b: number }>;
    result.c.b = 2;
    assert.equal(result.a.b, 1);
  });

  it("copies count their values' JSON bytes against the limit, as json-patch v4's AccumulatedCopySizeLimit", () => {
    // {"a":"xxxx"} is 12 bytes: two copies add 24, a third would make 36.
    const ops = [1, 2, 3].map((n) => ({ op: "copy", from: "/v", path: `/c${n}` }));
    const target = { v: { a: "xxxx" } };
    assert.deepEqual(Object.keys(applyJsonPatch(target, ops.slice(0, 2), 24) as object), [
      "v",
      "c1",
      "c2",
    ]);
    assert.throws(() => applyJsonPatch(target, ops, 24), (error: unknown) => {
      assert.ok(error instanceof PatchError);
      assert.equal(error.message, REJECTED);
      assert.equal(
        error.detail,
        "Unable to complete the copy, the accumulated size increase of copy is 36, exceeding the limit 24",
      );
      return true;
    });
  });

  it("counts a copy as Go marshals it (<, >, & and U+2028 escaped)", () => {
    // "<&\u2028" is "\u003c\u0026\u2028" in Go's JSON: 20 bytes.
    const ops = [{ op: "copy", from: "/v", path: "/c" }];
    assert.doesNotThrow(() => applyJsonPatch({ v: "<&\u2028" }, ops, 20));
    assert.throws(() => applyJsonPatch({ v: "<&\u2028" }, ops, 19), PatchError);
  });

  it("stops a patch whose copies double a value with every operation (3 MiB by default)", () => {
    const ops: Record<string, unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      ops.push({ op: "add", path: "/v/-", value: "y" }, { op: "copy", from: "/v", path: "/v/-" });
    }
    const started = performance.now();
    assert.throws(() => applyJsonPatch({ v: ["x".repeat(1000)] }, ops), (error: unknown) => {
      assert.ok(error instanceof PatchError);
      assert.match(error.detail ?? "", /exceeding the limit 3145728$/);
      return true;
    });
    assert.ok(performance.now() - started < 5000, "bounded before the value grows to 2^40");
  });

  it("is all or nothing and never changes its inputs", () => {
    const target = { metadata: { labels: { a: "1" } } };
    const ops = [{ op: "add", path: "/metadata/labels/b", value: "2" }, {
      op: "remove",
      path: "/nope",
    }];
    assert.throws(() => applyJsonPatch(target, ops), PatchError);
    assert.deepEqual(target, { metadata: { labels: { a: "1" } } });
    const patched = applyJsonPatch(target, ops.slice(0, 1));
    assert.deepEqual(patched, { metadata: { labels: { a: "1", b: "2" } } });
    assert.deepEqual(target, { metadata: { labels: { a: "1" } } });
  });

  it("keeps a `__proto__` key of the target as plain data in its copy", () => {
    const target = JSON.parse('{"a":{"__proto__":{"polluted":true}}}');
    const result = applyJsonPatch(target, [{ op: "add", path: "/b", value: 1 }]) as {
      a: object;
    };
    assert.equal(Object.getPrototypeOf(result.a), Object.prototype);
    assert.deepEqual(Object.keys(result.a), ["__proto__"]);
    assert.notEqual(result.a, target.a);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it("guards an update with a resourceVersion test, as clients do", () => {
    const node = { metadata: { name: "n", resourceVersion: "17" }, spec: {} };
    const ops = [
      { op: "test", path: "/metadata/resourceVersion", value: "17" },
      { op: "add", path: "/spec/unschedulable", value: true },
    ];
    assert.deepEqual((applyJsonPatch(node, ops) as typeof node).spec, { unschedulable: true });
    rejects(
      { ...node, metadata: { name: "n", resourceVersion: "18" } },
      ops,
      "testing value /metadata/resourceVersion failed: test failed",
    );
  });

  it("names a bad array index the way json-patch does", () => {
    rejects(
      { foo: [1] },
      [{ op: "add", path: "/foo/5", value: 2 }],
      "error in add for path: '/foo/5': Unable to access invalid index: 5: invalid index referenced",
    );
    rejects(
      { foo: [1] },
      [{ op: "add", path: "/foo/x", value: 2 }],
      `error in add for path: '/foo/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`,
    );
  });

  it("accepts negative indices, as json-patch v4 does for kube-apiserver", () => {
    assert.deepEqual(applyJsonPatch({ a: [1, 2, 3] }, [{ op: "remove", path: "/a/-1" }]), {
      a: [1, 2],
    });
  });

  it("answers an unknown op with 422, not 400", () => {
    rejects({}, [{ op: "frobnicate", path: "/a" }], "Unexpected kind: frobnicate");
  });

  it("replaces the whole document when the path is empty", () => {
    assert.deepEqual(applyJsonPatch({ a: 1 }, [{ op: "replace", path: "", value: { b: 2 } }]), {
      b: 2,
    });
  });

  it("refuses a body that is not a list of operations with 400", () => {
    assert.throws(() => applyJsonPatch({}, { op: "add" }), {
      name: "PatchError",
      reason: "BadRequest",
      message:
        "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp",
    });
    assert.throws(() => applyJsonPatch({}, [{ op: "add", path: 5 }]), {
      reason: "BadRequest",
      message:
        "error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.path of type string",
    });
  });
});
