// Custom resources checked as apiextensions-apiserver checks them: one test per rule, upstream wording.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  compiledSchemaCount,
  customResourceSchema,
  defaultCustomResource,
  errorBody,
  type FieldError,
  invalidMessage,
  pruneCustomResource,
  validateCustomResource,
} from "../../../src/api/crd/mod.ts";
import { validateRules } from "../../../src/api/crd/cel_validation.ts";
import { WIDGET_SCHEMA } from "./_realistic_crd.ts";

const schema = customResourceSchema(WIDGET_SCHEMA)!;

function widget(spec: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" }, spec, ...extra };
}

function errorsOf(
  object: Record<string, unknown>,
  old?: Record<string, unknown>,
  minor = 33,
): string[] {
  defaultCustomResource(schema, object);
  return validateCustomResource(schema, object, old, { minor }).map((e: FieldError) =>
    `${e.field}: ${errorBody(e, minor)}`
  );
}

describe("custom resource schema validation", () => {
  it("types: a string for an integer is TypeInvalid, worded by kube-openapi", () => {
    assert.deepEqual(errorsOf(widget({ mode: "Strict", replicas: "x" })), [
      'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ]);
  });

  it("required, enum (Unsupported value), maximum, maxLength (Too long), pattern", () => {
    assert.deepEqual(errorsOf(widget({ replicas: 11 })).slice(0, 2), [
      "spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10",
      "spec.mode: Required value",
    ]);
    assert.equal(
      errorsOf(widget({ mode: "Bad" }))[0],
      'spec.mode: Unsupported value: "Bad": supported values: "Strict", "Loose"',
    );
    assert.equal(
      errorsOf(widget({ mode: "Strict", name: "abcdefghij" }))[0],
      "spec.name: Too long: may not be more than 8 bytes",
    );
    assert.equal(
      errorsOf(widget({ mode: "Strict", name: "abcdefghij" }), undefined, 29)[0],
      "spec.name: Too long: must have at most 8 bytes",
    );
    assert.deepEqual(errorsOf(widget({ mode: "Strict", name: "AB" })), [
      "spec.name: Invalid value: \"AB\": spec.name in body should match '^[a-z]+$'",
    ]);
  });

  it("formats, int-or-string, maxItems, maxProperties, list-type set and map", () => {
    assert.deepEqual(errorsOf(widget({ mode: "Strict", cidr: "10.0.0.0/33" })).slice(0, 1), [
      'spec.cidr: Invalid value: "10.0.0.0/33": spec.cidr in body must be of type cidr: "10.0.0.0/33"',
    ]);
    assert.deepEqual(errorsOf(widget({ mode: "Strict", port: 80 })), []);
    assert.deepEqual(errorsOf(widget({ mode: "Strict", port: "http" })), []);
    assert.equal(
      errorsOf(widget({ mode: "Strict", port: true }))[0],
      'spec.port: Invalid value: "boolean": spec.port in body must be of type integer: "boolean"',
    );
    assert.equal(
      errorsOf(widget({ mode: "Strict", tags: ["a", "b", "c", "d"] }))[0],
      "spec.tags: Too many: 4: must have at most 3 items",
    );
    assert.equal(
      errorsOf(widget({ mode: "Strict", labels: { a: "1", b: "2", c: "3" } }))[0],
      "spec.labels: Too many: 3: must have at most 2 items",
    );
    assert.equal(
      errorsOf(widget({ mode: "Strict", tags: ["a", "a"] }))[0],
      'spec.tags[1]: Duplicate value: "a"',
    );
    assert.equal(
      errorsOf(widget({ mode: "Strict", ports: [{ name: "a" }, { name: "a" }] }))[0],
      'spec.ports[1]: Duplicate value: map[string]interface {}{"name":"a"}',
    );
    assert.equal(
      errorsOf(widget({ mode: "Strict", ports: [{ name: "a" }, { name: "a" }] }), undefined, 35)[0],
      'spec.ports[1]: Duplicate value: {"name":"a"}',
    );
  });

  it("a set of 20,000 items is checked for duplicates in linear time", () => {
    const tags = customResourceSchema({
      type: "object",
      properties: {
        spec: {
          type: "object",
          properties: {
            tags: { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set" },
          },
        },
      },
    })!;
    const many = Array.from({ length: 20_000 }, (_, i) => `t${i}`);
    const started = performance.now();
    const errors = validateCustomResource(tags, widget({ tags: [...many, "t7"] }), undefined, {
      minor: 33,
    });
    assert.ok(performance.now() - started < 2000);
    assert.deepEqual(errors.map((e) => e.field), ["spec.tags[20000]"]);
  });

  it("a default for a property named __proto__ is an own field, not a prototype", () => {
    const proto = customResourceSchema({
      type: "object",
      properties: {
        spec: {
          type: "object",
          properties: { ["__proto__"]: { type: "object", default: { polluted: true } } },
        },
      },
    })!;
    const object = JSON.parse('{"spec":{}}');
    defaultCustomResource(proto, object);
    assert.equal(Object.hasOwn(object.spec, "__proto__"), true);
    assert.equal(object.spec.polluted, undefined);
  });

  it("embedded resources need apiVersion and kind", () => {
    assert.deepEqual(errorsOf(widget({ mode: "Strict", template: { kind: "Pod" } })).slice(0, 1), [
      "spec.template.apiVersion: Required value: must not be empty",
    ]);
  });

  it("nullable: null for a non-nullable field without default is dropped, as upstream prunes it", () => {
    const object = widget({ mode: "Strict", name: null });
    assert.deepEqual(errorsOf(object), []);
    assert.equal("name" in (object.spec as Record<string, unknown>), false);
  });

  it("an update does not re-check an unchanged invalid value (ratcheting)", () => {
    const old = widget({ mode: "Strict", name: "TOOLONGNAME" });
    const changed = widget({ mode: "Strict", name: "TOOLONGNAME", replicas: 2 });
    assert.deepEqual(errorsOf(changed, old), []);
  });
});

describe("pruning and defaulting", () => {
  it("drops unknown fields (reporting their paths), keeps preserved and type metadata", () => {
    const object = widget({
      mode: "Strict",
      foo: 1,
      ports: [{ name: "a", bar: 2 }],
      extra: { anything: { goes: true } },
      template: { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: {} },
    }, { unknownTop: true });
    assert.deepEqual(pruneCustomResource(schema, object), [
      "spec.foo",
      "spec.ports[0].bar",
      "unknownTop",
    ]);
    assert.deepEqual((object.spec as Record<string, unknown>).extra, { anything: { goes: true } });
    assert.equal(object.metadata.name, "w");
  });

  it("keeps metadata whole when the schema declares it as a bare object", () => {
    const declared = customResourceSchema({
      type: "object",
      properties: { metadata: { type: "object" }, spec: { type: "object" } },
    })!;
    const object = widget({}, { metadata: { name: "w", labels: { a: "b" }, colour: "red" } });
    assert.deepEqual(pruneCustomResource(declared, object), ["metadata.colour"]);
    assert.deepEqual(object.metadata, { name: "w", labels: { a: "b" } });
  });

  it("fills defaults, deep-copied from the shared schema", () => {
    const a = widget({ mode: "Strict" });
    defaultCustomResource(schema, a);
    assert.deepEqual(a.spec, { mode: "Strict", replicas: 1, minReplicas: 0 });
  });

  it("compiles an equal schema once, whichever CRD object carries it", () => {
    const before = compiledSchemaCount();
    const again = customResourceSchema(structuredClone(WIDGET_SCHEMA))!;
    assert.equal(compiledSchemaCount(), before);
    assert.equal(again.root, schema.root);
  });
});

describe("CEL x-kubernetes-validations", () => {
  it("a failing rule answers its message on the rule's node", () => {
    assert.deepEqual(errorsOf(widget({ mode: "Strict", replicas: 1, minReplicas: 2 })), [
      'spec: Invalid value: "object": minReplicas must not exceed replicas',
    ]);
  });

  it("messageExpression and fieldPath", () => {
    assert.deepEqual(errorsOf(widget({ mode: "Strict", cidr: "1.2.3.0/24" })), []);
    const bad = customResourceSchema({
      type: "object",
      properties: {
        spec: {
          type: "object",
          "x-kubernetes-validations": [{
            rule: "self.name.startsWith('x')",
            messageExpression: "'name ' + self.name + ' must start with x'",
            fieldPath: ".name",
            reason: "FieldValueForbidden",
          }],
          properties: { name: { type: "string" } },
        },
      },
    })!;
    const object = widget({ name: "abc" });
    assert.deepEqual(
      validateCustomResource(bad, object, undefined, { minor: 33 }).map((e) => errorBody(e, 33)),
      ["Forbidden: name abc must start with x"],
    );
    assert.equal(
      validateCustomResource(bad, object, undefined, { minor: 33 })[0].field,
      "spec.name",
    );
  });

  it("transition rules (oldSelf) run on update only", () => {
    assert.deepEqual(errorsOf(widget({ mode: "Strict", immutable: "a" })), []);
    assert.deepEqual(
      errorsOf(
        widget({ mode: "Strict", immutable: "b" }),
        widget({ mode: "Strict", immutable: "a" }),
      ),
      ['spec.immutable: Invalid value: "string": Value is immutable'],
    );
    assert.deepEqual(
      errorsOf(
        widget({ mode: "Strict", immutable: "b" }),
        widget({ mode: "Strict", immutable: "a" }),
        35,
      ),
      ['spec.immutable: Invalid value: "b": Value is immutable'],
    );
  });

  it("lists, strings, regex and has(): Kubernetes' list library is there", () => {
    const rules = customResourceSchema({
      type: "object",
      properties: {
        spec: {
          type: "object",
          "x-kubernetes-validations": [
            { rule: "self.xs.isSorted() && self.xs.sum() == 6 && self.xs.max() == 3" },
            { rule: "self.xs.all(x, x > 0) && self.xs.exists(x, x == 2)" },
            { rule: "has(self.s) && self.s.lowerAscii().matches('^ab+$')" },
            { rule: "self.s.matches('B{2}$') && !self.s.matches('^B')" },
          ],
          properties: { xs: { type: "array", items: { type: "integer" } }, s: { type: "string" } },
        },
      },
    })!;
    const errors = validateCustomResource(rules, widget({ xs: [1, 2, 3], s: "aBB" }), undefined, {
      minor: 33,
    });
    assert.deepEqual(errors, []);
  });

  it("property names are escaped as Kubernetes' CEL escapes them (__namespace__, __dash__)", () => {
    const rules = customResourceSchema({
      type: "object",
      properties: {
        spec: {
          type: "object",
          "x-kubernetes-validations": [
            { rule: "self.__namespace__ == 'ns' && self.max__dash__size == 2" },
            { rule: "self.labels['a-b'] == 'c'" },
          ],
          properties: {
            namespace: { type: "string" },
            "max-size": { type: "integer" },
            labels: { type: "object", additionalProperties: { type: "string" } },
          },
        },
      },
    })!;
    const object = widget({ namespace: "ns", "max-size": 2, labels: { "a-b": "c" } });
    assert.deepEqual(validateCustomResource(rules, object, undefined, { minor: 33 }), []);
  });

  it("date-time strings are timestamps and duration strings durations", () => {
    const rules = customResourceSchema({
      type: "object",
      properties: {
        spec: {
          type: "object",
          "x-kubernetes-validations": [
            { rule: "self.start < timestamp('2025-01-01T00:00:00Z')" },
            { rule: "self.every > duration('1m') && self.every < duration('2h')" },
          ],
          properties: {
            start: { type: "string", format: "date-time" },
            every: { type: "string", format: "duration" },
          },
        },
      },
    })!;
    const ok = widget({ start: "2024-06-01T10:00:00Z", every: "1h30m" });
    assert.deepEqual(validateCustomResource(rules, ok, undefined, { minor: 33 }), []);
    const late = widget({ start: "2026-06-01T10:00:00Z", every: "30s" });
    assert.equal(validateCustomResource(rules, late, undefined, { minor: 33 }).length, 2);
  });

  it("an evaluation error names the rule; a missing key is upstream's 'no such key'", () => {
    const rules = customResourceSchema({
      type: "object",
      properties: {
        spec: {
          type: "object",
          "x-kubernetes-validations": [{ rule: "self.missing == 1" }],
          properties: { s: { type: "string" } },
        },
      },
    })!;
    const [error] = validateCustomResource(rules, widget({ s: "x" }), undefined, { minor: 33 });
    assert.equal(
      errorBody(error, 33),
      'Invalid value: "object": no such key: missing evaluating rule: self.missing == 1',
    );
  });

  it("the runtime cost budget stops evaluation with upstream's message", () => {
    const rules = customResourceSchema({
      type: "object",
      properties: {
        spec: {
          type: "object",
          properties: {
            xs: {
              type: "array",
              items: { type: "string", "x-kubernetes-validations": [{ rule: "self.size() > 0" }] },
            },
          },
        },
      },
    })!;
    const object = widget({ xs: Array.from({ length: 100 }, () => "a") });
    assert.deepEqual(validateRules(rules.root, object, undefined, 33), []);
    assert.deepEqual(validateRules(rules.root, object, undefined, 33, 50).map((e) => e.detail), [
      "validation failed due to running out of cost budget, no further validation rules will be run",
    ]);
  });

  it("a rule whose worst case passes the per-call limit is refused before it runs", () => {
    const rules = customResourceSchema({
      type: "object",
      properties: {
        spec: {
          type: "object",
          "x-kubernetes-validations": [{
            rule: "self.xs.all(a, self.xs.all(b, self.xs.all(c, a + b + c != '')))",
          }],
          properties: { xs: { type: "array", items: { type: "string" } } },
        },
      },
    })!;
    const small = widget({ xs: ["a", "b"] });
    assert.deepEqual(validateCustomResource(rules, small, undefined, { minor: 33 }), []);
    const big = widget({ xs: Array.from({ length: 2000 }, (_, i) => `x${i}`) });
    const started = performance.now();
    const [error] = validateCustomResource(rules, big, undefined, { minor: 33 });
    assert.ok(performance.now() - started < 1000, "refused, not evaluated");
    assert.equal(
      error.detail,
      "'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: self.xs.all(a, self.xs.all(b, self.xs.all(c, a + b + c != '')))",
    );
  });

  it("NewInvalid's message: one error bare, several in brackets", () => {
    const one: FieldError = { type: "FieldValueRequired", field: "spec.mode" };
    assert.equal(
      invalidMessage("Widget.example.com", "w", [one], 33),
      'Widget.example.com "w" is invalid: spec.mode: Required value',
    );
    assert.equal(
      invalidMessage("Widget.example.com", "w", [one, { ...one, field: "spec.x" }], 33),
      'Widget.example.com "w" is invalid: [spec.mode: Required value, spec.x: Required value]',
    );
  });
});
