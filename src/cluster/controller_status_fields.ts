// managedFields of kube-controller-manager's status writes (ReplicaSet, Deployment, DaemonSet...).
//
// kube-controller-manager updates a workload's status through the status subresource: kube-apiserver
// records an `Update` entry of manager `kube-controller-manager`, subresource `status`, owning every
// status field it wrote. fkas's controllers are the only status writers, so that set is the status
// as written; its time moves only when the set changes (an unchanged set keeps its entry, as the
// field manager keeps an unchanged manager's time). Entries are sorted as kube-apiserver encodes
// them: operation, time, manager, apiVersion, subresource.

import {
  builtinType,
  type Json,
  managedFieldsAfterUpdate,
  type ManagedFieldsEntry,
  managedFieldsTime,
  TypedValueError,
} from "../api/apply/mod.ts";
import { builtinSchemas } from "../api/schema/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { KUBE_CONTROLLER_MANAGER } from "./controller_managed_fields.ts";

// FieldsV1 by status field set (its text), frozen and shared; cleared when full.
const MAX_SHARED = 1_024;
const fieldsByText = new Map<string, Json>();

/**
 * `previous`'s managedFields after kube-controller-manager writes `status` into it through the
 * status subresource at `now`; `previous`'s own list when the controller's set is unchanged, and
 * undefined for a kind without a built-in schema (the list is then left as it was).
 */
export function controllerStatusEntries(
  kubernetesVersion: string,
  resource: ResourceType,
  previous: KubeObject,
  status: unknown,
  now: Date,
): readonly ManagedFieldsEntry[] | undefined {
  if (resource.custom) return undefined;
  const type = builtinType(
    builtinSchemas(kubernetesVersion),
    resource.group,
    resource.version,
    resource.kind,
  );
  if (!type) return undefined;
  const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
  let fieldsV1: Json | undefined;
  try {
    // What an Update from the kind's zero status records: the status fields and the containers
    // it made (`.` of a new conditions list), as every status field is the controller's.
    const [entry] = managedFieldsAfterUpdate(
      { metadata: {}, status: {} },
      { metadata: {}, status: status as Json },
      { type, apiVersion, manager: KUBE_CONTROLLER_MANAGER, subresource: "status", now: 0 },
    );
    fieldsV1 = entry?.fieldsV1 === undefined ? undefined : shared(entry.fieldsV1);
  } catch (error) {
    // As kube-apiserver: a failed managedFields update leaves them as they were.
    if (error instanceof TypedValueError) return undefined;
    throw error;
  }
  const entries = (previous.metadata.managedFields ?? []) as readonly ManagedFieldsEntry[];
  const mine = (e: ManagedFieldsEntry) =>
    e.manager === KUBE_CONTROLLER_MANAGER && e.operation === "Update" &&
    e.subresource === "status" && e.apiVersion === apiVersion;
  const current = entries.find(mine);
  if (current === undefined ? fieldsV1 === undefined : sameFields(current.fieldsV1, fieldsV1)) {
    return entries;
  }
  const others = entries.filter((e) => !mine(e));
  if (fieldsV1 === undefined) return others;
  const entry: ManagedFieldsEntry = Object.freeze({
    manager: KUBE_CONTROLLER_MANAGER,
    operation: "Update",
    apiVersion,
    time: managedFieldsTime(now.getTime()),
    fieldsType: "FieldsV1",
    fieldsV1,
    subresource: "status",
  });
  return [...others, entry].sort(byEncodingOrder);
}

// Shared FieldsV1 are one object; a seeded entry's are equal in text.
function sameFields(a: Json | undefined, b: Json | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));
}

function shared(fieldsV1: Json): Json {
  const text = JSON.stringify(fieldsV1);
  let known = fieldsByText.get(text);
  if (known === undefined) {
    if (fieldsByText.size >= MAX_SHARED) fieldsByText.clear();
    fieldsByText.set(text, known = deepFreeze(fieldsV1));
  }
  return known;
}

function deepFreeze(value: Json): Json {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child as Json);
    Object.freeze(value);
  }
  return value;
}

function byEncodingOrder(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  return order(p.operation, q.operation) || order(p.time, q.time) ||
    order(p.manager, q.manager) || order(p.apiVersion, q.apiVersion) ||
    order(p.subresource, q.subresource);
}

function order(a: string | undefined, b: string | undefined): number {
  return (a ?? "") < (b ?? "") ? -1 : (a ?? "") > (b ?? "") ? 1 : 0;
}
