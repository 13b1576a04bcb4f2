// Comparing with skipped members: the same comparison as of the objects without those members.

import { test } from "node:test";
import assert from "node:assert/strict";
import { builtinSchemas } from "../../../src/api/schema/mod.ts";
import {
  builtinType,
  compare,
  type Comparison,
  crdType,
  fieldElement,
  FieldSet,
  type Json,
  pathString,
  type TypeRef,
} from "../../../src/api/apply/mod.ts";

const schemas = builtinSchemas();
const nodeType = builtinType(schemas, "", "v1", "Node")!;
const configMapType = builtinType(schemas, "", "v1", "ConfigMap")!;
const widgetType = crdType(
  { type: "object", properties: { spec: { type: "object" } } },
  schemas,
);

// `status` and `metadata.managedFields`, as the field manager skips them for a main resource.
const SKIP = new FieldSet([fieldElement("status")], [{
  pe: fieldElement("metadata"),
  set: new FieldSet([fieldElement("managedFields")], []),
}]);

// The objects as the field manager copied them before: without the skipped members.
function stripped(value: Json | undefined): Json | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const { status: _, ...rest } = value;
  const meta = rest.metadata;
  if (meta === null || typeof meta !== "object" || Array.isArray(meta)) return rest;
  const { managedFields: _m, ...metadata } = meta;
  return { ...rest, metadata };
}

function text(comparison: Comparison): Record<string, string[]> {
  const paths = (set: FieldSet) => set.paths().map(pathString);
  return {
    added: paths(comparison.added),
    modified: paths(comparison.modified),
    removed: paths(comparison.removed),
  };
}

function assertSkippedAsStripped(type: TypeRef, lhs: Json | undefined, rhs: Json): void {
  const expected = text(compare(type, stripped(lhs), stripped(rhs)));
  assert.deepEqual(text(compare(type, lhs, rhs, SKIP)), expected);
}

const entries = (manager: string) => [{ manager, operation: "Update", fieldsV1: { "f:data": {} } }];

test("compare skipping status and managedFields finds what comparing the stripped objects finds", () => {
  const live = {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name: "n", labels: { a: "1" }, managedFields: entries("x") },
    spec: { podCIDR: "10.0.0.0/24" },
    status: { phase: "Running" },
  };
  const cases: [TypeRef, Json | undefined, Json][] = [
    // a label changed, the rest shared
    [nodeType, live, { ...live, metadata: { ...live.metadata, labels: { a: "2", b: "" } } }],
    // only managedFields and status differ: no change
    [nodeType, live, {
      ...live,
      metadata: { ...live.metadata, managedFields: entries("y") },
      status: { phase: "Pending" },
    }],
    // metadata holding only managedFields on one side, nothing on the other
    [configMapType, { metadata: { managedFields: entries("x") }, data: { a: "b" } }, {
      metadata: {},
      data: { a: "c" },
    }],
    [configMapType, { metadata: {} }, { metadata: { managedFields: entries("x") } }],
    // metadata missing on one side, or not a map
    [configMapType, { data: { a: "b" } }, {
      metadata: { name: "c", managedFields: entries("x") },
      data: { a: "b" },
    }],
    [configMapType, { metadata: { name: "c", managedFields: entries("x") } }, { data: {} }],
    [configMapType, { metadata: null }, { metadata: { name: "c", managedFields: entries("x") } }],
    // no live object (a create), and an empty one
    [configMapType, undefined, {
      metadata: { name: "c", managedFields: entries("x") },
      data: { a: "b" },
    }],
    [configMapType, {}, { metadata: { name: "c", managedFields: entries("x") }, status: {} }],
    // a custom resource, fields removed
    [widgetType, { metadata: { name: "w", labels: { a: "1" } }, spec: { x: 1, y: [1] } }, {
      metadata: { name: "w", managedFields: entries("x") },
      spec: { x: 2 },
      status: { ready: true },
    }],
  ];
  for (const [type, lhs, rhs] of cases) assertSkippedAsStripped(type, lhs as Json, rhs);
});
