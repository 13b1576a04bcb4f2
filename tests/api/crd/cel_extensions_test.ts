// The sets, strings.quote and lists v3 CEL extensions Kubernetes enables, evaluated in x-kubernetes-validations.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  customResourceSchema,
  errorBody,
  validateCustomResource,
} from "../../../src/api/crd/mod.ts";

// The messages of the rules `rule` fails on an object whose spec is `spec`.
function failures(rules: string[], spec: Record<string, unknown>): string[] {
  const schema = customResourceSchema({
    type: "object",
    properties: {
      spec: {
        type: "object",
        "x-kubernetes-validations": rules.map((rule) => ({ rule })),
        properties: {
          xs: { type: "array", items: { type: "integer" } },
          ys: { type: "array", items: { type: "integer" } },
          nested: { type: "array", items: { type: "array", items: { type: "integer" } } },
          s: { type: "string" },
        },
      },
    },
  })!;
  const object = { apiVersion: "example.com/v1", kind: "W", metadata: { name: "w" }, spec };
  return validateCustomResource(schema, object, undefined, { minor: 34 }).map((e) =>
    errorBody(e, 34)
  );
}

describe("Kubernetes' CEL extension libraries", () => {
  it("sets.contains, sets.equivalent and sets.intersects (ext.Sets, 1.29)", () => {
    assert.deepEqual(
      failures([
        "sets.contains(self.xs, [2, 1])",
        "!sets.contains(self.xs, [4])",
        "sets.equivalent(self.xs, [3, 2, 1, 1])",
        "sets.intersects(self.xs, self.ys)",
        "!sets.intersects(self.xs, [9])",
        "sets.contains([1.0, 2u], [1, 2])",
      ], { xs: [1, 2, 3], ys: [5, 3] }),
      [],
    );
  });

  it("strings.quote escapes as Go does (ext.Strings v2, 1.29)", () => {
    assert.deepEqual(
      failures([`strings.quote(self.s) == '"a\\\\"b\\\\n\\\\\\\\"'`], { s: 'a"b\n\\' }),
      [],
    );
  });

  it("slice, flatten, distinct, reverse and sort (ext.Lists v3, 1.34)", () => {
    assert.deepEqual(
      failures([
        "self.xs.slice(1, 3) == [2, 3]",
        "self.nested.flatten() == [1, 2, 3]",
        "[[1, [2]], [3]].flatten(2) == [1, 2, 3]",
        "[1, 2, 1, 3, 2].distinct() == [1, 2, 3]",
        "self.xs.reverse() == [3, 2, 1]",
        "[3, 1, 2].sort() == [1, 2, 3] && ['b', 'a'].sort() == ['a', 'b']",
      ], { xs: [1, 2, 3], nested: [[1], [2, 3]] }),
      [],
    );
  });

  it("lists.range is not served: its lists would escape the pre-evaluation cost bound", () => {
    const [range] = failures(["lists.range(3).size() == 3"], {});
    assert.match(range, /lists\.range/);
  });

  it("out-of-range slices and mixed sorts are runtime errors of the rule", () => {
    const [slice] = failures(["self.xs.slice(1, 5).size() == 4"], { xs: [1, 2] });
    assert.match(slice, /cannot slice\(1, 5\), list is length 2/);
    const [mixed] = failures(["[1, 'a'].sort().size() == 2"], {});
    assert.match(mixed, /list elements must have the same type/);
  });
});
