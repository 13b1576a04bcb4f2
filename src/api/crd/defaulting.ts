// Fills declared defaults into a custom resource and drops nulls that may not be null, as apiextensions does.
//
// Source: k8s.io/apiextensions-apiserver pkg/apiserver/schema/defaulting/algorithm.go (`Default`:
// a missing field, or a null one that is not nullable, takes its default) and prunenulls.go
// (`PruneNonNullableNullsWithoutDefaults`) at v0.36.0. Defaults are deep copies: the schema is
// shared by every object.

import type { SchemaNode } from "./schema_node.ts";
import { isRecord } from "./schema_props.ts";
import { putOwn } from "../../encoding/mod.ts";

/**
 * Applies `node`'s defaults to `value` in place; with `pruneNulls` (writes) non-nullable nulls
 * without a default are dropped too, as the decoder of a create or update does. Reads from
 * storage only default (`unstructuredDefaulter`).
 */
export function applyDefaults(node: SchemaNode, value: unknown, pruneNulls = true): void {
  if (Array.isArray(value)) {
    const items = node.items;
    if (items && (items.hasDefaults || (pruneNulls && mayHoldNulls(items)))) {
      value.forEach((item, index) => {
        if (isDefaultedNull(items, item)) value[index] = structuredClone(items.props.default);
        else applyDefaults(items, item, pruneNulls);
      });
    }
    return;
  }
  if (!isRecord(value)) return;
  if (node.properties) {
    for (const [key, child] of node.properties) {
      const present = Object.hasOwn(value, key);
      const current = value[key];
      if (
        (!present || (current === null && !child.props.nullable)) &&
        child.props.default !== undefined
      ) {
        putOwn(value, key, structuredClone(child.props.default));
      } else if (pruneNulls && present && current === null && !child.props.nullable) {
        delete value[key];
        continue;
      }
      if (pruneNulls ? child.properties || child.items || child.additional : child.hasDefaults) {
        applyDefaults(child, value[key], pruneNulls);
      }
    }
  }
  if (node.additional && (pruneNulls || node.additional.hasDefaults)) {
    for (const [key, child] of Object.entries(value)) {
      if (node.properties?.has(key)) continue;
      if (child === null && !node.additional.props.nullable) {
        if (node.additional.props.default !== undefined) {
          putOwn(value, key, structuredClone(node.additional.props.default));
        } else if (pruneNulls) delete value[key];
      } else applyDefaults(node.additional, child, pruneNulls);
    }
  }
}

/** Whether `applyDefaults(node, value, false)` would change `value` (reads skip the copy if not). */
export function lacksDefaults(node: SchemaNode, value: unknown): boolean {
  if (!node.hasDefaults) return false;
  if (Array.isArray(value)) {
    const items = node.items;
    return items !== undefined &&
      value.some((item) => isDefaultedNull(items, item) || lacksDefaults(items, item));
  }
  if (!isRecord(value)) return false;
  if (node.properties) {
    for (const [key, child] of node.properties) {
      if (!child.hasDefaults) continue;
      const current = Object.hasOwn(value, key) ? value[key] : undefined;
      if (
        child.props.default !== undefined &&
        (current === undefined || (current === null && !child.props.nullable))
      ) return true;
      if (lacksDefaults(child, current)) return true;
    }
  }
  const additional = node.additional;
  if (additional?.hasDefaults) {
    for (const [key, child] of Object.entries(value)) {
      if (node.properties?.has(key)) continue;
      if (child === null && !additional.props.nullable && additional.props.default !== undefined) {
        return true;
      }
      if (lacksDefaults(additional, child)) return true;
    }
  }
  return false;
}

// A null where null is not allowed, and a default to take its place (`isNonNullableNull`).
function isDefaultedNull(node: SchemaNode, value: unknown): boolean {
  return value === null && !node.props.nullable && node.props.default !== undefined;
}

function mayHoldNulls(node: SchemaNode): boolean {
  return node.properties !== undefined || node.additional !== undefined;
}
