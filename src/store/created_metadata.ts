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
const POSITION: ReadonlyMap<string, number> = new Map(OBJECT_META_FIELDS.map((key, i) => [key, i]));
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

/**
 * `metadata` with ObjectMeta's fields in Go's order: itself when they are (an update carrying the
 * stored uid, resourceVersion and creationTimestamp), else a copy in that order. An update whose
 * body lacks the fields the store sets (`kubectl replace` of a manifest) had them appended, and
 * the store's Go shaping then rebuilt the metadata (and the object around it) on every such write.
 * Fields ObjectMeta does not have follow, as shaping keeps them.
 */
export function inGoFieldOrder(metadata: ObjectMeta): ObjectMeta {
  const from = metadata as Record<string, unknown>;
  let last = -1;
  let unknownSeen = false;
  let ordered = true;
  for (const key in from) {
    const at = POSITION.get(key);
    if (at === undefined) unknownSeen = true;
    else if (at < last || unknownSeen) {
      ordered = false;
      break;
    } else last = at;
  }
  if (ordered) return metadata;
  const out: Record<string, unknown> = {};
  for (const key of OBJECT_META_FIELDS) {
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
