// Strategic merge patch (application/strategic-merge-patch+json), after apimachinery's pkg/util/strategicpatch.

import { clone, goJsonKind, isObject, type JsonObject, own, put } from "./_json.ts";
import { type PatchSchema, strategyOf } from "./patch_schema.ts";
import { applySetElementOrder } from "./set_element_order.ts";
import {
  cleanInserted,
  DELETE_FROM_PRIMITIVE_LIST,
  DIRECTIVE,
  directiveField,
  fail,
  failBadFormat,
  goFormat,
  goFormatString,
  RETAIN_KEYS,
  SET_ELEMENT_ORDER,
} from "./strategic_directives.ts";
import { type MergeContext, mergeListField } from "./strategic_list.ts";

/** Applies a strategic merge patch to an object using a kind's list strategies; inputs are never changed. */
export function applyStrategicMergePatch(
  target: unknown,
  patch: unknown,
  schema: PatchSchema | undefined,
): unknown {
  // The apiserver decodes the body into a Go map: `null` leaves it empty, anything but an object is refused.
  if (patch === null) return clone(target);
  if (!isObject(patch)) {
    failBadFormat(
      `json: cannot unmarshal ${goJsonKind(patch)} into Go value of type map[string]interface {}`,
    );
  }
  const context: MergeContext = {
    schema: schema ?? {},
    mergeMap: (original, patchMap, path) => mergeMap(original, patchMap, path, context),
  };
  return mergeMap(isObject(target) ? clone(target) : {}, clone(patch), [], context);
}

// Both maps are owned copies: apimachinery's `mergeMap`, changing them in place.
function mergeMap(
  original: JsonObject,
  patch: JsonObject,
  path: readonly string[],
  context: MergeContext,
): JsonObject {
  if (Object.hasOwn(patch, DIRECTIVE)) {
    const directive = patch[DIRECTIVE];
    if (directive === "delete") return {};
    if (directive !== "replace") {
      fail(`unknown patch type: ${goFormatString(directive)} in map: ${goFormat(patch)}`);
    }
    delete patch[DIRECTIVE];
    return cleanInserted(patch) as JsonObject;
  }
  applyRetainKeys(original, patch);
  applySetElementOrder(original, patch, path, context);
  for (const [patchKey, value] of Object.entries(patch)) {
    const isDeleteList = patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST);
    const key = isDeleteList ? directiveField(patchKey, DELETE_FROM_PRIMITIVE_LIST) : patchKey;
    if (value === null) {
      delete original[key];
      continue;
    }
    const current = own(original, key);
    if (current === undefined || kind(current) !== kind(value)) {
      if (!isDeleteList) store(original, key, value);
      continue;
    }
    const child = [...path, key];
    if (Array.isArray(current)) {
      put(original, key, mergeListField(current, value as unknown[], child, isDeleteList, context));
    } else if (isObject(current) && !strategyOf(context.schema, child).replace) {
      put(original, key, mergeMap(current, value as JsonObject, child, context));
    } else {
      store(original, key, value);
    }
  }
  return original;
}

// `$retainKeys`: every other patch key must be listed, and unlisted keys leave the original.
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(retain)) failBadFormat("invalid patch format of retainKeys");
  for (const [key, value] of Object.entries(patch)) {
    const directive = key.startsWith(DELETE_FROM_PRIMITIVE_LIST) ||
      key.startsWith(SET_ELEMENT_ORDER);
    if (value !== null && !directive && !retain.includes(key)) {
      failBadFormat("invalid patch format of retainKeys");
    }
  }
  for (const key of Object.keys(original)) if (!retain.includes(key)) delete original[key];
}

function store(original: JsonObject, key: string, value: unknown): void {
  const cleaned = cleanInserted(value);
  if (cleaned === undefined) delete original[key];
  else put(original, key, cleaned);
}

function kind(value: unknown): string {
  return Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
}
