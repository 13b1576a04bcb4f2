// Parts of objects that controllers write alike in many clusters (a second's conditions, IP lists), held once.

import { deepFreeze } from "../encoding/mod.ts";

// Frozen parts by their JSON text, for every cluster; cleared when full (times move on, so a
// part older than the table is rarely asked for again, and objects keep the parts they share).
const MAX_PARTS = 4_096;
const parts = new Map<string, unknown>();

/**
 * `value` (JSON data), or the frozen part equal to it that an earlier status got: the pods that
 * kubelets start in the same second have equal conditions, container states and, cluster by
 * cluster, equal IP lists (issue 17: ~11 objects less per running pod). The answer is frozen, so
 * a caller must not change it.
 */
export function sharedPart<T>(value: T): T {
  const text = JSON.stringify(value);
  const known = parts.get(text);
  if (known !== undefined) return known as T;
  if (parts.size >= MAX_PARTS) parts.clear();
  parts.set(text, deepFreeze(value));
  return value;
}
