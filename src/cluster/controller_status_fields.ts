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
import { builtinSchemas, goZeroObject } from "../api/schema/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import { deepFreeze } from "../encoding/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { KUBE_CONTROLLER_MANAGER } from "./controller_managed_fields.ts";

// FieldsV1 (null: none) by resource, release and status signature, frozen and shared; cleared
// when full.
const MAX_SHARED = 1_024;
const fieldsBySignature = new Map<string, Json | null>();

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
  const key = `${resource.key}\u0000${kubernetesVersion}\u0000${signature(status)}`;
  let fieldsV1 = fieldsBySignature.get(key);
  if (fieldsV1 === undefined) {
    try {
      // What an Update from the kind's Go zero status records: the status fields and the containers
      // it made (`.` of a new conditions list), as every status field is the controller's.
      const zero = goZeroObject(kubernetesVersion, resource);
      const [entry] = managedFieldsAfterUpdate(
        { metadata: {}, status: (zero?.status ?? {}) as Json },
        { metadata: {}, status: status as Json },
        { type, apiVersion, manager: KUBE_CONTROLLER_MANAGER, subresource: "status", now: 0 },
      );
      fieldsV1 = entry?.fieldsV1 === undefined ? null : deepFreeze(entry.fieldsV1);
    } catch (error) {
      // As kube-apiserver: a failed managedFields update leaves them as they were.
      if (error instanceof TypedValueError) return undefined;
      throw error;
    }
    if (fieldsBySignature.size >= MAX_SHARED) fieldsBySignature.clear();
    fieldsBySignature.set(key, fieldsV1);
  }
  if (fieldsV1 === null) fieldsV1 = undefined;
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
  const time = managedFieldsTime(now.getTime());
  const entryKey = `${apiVersion}\u0000${time}\u0000${idOf(fieldsV1 as object)}`;
  let entry = shared.get(entryKey)?.[0];
  if (entry === undefined) {
    entry = Object.freeze({
      manager: KUBE_CONTROLLER_MANAGER,
      operation: "Update",
      apiVersion,
      time,
      fieldsType: "FieldsV1",
      fieldsV1,
      subresource: "status",
    });
    remember(entryKey, [entry]);
  }
  const list = [...others, entry].sort(byEncodingOrder);
  const listKey = list.map(idOf).join(",");
  const known = shared.get(listKey);
  if (known !== undefined) return known;
  remember(listKey, Object.freeze(list));
  return list;
}

// Entries (by release, time and field set) and lists (by their entries) that status writes make
// alike, in one cluster and in every other writing in the same second: held once (~2 objects
// per write; a cluster's DaemonSet, Deployment and ReplicaSet write status a dozen times as it
// boots). Cleared when full; objects keep what they share.
const MAX_LISTS = 4_096;
const shared = new Map<string, readonly ManagedFieldsEntry[]>();
const ids = new WeakMap<object, number>();
let nextId = 0;

function idOf(value: object): number {
  let id = ids.get(value);
  if (id === undefined) ids.set(value, id = ++nextId);
  return id;
}

function remember(key: string, list: readonly ManagedFieldsEntry[]): void {
  if (shared.size >= MAX_LISTS) shared.clear();
  shared.set(key, list);
}

// Shared FieldsV1 are one object; a seeded entry's are equal in text.
function sameFields(a: Json | undefined, b: Json | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));
}

// What decides a status's field set, not its counts and times: its keys, the `type` of each list
// item (conditions are keyed by it) and the scalars of lists (set members are in FieldsV1).
function signature(value: unknown, inList = false, key = ""): string {
  if (value === null || typeof value !== "object") {
    return inList || key === "type" ? JSON.stringify(value) : "";
  }
  if (Array.isArray(value)) return `[${value.map((item) => signature(item, true)).join(",")}]`;
  let out = "{";
  for (const [k, v] of Object.entries(value)) out += `${k}:${signature(v, false, k)},`;
  return `${out}}`;
}

function byEncodingOrder(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  return order(p.operation, q.operation) || order(p.time, q.time) ||
    order(p.manager, q.manager) || order(p.apiVersion, q.apiVersion) ||
    order(p.subresource, q.subresource);
}

function order(a: string | undefined, b: string | undefined): number {
  return (a ?? "") < (b ?? "") ? -1 : (a ?? "") > (b ?? "") ? 1 : 0;
}
