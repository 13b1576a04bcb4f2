// The x-kubernetes-list-type invariants: a set holds no duplicate, a map no two items with the same keys.
//
// Source: k8s.io/apiextensions-apiserver pkg/apiserver/schema/listtype/validation.go at v0.36.0
// (`ValidateListSetsAndMaps`): one Duplicate error per repeated item, at its index.

import type { FieldError } from "./field_error.ts";
import type { SchemaNode } from "./schema_node.ts";
import { isRecord } from "./schema_props.ts";
import { canonical } from "./values.ts";

/** Appends a Duplicate error for each repeated set element or map key under `node`. */
export function validateListTypes(
  node: SchemaNode,
  value: unknown,
  path: string,
  errors: FieldError[],
): void {
  if (!node.hasListTypes) return;
  if (Array.isArray(value)) {
    const listType = node.props["x-kubernetes-list-type"];
    if (listType === "set") duplicateSetItems(value, path, errors);
    else if (listType === "map") duplicateMapItems(node, value, path, errors);
    if (node.items) {
      for (let i = 0; i < value.length; i++) {
        validateListTypes(node.items, value[i], `${path}[${i}]`, errors);
      }
    }
  } else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      const childNode = node.properties?.get(key) ?? node.additional;
      if (childNode) validateListTypes(childNode, child, path ? `${path}.${key}` : key, errors);
    }
  }
}

// Items are keyed by their canonical JSON: a set of 10,000 items costs 10,000 lookups, not 50
// million comparisons.
function duplicateSetItems(value: unknown[], path: string, errors: FieldError[]): void {
  const seen = new Set<string>();
  value.forEach((item, i) => {
    const key = canonical(item);
    if (seen.has(key)) {
      errors.push({ type: "FieldValueDuplicate", field: `${path}[${i}]`, value: item });
    } else seen.add(key);
  });
}

function duplicateMapItems(
  node: SchemaNode,
  value: unknown[],
  path: string,
  errors: FieldError[],
): void {
  const keyFields = node.props["x-kubernetes-list-map-keys"] ?? [];
  const seen = new Set<string>();
  value.forEach((item, i) => {
    if (!isRecord(item)) {
      errors.push({
        type: "FieldValueInvalid",
        field: `${path}[${i}]`,
        value: item,
        detail: "must be an object for an array of list-type map",
      });
      return;
    }
    const keys = keyFields.map((k) => item[k] ?? node.items?.properties?.get(k)?.props.default);
    if (seen.has(canonical(keys))) {
      const shown = keyFields.length === 1
        ? { [keyFields[0]]: keys[0] }
        : Object.fromEntries(keyFields.map((k, n) => [k, keys[n]]));
      errors.push({ type: "FieldValueDuplicate", field: `${path}[${i}]`, value: shown });
    } else seen.add(canonical(keys));
  });
}
