// A write that changes only fields its own manager already owns: managedFields as they were, retimed.
//
// The common repeated write (a label's value, a ConfigMap's data, a spec field a controller keeps
// setting) leaves every manager's set as it was. When the comparison adds and removes nothing
// (server-set metadata aside) and every modified field is the writer's alone, `FieldManager.Update`
// is known to give back each set unchanged and the writer's time now: the stored list is reused,
// or copied with that one time, instead of merging, stripping, capping and encoding every set.

import type { Comparison } from "./compare.ts";
import {
  encodedDecoding,
  type ManagedFieldsEntry,
  managedFieldsTime,
  retimedEntries,
} from "./managed_fields.ts";
import { STRIP } from "./strip_meta.ts";

/**
 * The managedFields after manager `id` wrote what `comparison` describes over an object whose
 * stored list is `liveEntries`, when the write took no field another manager owns and no new
 * one; undefined when the full field manager must decide. `now` undefined keeps the entry's
 * time (a scale subresource writer's, which kube-apiserver never stamps).
 */
export function ownedUpdate(
  liveEntries: readonly ManagedFieldsEntry[],
  comparison: Comparison,
  id: string,
  now: number | undefined,
): readonly ManagedFieldsEntry[] | undefined {
  const decoded = encodedDecoding(liveEntries);
  if (!decoded || liveEntries.length === 0) return undefined;
  if (!comparison.added.isSubsetOf(STRIP)) return undefined;
  if (!comparison.removed.isSubsetOf(STRIP)) return undefined;
  // Server-set metadata rarely among the changes: the set is copied without it only when it is.
  const modified = comparison.modified.intersects(STRIP)
    ? comparison.modified.difference(STRIP)
    : comparison.modified;
  // Only server-set metadata changed: no manager took a field, no time moves.
  if (modified.empty()) return liveEntries;
  const own = decoded.managers.get(id);
  if (!own || !modified.isSubsetOf(own.set)) return undefined;
  for (const [other, entry] of decoded.managers) {
    if (other !== id && entry.set.intersects(modified)) return undefined;
  }
  if (now === undefined) return liveEntries;
  const time = managedFieldsTime(now);
  if (decoded.times.get(id) === time) return liveEntries;
  return retimedEntries(liveEntries, decoded, id, time);
}
