// CEL libraries by minor in CRD rules: a new rule compiles one minor back, a stored one in the server's own.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { errorBody, validateDefinition } from "../../../src/api/crd/mod.ts";
import { WIDGET_SCHEMA, widgetCrd } from "./_realistic_crd.ts";

const RULE_PATH =
  "spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[2].rule";

function crdWith(rule: string): Record<string, unknown> {
  const schema = structuredClone(WIDGET_SCHEMA) as Record<string, unknown>;
  // deno-lint-ignore no-explicit-any
  (schema as any).properties.spec["x-kubernetes-validations"].push({ rule });
  return widgetCrd(schema);
}

function compileErrors(crd: Record<string, unknown>, minor: number, old?: Record<string, unknown>) {
  return validateDefinition(crd, minor, old)
    .filter((e) => e.detail?.startsWith("compilation failed"))
    .map((e) => `${e.field}: ${e.detail}`);
}

describe("CEL libraries per minor in x-kubernetes-validations", () => {
  it("semver (1.33) is refused in a new rule on 1.33 and accepted from 1.34", () => {
    const crd = crdWith("isSemver(self.mode)");
    assert.deepEqual(compileErrors(crd, 33), [
      `${RULE_PATH}: compilation failed: ERROR: <input>:1:9: undeclared reference to 'isSemver' (in container '')\n | isSemver(self.mode)\n | ........^`,
    ]);
    assert.deepEqual(compileErrors(crd, 34), []);
  });

  // kube-apiserver v1.36.3 (the oracle) refuses `cel.bind(x, self.a, x > 0)` in a new CRD with
  // these four errors: no minor's base environment has ext.Bindings.
  it("cel.bind is refused in every minor: 'cel', 'bind' and each use of its variable undeclared", () => {
    const rule = "cel.bind(x, self.replicas, x > 0)";
    const line = (column: number, name: string) =>
      `ERROR: <input>:1:${column}: undeclared reference to '${name}' (in container '')\n | ${rule}\n | ${
        ".".repeat(column - 1)
      }^`;
    const expected = `${RULE_PATH}: compilation failed: ${
      [line(1, "cel"), line(9, "bind"), line(10, "x"), line(28, "x")].join("\n")
    }`;
    for (const minor of [29, 33, 36]) {
      assert.deepEqual(compileErrors(crdWith(rule), minor), [expected]);
      assert.deepEqual(compileErrors(crdWith(rule), minor, crdWith(rule)), [expected]);
    }
  });

  it("a rule the stored CRD has already compiles with the server's own libraries", () => {
    const crd = crdWith("isSemver(self.mode)");
    assert.deepEqual(compileErrors(crd, 33, crd), []);
    assert.equal(compileErrors(crd, 32, crd).length, 1);
  });

  it("ext lists v3 (1.34): sort() is refused at its '(' until 1.35", () => {
    const crd = crdWith("self.tags.sort() == self.tags");
    assert.deepEqual(compileErrors(crd, 34), [
      `${RULE_PATH}: compilation failed: ERROR: <input>:1:15: undeclared reference to 'sort' (in container '')\n | self.tags.sort() == self.tags\n | ..............^`,
    ]);
    assert.deepEqual(compileErrors(crd, 35), []);
  });

  it("ip (1.30) from 1.31; sets (1.29) from 1.30, its namespace reported first", () => {
    assert.equal(compileErrors(crdWith("isIP(self.mode)"), 30).length, 1);
    assert.deepEqual(compileErrors(crdWith("isIP(self.mode)"), 31), []);
    assert.deepEqual(compileErrors(crdWith("sets.contains(self.tags, ['a'])"), 29), [
      `${RULE_PATH}: compilation failed: ERROR: <input>:1:1: undeclared reference to 'sets' (in container '')\n | sets.contains(self.tags, ['a'])\n | ^\nERROR: <input>:1:14: undeclared reference to 'contains' (in container '')\n | sets.contains(self.tags, ['a'])\n | .............^`,
    ]);
    assert.deepEqual(compileErrors(crdWith("sets.contains(self.tags, ['a'])"), 30), []);
  });

  it("undefined fields and undeclared functions are listed together by position", () => {
    const errors = compileErrors(crdWith("self.nope == 1 && isSemver(self.mode)"), 33);
    assert.equal(errors.length, 1);
    assert.match(
      errors[0],
      /1:5: undefined field 'nope'[^]*1:27: undeclared reference to 'isSemver'/,
    );
  });

  it("every unknown function and namespace of a rule, as kube-apiserver v1.33.1 lists them", () => {
    const rule = "self.tags.slice(0,1) == ['a'] && lists.range(3) == [0,1,2]";
    assert.deepEqual(compileErrors(crdWith(rule), 33), [
      `${RULE_PATH}: compilation failed: ERROR: <input>:1:16: undeclared reference to 'slice' (in container '')\n | ${rule}\n | ${
        ".".repeat(15)
      }^\nERROR: <input>:1:34: undeclared reference to 'lists' (in container '')\n | ${rule}\n | ${
        ".".repeat(33)
      }^\nERROR: <input>:1:45: undeclared reference to 'range' (in container '')\n | ${rule}\n | ${
        ".".repeat(44)
      }^`,
    ]);
  });

  it("the message reaches the CRD's 422 as field errors print it", () => {
    const [error] = validateDefinition(crdWith("isSemver(self.mode)"), 33);
    assert.match(
      errorBody(error, 33),
      /^Invalid value: .*: compilation failed: ERROR: <input>:1:9: /,
    );
  });
});
