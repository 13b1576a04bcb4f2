// Strategic-merge directive names and the clean-up applied to patch values that land in the result as-is.

import { isObject, type JsonObject, put } from "./_json.ts";
import { PatchError } from "./patch_error.ts";

/** `$patch`: replace, delete (or merge, which apply refuses) for a map or list element. */
export const DIRECTIVE = "$patch";
/** `$retainKeys`: the only keys a map keeps. */
export const RETAIN_KEYS = "$retainKeys";
/** `$deleteFromPrimitiveList/<field>`: values to drop from a primitive list. */
export const DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
/** `$setElementOrder/<field>`: the final order of a merged list. */
export const SET_ELEMENT_ORDER = "$setElementOrder";

/**
 * Throws a plain apimachinery error for a malformed patch (`fmt.Errorf` in strategicpatch, such as
 * mergepatch.ErrBadPatchType): the apiserver answers 500 with no reason.
 */
export function fail(message: string): never {
  throw new PatchError("Unclassified", message);
}

/**
 * Throws one of mergepatch's sentinel errors (errors.go: `ErrBadPatchFormatForPrimitiveList`,
 * `...ForRetainKeys`, `...ForSetElementOrderList`), which `interpretStrategicMergePatchError`
 * (k8s.io/apiserver pkg/endpoints/handlers/patch.go) answers as 400 BadRequest, or a body that
 * does not decode into a map (`strategicPatchObject`'s `errors.NewBadRequest`).
 */
export function failBadFormat(message: string): never {
  throw new PatchError("BadRequest", message);
}

/** The field name behind a `$prefix/<field>` key, or the apimachinery error for a malformed key. */
export function directiveField(key: string, prefix: string): string {
  const slash = key.indexOf("/");
  if (slash >= 0 && key.slice(0, slash) === prefix) return key.slice(slash + 1);
  failBadFormat(
    prefix === SET_ELEMENT_ORDER
      ? "invalid patch format of setElementOrder list"
      : "invalid patch format of primitive list",
  );
}

/**
 * Prepares a patch value stored without merging, as the apiserver's decode into typed objects would leave it:
 * nulls dropped, maps or list elements carrying `$patch` dropped, other directive keys removed.
 * Returns undefined when the value itself is a directive map.
 */
export function cleanInserted(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(cleanInserted).filter((v) => v !== undefined);
  }
  if (!isObject(value)) return value;
  if (Object.hasOwn(value, DIRECTIVE)) return undefined;
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null || isDirectiveKey(key)) continue;
    const cleaned = cleanInserted(v);
    if (cleaned !== undefined) put(out, key, cleaned);
  }
  return out;
}

function isDirectiveKey(key: string): boolean {
  return key === RETAIN_KEYS || key.startsWith(`${SET_ELEMENT_ORDER}/`) ||
    key.startsWith(`${DELETE_FROM_PRIMITIVE_LIST}/`);
}

/** Go's `%v` rendering of a decoded JSON value, used inside apimachinery error messages. */
export function goFormat(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goFormat).join(" ")}]`;
  if (isObject(value)) {
    const entries = Object.keys(value).sort().map((k) => `${k}:${goFormat(value[k])}`);
    return `map[${entries.join(" ")}]`;
  }
  return value === null ? "<nil>" : String(value);
}

/**
 * Go's `%s` rendering of a decoded JSON value (mergepatch.ErrBadPatchType formats the directive
 * so): strings as they are, any other scalar as fmt's bad-verb form, `%!s(int64=1)`. The patch is
 * decoded by apimachinery's util/json, which turns a number into int64 when it parses as one and
 * float64 otherwise; the literal's spelling is gone here, so an integral value within 2^53 stands
 * for int64 (`5.0`, float64 upstream, is printed as int64).
 */
export function goFormatString(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map(goFormatString).join(" ")}]`;
  if (isObject(value)) {
    const entries = Object.keys(value).sort().map((k) => `${k}:${goFormatString(value[k])}`);
    return `map[${entries.join(" ")}]`;
  }
  if (value === null || value === undefined) return "%!s(<nil>)";
  const type = typeof value === "boolean"
    ? "bool"
    : Number.isSafeInteger(value)
    ? "int64"
    : "float64";
  return `%!s(${type}=${goFormat(value)})`;
}
