// An applied object checked against its built-in type as structured-merge-diff checks it when it
// makes the typed patch object (typed/validate.go, reached through the field manager's
// ObjectToTyped): scalars of the wrong kind, maps and lists where the other is declared, and keys
// a struct does not declare. Messages and path strings are smd's; Go's `%v`/`%#v` of the
// unstructured value are rendered by go_value_text.ts.

import { isMap, listItemElement } from "./list_items.ts";
import {
  fieldElement,
  indexElement,
  type Json,
  type PathElement,
  pathString,
} from "./path_element.ts";
import type { ScalarKind, TypeRef } from "./types.ts";
import { goSharpValue, goType, goValue } from "./go_value_text.ts";

/**
 * The validation errors of `value` under `type` as `ValidationErrors.Error()` words them
 * (one error bare, several after `errors:`), or undefined when it fits.
 */
export function typedValueErrors(type: TypeRef, value: Json): string | undefined {
  const errors: string[] = [];
  walk(type, value, [], errors);
  if (errors.length === 0) return undefined;
  return errors.length === 1 ? errors[0] : ["errors:", ...errors.map((e) => `  ${e}`)].join("\n");
}

function walk(type: TypeRef, value: Json, path: PathElement[], errors: string[]): void {
  if (value === null) return;
  const atom = type.atom(value);
  if (atom.kind === "scalar") {
    const problem = atom.scalar && scalarProblem(atom.scalar, value);
    if (problem) errors.push(`${pathString(path)}: ${problem}`);
    return;
  }
  if (atom.kind === "list") {
    if (!Array.isArray(value)) {
      errors.push(`${pathString(path)}: expected list, got ${goValue(value)}`);
      return;
    }
    value.forEach((item, i) => {
      const element = atom.atomic ? indexElement(i) : listItemElement(atom, item, path);
      walk(atom.element, item, [...path, element], errors);
    });
    return;
  }
  if (!isMap(value)) {
    errors.push(`${pathString(path)}: expected map, got ${goValue(value)}`);
    return;
  }
  for (const key of Object.keys(value)) {
    const field = atom.field(key);
    if (field === undefined && atom.closed) {
      // visitMapItems stops at the first undeclared key of a map.
      errors.push(`${pathString([...path, fieldElement(key)])}: field not declared in schema`);
      return;
    }
    walk(field ?? atom.element, value[key], [...path, fieldElement(key)], errors);
  }
}

// validateScalar: null fits any scalar; each kind words its refusal its own way.
function scalarProblem(kind: ScalarKind, value: Json): string | undefined {
  const isNumber = typeof value === "number";
  switch (kind) {
    case "numeric":
      return isNumber ? undefined : `expected numeric (int or float), got ${goType(value)}`;
    case "string":
      return typeof value === "string" ? undefined : `expected string, got ${goSharpValue(value)}`;
    case "boolean":
      return typeof value === "boolean" ? undefined : `expected boolean, got ${goValue(value)}`;
    case "untyped":
      return value !== null && typeof value === "object"
        ? `expected any scalar, got ${goValue(value)}`
        : undefined;
  }
}
