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
import type { ListAtom, ScalarKind, TypeRef } from "./types.ts";
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

// A step of the walk, turned into a path element only when an error names it (most applies
// have none): a field name, a list index, or an associative list's item.
type Step = string | number | { readonly atom: ListAtom; readonly item: Json };

function at(steps: readonly Step[]): string {
  const path: PathElement[] = [];
  for (const step of steps) {
    path.push(
      typeof step === "string"
        ? fieldElement(step)
        : typeof step === "number"
        ? indexElement(step)
        : listItemElement(step.atom, step.item, path),
    );
  }
  return pathString(path);
}

function walk(type: TypeRef, value: Json, path: Step[], errors: string[]): void {
  if (value === null) return;
  const atom = type.atom(value);
  if (atom.kind === "scalar") {
    const problem = atom.scalar && scalarProblem(atom.scalar, value);
    if (problem) errors.push(`${at(path)}: ${problem}`);
    return;
  }
  if (atom.kind === "list") {
    if (!Array.isArray(value)) {
      errors.push(`${at(path)}: expected list, got ${goValue(value)}`);
      return;
    }
    for (let i = 0; i < value.length; i++) {
      path.push(atom.atomic ? i : { atom, item: value[i] });
      walk(atom.element, value[i], path, errors);
      path.pop();
    }
    return;
  }
  if (!isMap(value)) {
    errors.push(`${at(path)}: expected map, got ${goValue(value)}`);
    return;
  }
  for (const key in value) {
    const field = atom.field(key);
    path.push(key);
    if (field === undefined && atom.closed) {
      // visitMapItems stops at the first undeclared key of a map.
      errors.push(`${at(path)}: field not declared in schema`);
      path.pop();
      return;
    }
    walk(field ?? atom.element, value[key], path, errors);
    path.pop();
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
