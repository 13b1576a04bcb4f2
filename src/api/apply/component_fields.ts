// managedFields of objects fkas's own components create (a controller's pods): one shared list per shape.
//
// A ReplicaSet's pods, a Job's pods, a DaemonSet's pods differ in name only, which no manager
// owns: their create entries are equal. The first create of a shape in a second keeps its frozen
// list and every equal create after it shares that list, so thousands of pods cost one list.

import { type FieldManagerRequest, managedFieldsAfterCreate } from "./field_manager.ts";
import type { ManagedFieldsEntry } from "./managed_fields.ts";
import type { Json } from "./path_element.ts";

// Shared lists by their text; cleared when full (creates move forward in time).
const MAX_SHARED = 4_096;
const shared = new Map<string, readonly ManagedFieldsEntry[]>();

/**
 * The managedFields kube-apiserver records for a create `sent` by a component (its field manager
 * over the kind's `zero` object, as `managedFieldsAfterCreate`), shared and frozen: equal lists
 * of any object are one list.
 */
export function componentCreateEntries(
  zero: Json,
  sent: Json,
  request: FieldManagerRequest,
): readonly ManagedFieldsEntry[] {
  const entries = managedFieldsAfterCreate(zero, sent, request);
  if (entries.length === 0) return entries;
  const text = JSON.stringify(entries);
  const known = shared.get(text);
  if (known) return known;
  for (const entry of entries) deepFreeze(entry as Json);
  Object.freeze(entries);
  if (shared.size >= MAX_SHARED) shared.clear();
  shared.set(text, entries);
  return entries;
}

function deepFreeze(value: Json): void {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return;
  for (const child of Object.values(value)) deepFreeze(child as Json);
  Object.freeze(value);
}
