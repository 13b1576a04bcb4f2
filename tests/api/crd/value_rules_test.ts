// One row per OpenAPI value rule: the schema, the offending value, and kube-apiserver's field error.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  customResourceSchema,
  errorBody,
  validateCustomResource,
} from "../../../src/api/crd/mod.ts";

const ROWS: [string, Record<string, unknown>, unknown, string][] = [
  [
    "minimum",
    { type: "integer", minimum: 2 },
    1,
    "Invalid value: 1: spec.x in body should be greater than or equal to 2",
  ],
  [
    "exclusiveMinimum",
    { type: "integer", minimum: 2, exclusiveMinimum: true },
    2,
    "Invalid value: 2: spec.x in body should be greater than 2",
  ],
  [
    "exclusiveMaximum",
    { type: "number", maximum: 1.5, exclusiveMaximum: true },
    1.5,
    "Invalid value: 1.5: spec.x in body should be less than 1.5",
  ],
  [
    "multipleOf",
    { type: "integer", multipleOf: 3 },
    4,
    "Invalid value: 4: spec.x in body should be a multiple of 3",
  ],
  ["number accepts an integer", { type: "number", maximum: 10 }, 3, ""],
  [
    "integer refuses a fraction",
    { type: "integer" },
    1.5,
    'Invalid value: "number": spec.x in body must be of type integer: "number"',
  ],
  [
    "minLength (runes)",
    { type: "string", minLength: 3 },
    "éé",
    'Invalid value: "éé": spec.x in body should be at least 3 chars long',
  ],
  ["maxLength (runes)", { type: "string", maxLength: 2 }, "éé", ""],
  [
    "minItems",
    { type: "array", items: { type: "string" }, minItems: 2 },
    ["a"],
    "Invalid value: 1: spec.x in body should have at least 2 items",
  ],
  [
    "uniqueItems",
    { type: "array", items: { type: "string" }, uniqueItems: true },
    ["a", "a"],
    'Invalid value: "": spec.x in body shouldn\'t contain duplicates',
  ],
  [
    "minProperties",
    { type: "object", additionalProperties: { type: "string" }, minProperties: 2 },
    { a: "b" },
    "Invalid value: 1: spec.x in body should have at least 2 properties",
  ],
  [
    "null without nullable",
    { type: "array", items: { type: "string" } },
    [null],
    'Invalid value: "null": spec.x[0] in body must be of type string: "null"',
  ],
  ["nullable", { type: "string", nullable: true }, null, ""],
  [
    "enum of numbers",
    { type: "integer", enum: [1, 2] },
    3,
    'Unsupported value: 3: supported values: "1", "2"',
  ],
  [
    "format uuid",
    { type: "string", format: "uuid" },
    "nope",
    'Invalid value: "nope": spec.x in body must be of type uuid: "nope"',
  ],
  [
    "format ipv4",
    { type: "string", format: "ipv4" },
    "10.0.0.256",
    'Invalid value: "10.0.0.256": spec.x in body must be of type ipv4: "10.0.0.256"',
  ],
  ["format date-time", { type: "string", format: "date-time" }, "2024-01-01T00:00:00Z", ""],
  ["an unknown format is not checked", { type: "string", format: "kubernetes-name" }, "ANY", ""],
];

describe("OpenAPI value rules of custom resources", () => {
  for (const [rule, schema, value, expected] of ROWS) {
    it(`${rule}: ${expected || "valid"}`, () => {
      const crd = customResourceSchema({
        type: "object",
        properties: { spec: { type: "object", properties: { x: schema } } },
      })!;
      const object = { apiVersion: "example.com/v1", kind: "Widget", spec: { x: value } };
      const errors = validateCustomResource(crd, object, undefined, { minor: 33 });
      assert.deepEqual(errors.map((e) => errorBody(e, 33)), expected ? [expected] : []);
    });
  }
});
