// Validates a custom resource against its structural schema, worded as kube-openapi and apiextensions word it.
//
// Sources (v0.36.0): k8s.io/kube-openapi pkg/validation/validate (type, string, number, slice,
// object and enum validators; messages in pkg/validation/errors/schema.go "%s in body ...") and
// k8s.io/apiextensions-apiserver pkg/apiserver/validation/validation.go
// (`kubeOpenAPIResultToFieldErrors`: Required, NotSupported, TooLong, TooMany become their own
// field errors; the rest are Invalid with kube-openapi's message as detail), then
// pkg/apiserver/schema/objectmeta (embedded resources) and pkg/apiserver/schema/listtype.
// On update, a subtree equal to the stored one is not checked again: kube-apiserver ratchets
// errors of unchanged values (CRDValidationRatcheting, on by default since 1.30).

import { type FieldError, goFloat, notSupported, tooLong, tooMany } from "./field_error.ts";
import type { SchemaNode } from "./schema_node.ts";
import { isRecord } from "./schema_props.ts";
import { matchesFormat } from "./string_formats.ts";
import { canonical, deepEqual } from "./values.ts";

/** What validation of one object needs: the Kubernetes minor (wording) and where errors go. */
export interface ValidationRun {
  readonly minor: number;
  readonly errors: FieldError[];
}

/** Checks `value` at kube-openapi path `path` ("" for the object) against `node`. */
export function validateValue(
  node: SchemaNode,
  value: unknown,
  path: string,
  run: ValidationRun,
  old?: unknown,
): void {
  if (old !== undefined && deepEqual(value, old)) return;
  const props = node.props;
  const jsonType = jsonTypeOf(value);
  if (!typeMatches(node, jsonType)) {
    if (props["x-kubernetes-int-or-string"]) {
      run.errors.push(typeError(path, "integer", jsonType), typeError(path, "string", jsonType));
    } else run.errors.push(typeError(path, props.type!, jsonType));
    return;
  }
  if (value === null) return;
  if (typeof value === "string") checkString(node, value, path, run);
  else if (typeof value === "number") checkNumber(node, value, path, run);
  else if (Array.isArray(value)) checkArray(node, value, path, run, old);
  else if (isRecord(value)) checkObject(node, value, path, run, old);
  if (props.enum !== undefined && !props.enum.some((allowed) => deepEqual(allowed, value))) {
    const allowed = props.enum.map((v) => typeof v === "string" ? v : JSON.stringify(v));
    run.errors.push(notSupported(fieldOf(path), value, allowed));
  }
}

