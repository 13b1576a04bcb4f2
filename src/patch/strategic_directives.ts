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

/** Throws the apimachinery error for a malformed patch (the apiserver answers 400, or 500 for unclassified ones). */
export function fail(message: string): never {
  throw new PatchError("BadRequest", message);
}

/** The field name behind a `$prefix/<field>` key, or the apimachinery error for a malformed key. */
export function directiveField(key: string, prefix: string): string {
  const slash = key.indexOf("/");
  if (slash >= 0 && key.slice(0, slash) === prefix) return key.slice(slash + 1);
  fail(
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
 * so): strings as they are, any other scalar as fmt's bad-verb form, `%!s(float64=1)`.
 */
export function goFormatString(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map(goFormatString).join(" ")}]`;
  if (isObject(value)) {
    const entries = Object.keys(value).sort().map((k) => `${k}:${goFormatString(value[k])}`);
    return `map[${entries.join(" ")}]`;
  }
  if (value === null || value === undefined) return "%!s(<nil>)";
  return `%!s(${typeof value === "boolean" ? "bool" : "float64"}=${goFormat(value)})`;
}
