// Small readers and writers of object metadata shared by the controllers.

import { type KubeObject, type OwnerReference, StoreError } from "../store/mod.ts";

/** The finalizer a foreground deletion adds (metav1.FinalizerDeleteDependents). */
export const FOREGROUND = "foregroundDeletion";
/** The finalizer an orphaning deletion adds (metav1.FinalizerOrphanDependents). */
export const ORPHAN = "orphan";

/** The object's finalizers, empty when absent. */
export function finalizersOf(object: KubeObject): string[] {
  const list = object.metadata.finalizers;
  return Array.isArray(list) ? list : [];
}

/** The object's ownerReferences, empty when absent. */
export function ownerReferencesOf(object: KubeObject): OwnerReference[] {
  const list = object.metadata.ownerReferences;
  return Array.isArray(list) ? list : [];
}

/** Whether the object has a deletionTimestamp and the given finalizer. */
export function isDeletingWith(object: KubeObject, finalizer: string): boolean {
  return Boolean(object.metadata.deletionTimestamp) && finalizersOf(object).includes(finalizer);
}

/** A copy of the object with `metadata` changed, pinned to its resourceVersion for the update. */
export function withMetadata(object: KubeObject, changes: Record<string, unknown>): KubeObject {
  const metadata = { ...object.metadata, ...changes };
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) delete metadata[field];
  }
  return { ...object, metadata };
}

/** A copy of the object without `finalizer`. */
export function withoutFinalizer(object: KubeObject, finalizer: string): KubeObject {
  const rest = finalizersOf(object).filter((f) => f !== finalizer);
  return withMetadata(object, { finalizers: rest.length > 0 ? rest : undefined });
}

/** A copy of the object without the ownerReferences whose uid is in `uids`. */
export function withoutOwners(object: KubeObject, uids: ReadonlySet<string>): KubeObject {
  const rest = ownerReferencesOf(object).filter((r) => !uids.has(r.uid));
  return withMetadata(object, { ownerReferences: rest.length > 0 ? rest : undefined });
}

/** Whether a store failure only says the object went away or changed meanwhile. */
export function isRace(error: unknown): error is StoreError {
  return error instanceof StoreError &&
    (error.reason === "NotFound" || error.reason === "Conflict");
}

/**
 * Runs a write, ignoring a race (the change that caused it queues fresh work); rethrows the rest.
 * Returns whether the write happened.
 */
export function writeIgnoringRace(action: () => unknown): boolean {
  try {
    action();
    return true;
  } catch (error) {
    if (!isRace(error)) throw error;
    return false;
  }
}