/** The kube-openapi type name of a decoded JSON value. */
export function jsonTypeOf(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(node: SchemaNode, jsonType: string): boolean {
  const props = node.props;
  if (jsonType === "null") return props.nullable === true || props.type === undefined;
  if (props["x-kubernetes-int-or-string"]) {
    return jsonType === "integer" || jsonType === "string";
  }
  const type = props.type;
  if (type === undefined || type === "") return true;
  // An integral float is an integer, and an integer a number (typeValidator's isFloatInt/isIntFloat).
  return type === jsonType || (type === "number" && jsonType === "integer");
}

function typeError(path: string, type: string, jsonType: string): FieldError {
  return {
    type: "FieldValueTypeInvalid",
    field: fieldOf(path),
    value: jsonType,
    detail: `${path} in body must be of type ${type}: ${JSON.stringify(jsonType)}`,
  };
}

function invalid(path: string, value: unknown, detail: string): FieldError {
  return { type: "FieldValueInvalid", field: fieldOf(path), value, detail };
}

function checkString(node: SchemaNode, value: string, path: string, run: ValidationRun): void {
  const props = node.props;
  if (props.type !== "string" && !props["x-kubernetes-int-or-string"] && props.type) return;
  // kube-openapi counts runes; stringValidator stops at its first failure.
  const length = props.maxLength !== undefined || props.minLength !== undefined
    ? [...value].length
    : 0;
  if (props.maxLength !== undefined && length > props.maxLength) {
    run.errors.push(tooLong(fieldOf(path), props.maxLength, run.minor));
  } else if (props.minLength !== undefined && length < props.minLength) {
    run.errors.push(
      invalid(path, value, `${path} in body should be at least ${props.minLength} chars long`),
    );
  } else if (node.pattern && !node.pattern.test(value)) {
    run.errors.push(invalid(path, value, `${path} in body should match '${props.pattern}'`));
  }
  if (props.format && !matchesFormat(props.format, value)) {
    run.errors.push({
      type: "FieldValueTypeInvalid",
      field: fieldOf(path),
      value,
      detail: `${path} in body must be of type ${props.format}: ${JSON.stringify(value)}`,
    });
  }
}

function checkNumber(node: SchemaNode, value: number, path: string, run: ValidationRun): void {
  const props = node.props;
  const show = (bound: number) => goFloat(bound);
  if (props.multipleOf !== undefined && props.multipleOf > 0) {
    const quotient = value / props.multipleOf;
    if (!Number.isInteger(quotient)) {
      run.errors.push(
        invalid(path, value, `${path} in body should be a multiple of ${show(props.multipleOf)}`),
      );
    }
  }
  if (props.minimum !== undefined) {
    const exclusive = props.exclusiveMinimum === true;
    if (exclusive ? value <= props.minimum : value < props.minimum) {
      const words = exclusive ? "greater than" : "greater than or equal to";
      run.errors.push(
        invalid(path, value, `${path} in body should be ${words} ${show(props.minimum)}`),
      );
    }
  }
  if (props.maximum !== undefined) {
    const exclusive = props.exclusiveMaximum === true;
    if (exclusive ? value >= props.maximum : value > props.maximum) {
      const words = exclusive ? "less than" : "less than or equal to";
      run.errors.push(
        invalid(path, value, `${path} in body should be ${words} ${show(props.maximum)}`),
      );
    }
  }
}

function checkArray(
  node: SchemaNode,
  value: unknown[],
  path: string,
  run: ValidationRun,
  old: unknown,
): void {
  const props = node.props;
  if (node.items) {
    // Items correlate with the old list only by map keys upstream; index correlation would
    // ratchet a changed element, so elements are checked in full.
    const oldItems = props["x-kubernetes-list-type"] === "map" && Array.isArray(old) ? old : [];
    for (let i = 0; i < value.length; i++) {
      validateValue(
        node.items,
        value[i],
        `${path}[${i}]`,
        run,
        correlate(node, value[i], oldItems),
      );
    }
  }
  if (props.minItems !== undefined && value.length < props.minItems) {
    run.errors.push(
      invalid(path, value.length, `${path} in body should have at least ${props.minItems} items`),
    );
  }
  if (props.maxItems !== undefined && value.length > props.maxItems) {
    run.errors.push(tooMany(fieldOf(path), value.length, props.maxItems));
  }
  if (props.uniqueItems && hasDuplicates(value)) {
    run.errors.push(invalid(path, "", `${path} in body shouldn't contain duplicates`));
  }
}

function checkObject(
  node: SchemaNode,
  value: Record<string, unknown>,
  path: string,
  run: ValidationRun,
  old: unknown,
): void {
  const props = node.props;
  const count = Object.keys(value).length;
  if (props.minProperties !== undefined && count < props.minProperties) {
    run.errors.push(
      invalid(
        path,
        count,
        `${path} in body should have at least ${props.minProperties} properties`,
      ),
    );
  }
  if (props.maxProperties !== undefined && count > props.maxProperties) {
    run.errors.push(tooMany(fieldOf(path), count, props.maxProperties));
  }
  const oldObject = isRecord(old) ? old : undefined;
  const prefix = path === "" ? "" : `${path}.`;
  if (node.additional) {
    for (const [key, child] of Object.entries(value)) {
      if (node.properties?.has(key)) continue;
      validateValue(node.additional, child, `${path}.${key}`, run, oldObject?.[key]);
    }
  }
  if (node.properties) {
    for (const [key, child] of node.properties) {
      if (!Object.hasOwn(value, key)) continue;
      validateValue(child, value[key], prefix + key, run, oldObject?.[key]);
    }
  }
  for (const key of props.required ?? []) {
    if (!Object.hasOwn(value, key)) {
      run.errors.push({ type: "FieldValueRequired", field: fieldOf(`${path}.${key}`) });
    }
  }
}

/** The old element a new list-map element correlates with (same key values). */
function correlate(node: SchemaNode, item: unknown, oldItems: readonly unknown[]): unknown {
  const keys = node.props["x-kubernetes-list-map-keys"];
  if (!keys || oldItems.length === 0 || !isRecord(item)) return undefined;
  return oldItems.find((o) => isRecord(o) && keys.every((k) => deepEqual(o[k], item[k])));
}

function hasDuplicates(values: readonly unknown[]): boolean {
  const seen = new Set<string>();
  for (const value of values) {
    const key = canonical(value);
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/** kube-openapi's name of a path as a field path: the leading "." of a root property dropped. */
export function fieldOf(path: string): string {
  return path.startsWith(".") ? path.slice(1) : path;
}
