// CEL cost limits at CRD write time: the accept/refuse decisions and messages of kube-apiserver.
//
// Every expected answer below was read from kube-apiserver v1.36.3 itself (scripts/oracle/serve.ts,
// POST with ?dryRun=All, 2026-12-07); the thresholds (`maxItems: 3321` refused, one item fewer
// accepted) were found by bisecting fkas's estimate and then both sides of each boundary checked
// against kube-apiserver. The arithmetic of one case is spelled out from the sources
// (cel-go v0.26.0 checker/cost.go, apiextensions validation.go) to show where the figures come from.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { errorBody, validateDefinition } from "../../../src/api/crd/mod.ts";

const ROOT = "spec.validation.openAPIV3Schema";
const SPEC = `${ROOT}.properties[spec]`;
const HINT =
  "(try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)";
const DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

function crd(spec: unknown): Record<string, unknown> {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "widgets.cost.example.com" },
    spec: {
      group: "cost.example.com",
      scope: "Namespaced",
      names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
      versions: [{
        name: "v1",
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: "object", properties: { spec } } },
      }],
    },
  };
}

function errorsOf(
  definition: Record<string, unknown>,
  minor = 36,
  old?: Record<string, unknown>,
): string[] {
  return validateDefinition(definition, minor, old).map((e) =>
    `${e.field}: ${errorBody(e, minor)}`
  );
}

function stringList(rule: string, bounds: Record<string, number> = {}, itemBounds = {}) {
  return {
    type: "object",
    properties: {
      items: {
        type: "array",
        ...bounds,
        items: { type: "string", ...itemBounds },
        "x-kubernetes-validations": [{ rule }],
      },
    },
  };
}

