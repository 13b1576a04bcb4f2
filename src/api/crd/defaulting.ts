// Fills declared defaults into a custom resource and drops nulls that may not be null, as apiextensions does.
//
// Source: k8s.io/apiextensions-apiserver pkg/apiserver/schema/defaulting/algorithm.go (`Default`:
// a missing field, or a null one that is not nullable, takes its default) and prunenulls.go
// (`PruneNonNullableNullsWithoutDefaults`) at v0.36.0. Defaults are deep copies: the schema is
// shared by every object.

import type { SchemaNode } from "./schema_node.ts";
import { isRecord } from "./schema_props.ts";

/** Applies `node`'s defaults to `value` in place. */
export function applyDefaults(node: SchemaNode, value: unknown): void {
  if (Array.isArray(value)) {
    if (node.items && (node.items.hasDefaults || mayHoldNulls(node.items))) {
      for (const item of value) applyDefaults(node.items, item);
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
        setOwn(value, key, structuredClone(child.props.default));
      } else if (present && current === null && !child.props.nullable) {
        delete value[key];
        continue;
      }
      if (child.hasDefaults || child.properties || child.items || child.additional) {
        applyDefaults(child, value[key]);
      }
    }
  }
  if (node.additional) {
    for (const [key, child] of Object.entries(value)) {
      if (node.properties?.has(key)) continue;
      if (child === null && !node.additional.props.nullable) {
        if (node.additional.props.default !== undefined) {
          setOwn(value, key, structuredClone(node.additional.props.default));
        } else delete value[key];
      } else applyDefaults(node.additional, child);
    }
  }
}

function mayHoldNulls(node: SchemaNode): boolean {
  return node.properties !== undefined || node.additional !== undefined;
}

// A property named "__proto__" is a key like any other to kube-apiserver; assignment would call
// the prototype setter instead.
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}
