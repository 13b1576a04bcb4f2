// List merging for strategic merge patch: merge by key, `$patch` elements, primitive unions and deletions.

import { isObject, type JsonObject } from "./_json.ts";
import { type PatchSchema, strategyOf } from "./patch_schema.ts";
import {
  cleanInserted,
  DIRECTIVE,
  fail,
  goFormat,
  goFormatString,
} from "./strategic_directives.ts";
import { elementKind, normalizeElementOrder, partition, requireKey } from "./strategic_order.ts";

/** What list merging needs from its caller: the schema, and map merging for matched elements. */
export interface MergeContext {
  readonly schema: PatchSchema;
  mergeMap(original: JsonObject, patch: JsonObject, path: readonly string[]): JsonObject;
}

/** Merges a patch list into an owned original list per the field's strategy (apimachinery `mergeSliceHandler`). */
export function mergeListField(
  original: unknown[],
  patch: unknown[],
  path: readonly string[],
  isDeleteList: boolean,
  context: MergeContext,
): unknown[] {
  const { merge, mergeKey } = strategyOf(context.schema, path);
  // A `$deleteFromPrimitiveList` list is applied whatever the field's strategy (apimachinery v0.36).
  if (!merge && !isDeleteList) return cleanInserted(patch) as unknown[];
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  if (kind === "scalar") {
    if (isDeleteList) return original.filter((item) => !patch.includes(item));
    const merged = [...new Set([...original, ...patch])];
    const [patchItems, serverOnly] = partition(merged, patch, "");
    return normalizeElementOrder(patchItems, serverOnly, patch, original, "");
  }
  if (!mergeKey) fail(`cannot merge lists without merge key for ${path.join(".")}`);
  const [server, rest] = applySpecialElements(original, patch, mergeKey);
  const merged = [...server];
  for (const item of rest) {
    const key = requireKey(item, mergeKey);
    const index = merged.findIndex((o) =>
      isObject(o) && Object.hasOwn(o, mergeKey) && o[mergeKey] === key
    );
    if (index >= 0) {
      merged[index] = context.mergeMap(merged[index] as JsonObject, item as JsonObject, path);
    } else merged.push(cleanInserted(item));
  }
  const [patchItems, serverOnly] = partition(merged, rest, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, rest, server, mergeKey);
}

// Handles elements carrying `$patch`: delete by merge key, or replace the whole list with the plain elements.
function applySpecialElements(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
): [unknown[], unknown[]] {
  let server = original;
  const rest: unknown[] = [];
  let replace = false;
  for (const item of patch as JsonObject[]) {
    if (!Object.hasOwn(item, DIRECTIVE)) {
      rest.push(item);
      continue;
    }
    switch (item[DIRECTIVE]) {
      case "delete": {
        const key = requireKey(item, mergeKey);
        server = server.filter((o) =>
          !(isObject(o) && Object.hasOwn(o, mergeKey) && o[mergeKey] === key)
        );
        break;
      }
      case "replace":
        replace = true;
        break;
      case "merge":
        fail("merging lists cannot yet be specified in the patch");
        break;
      default:
        fail(`unknown patch type: ${goFormatString(item[DIRECTIVE])} in map: ${goFormat(item)}`);
    }
  }
  return replace ? [rest.map(cleanInserted), []] : [server, rest];
}
