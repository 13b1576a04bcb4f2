// The `$setElementOrder/<field>` directive: merge the field's list, then put it in the order the patch names.

import { isObject, type JsonObject, put } from "./_json.ts";
import { strategyOf } from "./patch_schema.ts";
import {
  cleanInserted,
  DIRECTIVE,
  directiveField,
  fail,
  goFormat,
  SET_ELEMENT_ORDER,
} from "./strategic_directives.ts";
import { type MergeContext, mergeListField } from "./strategic_list.ts";
import { elementKind, normalizeElementOrder, partition, requireKey } from "./strategic_order.ts";

/** Applies and removes every `$setElementOrder` key of an owned patch map (apimachinery `mergePatchIntoOriginal`). */
export function applySetElementOrder(
  original: JsonObject,
  patch: JsonObject,
  path: readonly string[],
  context: MergeContext,
): void {
  for (const directive of Object.keys(patch)) {
    if (!directive.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = requireList(patch[directive]);
    delete patch[directive];
    const field = directiveField(directive, SET_ELEMENT_ORDER);
    const originalList = Object.hasOwn(original, field) ? requireList(original[field]) : undefined;
    const patchList = Object.hasOwn(patch, field) ? requireList(patch[field]) : undefined;
    const child = [...path, field];
    const { mergeKey } = strategyOf(context.schema, child);
    validateOrder(patchList ?? [], order, mergeKey);
    let merged: unknown[];
    if (originalList && patchList) {
      merged = mergeListField(originalList, patchList, child, false, context);
    } else if (patchList) merged = cleanInserted(patchList) as unknown[];
    else if (originalList) merged = originalList;
    else continue;
    const kind = elementKind(originalList ?? [], patchList ?? []);
    if (kind === undefined) fail("no elements in any of the given slices");
    const key = kind === "map" ? mergeKey : "";
    const [patchItems, serverOnly] = partition(merged, order, key);
    put(
      original,
      field,
      normalizeElementOrder(patchItems, serverOnly, order, originalList ?? [], key),
    );
    delete patch[field];
  }
}

function requireList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return fail(
    `expected a []interface {}, but received a ${
      isObject(value) ? "map[string]interface {}" : typeof value
    }`,
  );
}

// The patch list's items (deletions aside) must appear in the order list, in the same relative order.
function validateOrder(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey
    ? patchList.filter((item) => !(isObject(item) && item[DIRECTIVE] === "delete"))
    : patchList;
  let p = 0;
  let s = 0;
  while (p < items.length && s < order.length) {
    if (isObject(items[p]) && Object.hasOwn(items[p] as JsonObject, DIRECTIVE)) {
      p++;
      continue;
    }
    const item = mergeKey ? requireKey(items[p], mergeKey) : items[p];
    const ordered = mergeKey ? requireKey(order[s], mergeKey) : order[s];
    if (item === ordered) p++;
    s++;
  }
  if (p < items.length && s >= order.length) {
    fail(
      `the order in patch list:\n${
        goFormat(patchList)
      }\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goFormat(order)}`,
    );
  }
}
