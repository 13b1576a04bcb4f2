// x-kubernetes-embedded-resource: a nested object must name its apiVersion and kind.
//
// Source: k8s.io/apiextensions-apiserver pkg/apiserver/schema/objectmeta/validation.go at
// v0.36.0 (`validateEmbeddedResource`).

import type { FieldError } from "./field_error.ts";
import type { SchemaNode } from "./schema_node.ts";
import { isRecord } from "./schema_props.ts";

/** Appends the errors of every embedded resource under `node` (paths as field paths). */
export function validateEmbedded(
  node: SchemaNode,
  value: unknown,
  path: string,
  errors: FieldError[],
): void {
  if (!node.hasEmbedded) return;
  if (Array.isArray(value)) {
    if (node.items) {
      value.forEach((item, i) => validateEmbedded(node.items!, item, `${path}[${i}]`, errors));
    }
    return;
  }
  if (!isRecord(value)) return;
  if (node.embedded) checkResource(value, path, errors);
  for (const [key, child] of Object.entries(value)) {
    const childNode = node.properties?.get(key) ?? node.additional;
    if (childNode) validateEmbedded(childNode, child, path ? `${path}.${key}` : key, errors);
  }
}

function checkResource(value: Record<string, unknown>, path: string, errors: FieldError[]): void {
  for (const field of ["apiVersion", "kind"]) {
    const at = `${path}.${field}`;
    if (!Object.hasOwn(value, field)) {
      errors.push({ type: "FieldValueRequired", field: at, detail: "must not be empty" });
    } else if (typeof value[field] !== "string") {
      errors.push({
        type: "FieldValueInvalid",
        field: at,
        value: value[field],
        detail: "must be a string",
      });
    } else if (value[field] === "") {
      errors.push({ type: "FieldValueInvalid", field: at, value: "", detail: "must not be empty" });
    }
  }
  const metadata = value.metadata;
  if (metadata !== undefined && !isRecord(metadata)) {
    errors.push({
      type: "FieldValueInvalid",
      field: `${path}.metadata`,
      value: metadata,
      detail: "must be an object",
    });
  }
}
