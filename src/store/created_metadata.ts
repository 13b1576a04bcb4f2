// A new object's metadata with the fields the store sets (uid, resourceVersion, generation, creationTimestamp) in Go's place.

import type { ObjectMeta } from "./kube_object.ts";
import { putOwn } from "../encoding/mod.ts";

// ObjectMeta's fields in Go's declaration order (k8s.io/apimachinery pkg/apis/meta/v1 types.go;
// the same from v1.27 to v1.36), the order kube-apiserver writes them in.
/** metav1.ObjectMeta's JSON field names in Go's declaration order. */
export const OBJECT_META_FIELDS: readonly string[] = Object.freeze([
  "name",
  "generateName",
  "namespace",
  "selfLink",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "labels",
  "annotations",
  "ownerReferences",
  "finalizers",
  "managedFields",
]);
const KNOWN: ReadonlySet<string> = new Set(OBJECT_META_FIELDS);
// ObjectMeta's fields before and after the four the store sets on a create (uid to creationTimestamp).
const BEFORE_SET = OBJECT_META_FIELDS.slice(0, OBJECT_META_FIELDS.indexOf("uid"));
const AFTER_SET = OBJECT_META_FIELDS.slice(OBJECT_META_FIELDS.indexOf("creationTimestamp") + 1);

/** What the store sets on a new object's metadata; an undefined `generation` is left out. */
export interface CreatedFields {
  readonly uid: string;
  readonly resourceVersion: string;
  readonly generation: number | undefined;
  readonly creationTimestamp: string;
}

/**
 * `incoming` with `set` put in, built in Go's field order: appending them instead left the
 * metadata of every create out of Go's order, which the store's Go shaping then rebuilt. Fields
 * ObjectMeta does not have (an internal writer's) follow, as shaping keeps them.
 */
export function createdMetadata(incoming: ObjectMeta, set: CreatedFields): ObjectMeta {
  const from = incoming as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // The fields before, the four set (uid to creationTimestamp, in that order), the fields after:
  // every create passes here, and asking `set` of each of the 15 names cost a look-up apiece.
  for (const key of BEFORE_SET) if (Object.hasOwn(from, key)) out[key] = from[key];
  if (set.uid !== undefined) out.uid = set.uid;
  if (set.resourceVersion !== undefined) out.resourceVersion = set.resourceVersion;
  if (set.generation !== undefined) out.generation = set.generation;
  if (set.creationTimestamp !== undefined) out.creationTimestamp = set.creationTimestamp;
  for (const key of AFTER_SET) if (Object.hasOwn(from, key)) out[key] = from[key];
  copyFieldsOutsideObjectMeta(from, out);
  return out as ObjectMeta;
}

/** What the store sets on an updated object's metadata (the rest is the incoming object's). */
export interface UpdatedFields {
  /** The stored object's uid and creationTimestamp, whatever the update sent. */
  readonly uid: string | undefined;
  readonly creationTimestamp: string | undefined;
  /** The stored deletion of an object being deleted: its timestamp and grace period win. */
  readonly deletion?: {
    readonly timestamp: string;
    readonly gracePeriodSeconds: number | undefined;
  };
  /** The generation to store; undefined leaves it out (kinds that do not count generations). */
  readonly generation: number | undefined;
}

/**
 * `incoming` with `set` put in, built in one pass in Go's field order, with an empty
 * resourceVersion when none was sent. Spreading the body's metadata, setting and deleting
 * members and then ordering the copy (a body without the fields the store sets, as `kubectl
 * replace` of a manifest sends, had them appended) cost every update two copies and a walk.
 * Fields ObjectMeta does not have follow, as shaping keeps them.
 */
export function updatedMetadata(incoming: ObjectMeta, set: UpdatedFields): ObjectMeta {
  const from = incoming as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const { deletion } = set;
  for (const key of OBJECT_META_FIELDS) {
    switch (key) {
      case "uid":
        out.uid = set.uid;
        continue;
      case "creationTimestamp":
        out.creationTimestamp = set.creationTimestamp;
        continue;
      case "resourceVersion":
        out.resourceVersion = from.resourceVersion ?? "";
        continue;
      case "generation":
        if (set.generation !== undefined) out.generation = set.generation;
        continue;
      case "deletionTimestamp":
        if (deletion) out.deletionTimestamp = deletion.timestamp;
        continue;
      case "deletionGracePeriodSeconds":
        if (deletion) {
          out.deletionGracePeriodSeconds = deletion.gracePeriodSeconds;
          continue;
        }
    }
    if (Object.hasOwn(from, key)) out[key] = from[key];
  }
  copyFieldsOutsideObjectMeta(from, out);
  return out as ObjectMeta;
}

// Appends `from`'s own fields that ObjectMeta does not have, as own data properties whatever the
// key (`__proto__` included), as the spread these copies replace did.
function copyFieldsOutsideObjectMeta(
  from: Record<string, unknown>,
  out: Record<string, unknown>,
): void {
  for (const key in from) {
    if (KNOWN.has(key) || !Object.hasOwn(from, key)) continue;
    putOwn(out, key, from[key]);
  }
}
