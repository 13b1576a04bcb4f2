// List ordering for strategic merge: patch order or `$setElementOrder` first, server-only items woven in.

import { isObject } from "./_json.ts";
import { fail, goFormat } from "./strategic_directives.ts";
import { PatchError } from "./patch_error.ts";

/** Whether a list holds maps or scalars (undefined when both lists are empty); lists of lists are refused. */
export function elementKind(...lists: unknown[][]): "map" | "scalar" | undefined {
  let kind: string | undefined;
  for (const item of lists.flat()) {
    const current = Array.isArray(item) ? "list" : isObject(item) ? "map" : typeof item;
    if (current === "list") {
      throw new PatchError("Invalid", "lists of lists are not supported");
    }
    if (kind !== undefined && kind !== current) {
      fail(`list element types are not identical: ${goFormat(lists)}`);
    }
    kind = current;
  }
  return kind === undefined ? undefined : kind === "map" ? "map" : "scalar";
}

// The merge-key value of a map element, or the element itself for scalar lists.
function keyOf(item: unknown, mergeKey: string): unknown {
  if (!mergeKey) return item;
  return isObject(item) ? item[mergeKey] : undefined;
}

/** The merge-key value of a map element, failing as apimachinery does when it is absent. */
export function requireKey(item: unknown, mergeKey: string): unknown {
  if (!isObject(item)) fail(`expected a map[string]interface {}, but received a ${goType(item)}`);
  if (!Object.hasOwn(item, mergeKey)) {
    fail(`map: ${goFormat(item)} does not contain declared merge key: ${mergeKey}`);
  }
  return item[mergeKey];
}

/** Splits `merged` into items present in `by` (by merge key) and server-only items, keeping order. */
export function partition(
  merged: unknown[],
  by: unknown[],
  mergeKey: string,
): [unknown[], unknown[]] {
  const present: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const item of merged) {
    const key = mergeKey ? requireKey(item, mergeKey) : item;
    (by.some((b) => keyOf(b, mergeKey) === key) ? present : serverOnly).push(item);
  }
  return [present, serverOnly];
}

/** Orders patch items by `patchOrder` and server-only items by `serverOrder`, then weaves them together. */
export function normalizeElementOrder(
  patchItems: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
): unknown[] {
  const right = sortBy(patchItems, patchOrder, mergeKey);
  const left = sortBy(serverOnly, serverOrder, mergeKey);
  // mergeSortedSlice: a server-only item goes before a patch item only when the server had both in that order.
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey);
      const ri = indexIn(serverOrder, right[j], mergeKey);
      out.push(li >= 0 && ri >= 0 && li < ri ? left[i++] : right[j++]);
    }
  }
  return out;
}

function sortBy(items: unknown[], order: unknown[], mergeKey: string): unknown[] {
  if (mergeKey) { for (const item of [...items, ...order]) requireKey(item, mergeKey); }
  const position = (item: unknown) => indexIn(order, item, mergeKey);
  // Every item is in `order` here, so a plain stable sort matches Go's sort.SliceStable.
  return [...items].sort((a, b) => position(a) - position(b));
}

function indexIn(list: unknown[], item: unknown, mergeKey: string): number {
  const key = keyOf(item, mergeKey);
  return list.findIndex((candidate) => keyOf(candidate, mergeKey) === key);
}

function goType(value: unknown): string {
  if (Array.isArray(value)) return "[]interface {}";
  if (typeof value === "number") return "float64";
  return value === null ? "<nil>" : typeof value;
}
