// managedFields of objects fkas's own components create (a controller's pods): one shared list per shape.
//
// A ReplicaSet's pods, a Job's pods, a DaemonSet's pods differ in name only, which no manager
// owns: their create entries are equal. The first create of a shape in a second keeps its frozen
// list and every equal create after it shares that list, so thousands of pods cost one list.
// The same controller's objects in other clusters differ only in the owner's uid (a key of
// `f:ownerReferences`): a new list shares every other part of its FieldsV1 with the first list
// made for that controller and namespace in any cluster (issue 17: ~13 KiB per cluster).

import { deepFreeze } from "../../encoding/mod.ts";
import { shareFrom } from "../../store/mod.ts";
import { type FieldManagerRequest, managedFieldsAfterCreate } from "./field_manager.ts";
import type { ManagedFieldsEntry } from "./managed_fields.ts";
import type { Json } from "./path_element.ts";

type JsonObject = { [key: string]: Json };

// Shared lists by their text; cleared when full (creates move forward in time).
const MAX_SHARED = 4_096;
const shared = new Map<string, readonly ManagedFieldsEntry[]>();
// The first frozen list of each family (manager, kind, namespace, controller owner's kind and
// name); a full table stops taking new families (lists made since keep what they share).
const MAX_MODELS = 4_096;
const models = new Map<string, readonly ManagedFieldsEntry[]>();

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
  const family = familyOf(sent, request);
  const model = family === undefined ? undefined : models.get(family);
  const list = model === undefined
    ? entries
    : entries.map((entry, i) => shareEntry(model[i], entry));
  for (const entry of list) deepFreeze(entry as Json);
  Object.freeze(list);
  if (shared.size >= MAX_SHARED) shared.clear();
  shared.set(text, list);
  if (family !== undefined && model === undefined && models.size < MAX_MODELS) {
    models.set(family, list);
  }
  return list;
}

// Objects a controller makes (its controller ownerReference) in one namespace, by one manager.
function familyOf(sent: Json, request: FieldManagerRequest): string | undefined {
  const metadata = (sent as JsonObject | null)?.metadata as JsonObject | undefined;
  const owners = metadata?.ownerReferences;
  if (!Array.isArray(owners)) return undefined;
  const owner = owners.find((o) => (o as JsonObject | null)?.controller === true) as
    | JsonObject
    | undefined;
  if (owner === undefined) return undefined;
  return `${request.manager}\u0000${request.apiVersion}\u0000${(sent as JsonObject).kind}\u0000${
    metadata!.namespace
  }\u0000${owner.kind}/${owner.name}`;
}

// `entry` with the FieldsV1 parts it has alike with the model's entry at its place shared.
function shareEntry(
  model: ManagedFieldsEntry | undefined,
  entry: ManagedFieldsEntry,
): ManagedFieldsEntry {
  if (model?.fieldsV1 === undefined || entry.fieldsV1 === undefined) return entry;
  const fieldsV1 = shareFrom(model.fieldsV1, entry.fieldsV1);
  return fieldsV1 === entry.fieldsV1 ? entry : { ...entry, fieldsV1 };
}