describe("CEL cost limits of a CRD", () => {
  it("refuses matches() over an unbounded list of unbounded strings: rule, contribution, total", () => {
    const rule = "self.all(x, x.matches('^[a-z]+$'))";
    const at = `${SPEC}.properties[items].x-kubernetes-validations[0].rule`;
    assert.deepEqual(errorsOf(crd(stringList(rule))), [
      `${at}: Forbidden: estimated rule cost exceeds budget by factor of more than 100x ${HINT}`,
      `${at}: Forbidden: contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema`,
      `${ROOT}: Forbidden: x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema exceeds budget by factor of more than 100x ${HINT}`,
    ]);
  });

  it("accepts the same rule once maxItems and maxLength bound it", () => {
    const rule = "self.all(x, x.matches('^[a-z]+$'))";
    assert.deepEqual(errorsOf(crd(stringList(rule, { maxItems: 10 }, { maxLength: 63 }))), []);
  });

  it("accepts nested all() over a bounded list, refuses a rule on items of an unbounded one", () => {
    const nested = {
      type: "object",
      properties: {
        items: { type: "array", maxItems: 100, items: { type: "string", maxLength: 10 } },
      },
      "x-kubernetes-validations": [{
        rule: "self.items.all(x, self.items.all(y, x == y || x != y))",
      }],
    };
    assert.deepEqual(errorsOf(crd(nested)), []);
    // A rule on each item of an unbounded list runs as often as its smallest item ({}) fits in
    // 3 MiB: 1,048,576 times.
    const perItem = {
      type: "object",
      properties: {
        items: {
          type: "array",
          items: {
            type: "object",
            properties: { name: { type: "string" } },
            "x-kubernetes-validations": [{ rule: "self.name.matches('^a')" }],
          },
        },
      },
    };
    const at = `${SPEC}.properties[items].items.x-kubernetes-validations[0].rule`;
    assert.deepEqual(errorsOf(crd(perItem)).slice(0, 1), [
      `${at}: Forbidden: estimated rule cost exceeds budget by factor of more than 100x ${HINT}`,
    ]);
  });

  it("prints a factor under 1.5 with six decimals, at the exact boundary kube-apiserver draws", () => {
    // Per item: x is at most 4,000 bytes (maxLength 1000 × 4); matches costs
    // ceil(4001 × 0.1) × ceil(31 × 0.25) = 401 × 8 = 3208, +1 for x, +1 for the && with the
    // accumulator, +2 for the loop condition: 3212. × 3321 items + 2 = 10,667,054.
    const list = (maxItems: number) =>
      crd(stringList(`self.all(x, x.matches('${DNS_LABEL}'))`, { maxItems }, { maxLength: 1000 }));
    assert.deepEqual(errorsOf(list(3321)), [
      `${SPEC}.properties[items].x-kubernetes-validations[0].rule: Forbidden: estimated rule cost exceeds budget by factor of 1.066705x ${HINT}`,
    ]);
    assert.deepEqual(errorsOf(list(3113)), []);
    assert.equal(errorsOf(list(3114)).length, 1);
    assert.match(errorsOf(list(100000))[0], /factor of 32\.1x/);
  });

  it("multiplies a rule by the maxProperties above it, but never its message expression", () => {
    const schema = (maxProperties: number) => ({
      type: "object",
      properties: {
        m: {
          type: "object",
          maxProperties,
          additionalProperties: {
            type: "object",
            properties: {
              n: { type: "integer" },
              tags: {
                type: "array",
                maxItems: 16,
                items: { type: "string", enum: ["alpha", "beta", "gamma"] },
              },
            },
            "x-kubernetes-validations": [{
              rule: "self.n >= 0 && self.tags.all(t, t.startsWith('a') || t == 'beta')",
              messageExpression: "'tags: ' + self.tags.join(', ')",
            }],
          },
        },
      },
    });
    assert.deepEqual(errorsOf(crd(schema(84746))), [
      `${SPEC}.properties[m].additionalProperties.x-kubernetes-validations[0].rule: Forbidden: estimated rule cost exceeds budget by factor of 1.000003x ${HINT}`,
    ]);
    assert.deepEqual(errorsOf(crd(schema(84745))), []);
  });

  it("names the four most expensive rules when the schema's total exceeds 100,000,000", () => {
    const properties: Record<string, unknown> = {};
    const rules = [];
    for (let i = 0; i < 30; i++) {
      properties[`f${i}`] = {
        type: "array",
        maxItems: 2700 + i * 10,
        items: { type: "string", maxLength: 1000 },
      };
      rules.push({ rule: `self.f${i}.all(x, x.matches('${DNS_LABEL}'))` });
    }
    const errors = errorsOf(crd({ type: "object", properties, "x-kubernetes-validations": rules }));
    assert.deepEqual(errors, [
      ...[29, 28, 27, 26].map((i) =>
        `${SPEC}.x-kubernetes-validations[${i}].rule: Forbidden: contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema`
      ),
      `${ROOT}: Forbidden: x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema exceeds budget by factor of 2.7x ${HINT}`,
    ]);
  });

  it("estimates string, list and map functions and int-or-string as kube-apiserver does", () => {
    const schema = {
      type: "object",
      properties: {
        s: { type: "string" },
        m: { type: "object", additionalProperties: { type: "string", maxLength: 50 } },
        l: {
          type: "array",
          maxItems: 559,
          items: {
            type: "object",
            required: ["name"],
            properties: {
              name: { type: "string", maxLength: 63 },
              ports: { type: "array", maxItems: 8, items: { type: "integer" } },
            },
          },
        },
      },
      "x-kubernetes-validations": [
        {
          rule:
            "self.s.indexOf('a') > 0 && self.s.replace('a', 'bb').size() < 5 && self.s.split(',').all(p, p.trim() != '')",
        },
        { rule: "self.m.exists(k, self.m[k].upperAscii() == k) && 'a' in self.m" },
        {
          rule:
            "self.l.all(a, self.l.exists_one(b, b.name == a.name)) && self.l.map(a, a.ports.size()).sum() < 100 && self.l.filter(a, a.name.endsWith('-x')).size() <= 1",
        },
      ],
    };
    const at = (i: number) => `${SPEC}.x-kubernetes-validations[${i}].rule: Forbidden:`;
    assert.deepEqual(errorsOf(crd(schema)), [
      `${at(0)} estimated rule cost exceeds budget by factor of 1.415578x ${HINT}`,
      `${at(1)} estimated rule cost exceeds budget by factor of 1.140324x ${HINT}`,
      `${at(2)} estimated rule cost exceeds budget by factor of 1.002123x ${HINT}`,
    ]);
    const intOrString = (maxItems: number) => ({
      type: "object",
      properties: {
        l: {
          type: "array",
          maxItems,
          items: { type: "object", properties: { q: { "x-kubernetes-int-or-string": true } } },
        },
      },
      "x-kubernetes-validations": [{
        rule: "self.l.all(e, type(e.q) == int || e.q.matches('^[0-9]+%$'))",
      }],
    });
    assert.deepEqual(errorsOf(crd(intOrString(11))), [
      `${at(0)} estimated rule cost exceeds budget by factor of 1.038101x ${HINT}`,
    ]);
    assert.deepEqual(errorsOf(crd(intOrString(10))), []);
  });

  it("an update that keeps a version's schema skips the per-expression limit (validation.go)", () => {
    const refused = crd(
      stringList(`self.all(x, x.matches('${DNS_LABEL}'))`, { maxItems: 3321 }, { maxLength: 1000 }),
    );
    const relabelled = structuredClone(refused);
    (relabelled.metadata as Record<string, unknown>).labels = { a: "b" };
    assert.deepEqual(errorsOf(relabelled, 36, refused), []);
  });

  it("errs toward accepting what it cannot estimate as the cluster's minor does", () => {
    // Before 1.33 (cel-go v0.22 and older), sizes of built lists were not tracked.
    const built = {
      type: "object",
      properties: { items: { type: "array", items: { type: "string" } } },
      "x-kubernetes-validations": [{
        rule: "self.items.map(x, x.lowerAscii()).all(y, y.matches('^a'))",
      }],
    };
    assert.equal(errorsOf(crd(built), 36).length, 3);
    assert.deepEqual(errorsOf(crd(built), 31), []);
    // Before 1.34 int-or-string's maxLength bounded nothing; 1.34 counts it 4 bytes a character.
    const bounded = {
      type: "object",
      properties: {
        l: {
          type: "array",
          maxItems: 1000,
          items: { "x-kubernetes-int-or-string": true, maxLength: 10 },
          "x-kubernetes-validations": [{
            rule: "self.all(q, type(q) == string && q.matches('^[0-9]+%$'))",
          }],
        },
      },
    };
    assert.deepEqual(errorsOf(crd(bounded), 34), []);
    const before = errorsOf(crd(bounded), 33);
    assert.equal(before.length, 3);
    assert.match(before[0], /estimated rule cost exceeds budget by factor of 94\.4x/);
  });
});
