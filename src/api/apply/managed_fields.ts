// `metadata.managedFields` entries to managers and back, as kube-apiserver's managedfields/internal does it.
//
// A manager is identified by the JSON of its entry without time and fields (and without apiVersion
// for appliers), so writes merge per manager, operation, (apiVersion,) and subresource. Entries are
// written sorted: Apply before Update, then by time, manager, apiVersion and subresource.

import type { FieldSet } from "./field_set.ts";
import { decodeFieldsV1, fieldsV1Object } from "./fields_v1.ts";
import type { Json } from "./path_element.ts";
import { pathString } from "./path_element.ts";
import type { Conflict, Managers, ManagerSet } from "./updater.ts";
import { ownFieldsV1, ownManagedFields } from "./managed_fields_json.ts";

/** One `metav1.ManagedFieldsEntry`. */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: Json;
  subresource?: string;
}

/** Managers with the time of their last change (RFC 3339, seconds), by identifier. */
export interface DecodedManagedFields {
  readonly managers: Managers;
  readonly times: Map<string, string | undefined>;
}

/** A managedFields list that cannot be decoded (kube-apiserver then starts over from none). */
export class ManagedFieldsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ManagedFieldsError";
  }
}

/** The identifier of an entry's manager (`BuildManagerIdentifier`): Go's JSON of what identifies it. */
export function managerIdentifier(entry: {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  subresource?: string;
}): string {
  const manager = entry.manager ?? "";
  const operation = entry.operation ?? "";
  const apiVersion = entry.apiVersion && operation !== "Apply" ? entry.apiVersion : "";
  const subresource = entry.subresource ?? "";
  // Every write asks for its writer's identifier: the few managers, operations, versions and
  // subresources a cluster sees give back the text made the first time.
  let byManager = identifiers.get(manager);
  if (byManager === undefined) {
    byManager = new Map();
    if (identifiers.size >= KEPT_MANAGERS) identifiers.clear();
    identifiers.set(manager, byManager);
  }
  const rest = `${operation}\u0000${apiVersion}\u0000${subresource}`;
  let id = byManager.get(rest);
  if (id === undefined) {
    const fields: Record<string, string> = {};
    if (manager) fields.manager = manager;
    if (operation) fields.operation = operation;
    if (apiVersion) fields.apiVersion = apiVersion;
    if (subresource) fields.subresource = subresource;
    id = JSON.stringify(fields);
    if (byManager.size < KEPT_MANAGERS) byManager.set(rest, id);
  }
  return id;
}

// Manager names come from clients (fieldManager, User-Agent): the table starts over when full.
const identifiers = new Map<string, Map<string, string>>();
const KEPT_MANAGERS = 1024;

/** Whether a written list asks for a reset (`[]` or `[{}]`, `isResetManagedFields`). */
export function isResetManagedFields(entries: unknown): boolean {
  if (!Array.isArray(entries)) return false;
  if (entries.length === 0) return true;
  return entries.length === 1 && entries[0] !== null && typeof entries[0] === "object" &&
    Object.keys(entries[0]).length === 0;
}

// What a stored list decodes to, for lists this module encoded or decoded before: every write
// reads the live object's list, which is the list the write before it stored. Callers get copies
// of the maps (they change them); sets are immutable.
const decodedLists = new WeakMap<readonly ManagedFieldsEntry[], DecodedManagedFields>();
// The FieldsV1 object a set was encoded to, so an unchanged manager's entry is not built again
// (stored objects are never changed in place; a client's own object is never reused, as upstream
// always writes its canonical encoding).
const fieldsV1Of = new WeakMap<FieldSet, Json>();
// Lists `encodeManagedFields` (or `retimedEntries`) wrote: sorted, capped, stripped, one entry per
// manager, so a write that leaves every set as it was may start from them.
const encodedLists = new WeakSet<readonly ManagedFieldsEntry[]>();

/** The decoding of a list this module encoded (shared: not to be changed), else undefined. */
export function encodedDecoding(
  entries: readonly ManagedFieldsEntry[] | undefined,
): DecodedManagedFields | undefined {
  if (!entries || !encodedLists.has(entries)) return undefined;
  return decodedLists.get(entries) ?? decodeOwnList(entries);
}

/**
 * An encoded list with one manager's time set to `time` and every set as it was: the entries of
 * the other managers are shared, and the list is sorted again (the order follows times).
 */
export function retimedEntries(
  entries: readonly ManagedFieldsEntry[],
  decoded: DecodedManagedFields,
  id: string,
  time: string,
): ManagedFieldsEntry[] {
  const times = new Map(decoded.times);
  times.set(id, time);
  const manager = decoded.managers.get(id)!;
  const out = entries.map((entry) =>
    managerIdentifier(entry) === id ? encodeEntry(id, manager, time) : entry
  );
  out.sort(compareEntries);
  decodedLists.set(out, { managers: decoded.managers, times });
  encodedLists.add(out);
  ownManagedFields(out);
  return out;
}

/**
 * The one-entry list of a create whose FieldsV1 were written directly (`createdFieldsV1`): it
 * counts as encoded here, and its sets are decoded only when a later write asks for them.
 */
export function createdEntries(
  id: string,
  request: {
    readonly manager: string;
    readonly apiVersion: string;
    readonly subresource?: string;
    readonly now: number;
  },
  fieldsV1: Json,
): ManagedFieldsEntry[] {
  const entry: ManagedFieldsEntry = {};
  if (request.manager) entry.manager = request.manager;
  entry.operation = "Update";
  if (request.apiVersion) entry.apiVersion = request.apiVersion;
  entry.time = managedFieldsTime(request.now);
  entry.fieldsType = "FieldsV1";
  entry.fieldsV1 = fieldsV1;
  if (request.subresource) entry.subresource = request.subresource;
  const entries = [entry];
  lazyIds.set(entries, [id]);
  encodedLists.add(entries);
  ownFieldsV1(fieldsV1);
  ownManagedFields(entries);
  return entries;
}

// Identifiers of the entries of lists encoded without their sets (`createdEntries`).
const lazyIds = new WeakMap<readonly ManagedFieldsEntry[], readonly string[]>();

// The decoding of a list this module wrote without sets: each set keeps the entry's FieldsV1 object
// as its encoding (it is the canonical one).
function decodeOwnList(entries: readonly ManagedFieldsEntry[]): DecodedManagedFields | undefined {
  const ids = lazyIds.get(entries);
  if (!ids) return undefined;
  const managers: Managers = new Map();
  const times = new Map<string, string | undefined>();
  entries.forEach((entry, i) => {
    const set = decodeFieldsV1(entry.fieldsV1 ?? {});
    fieldsV1Of.set(set, entry.fieldsV1!);
    managers.set(ids[i], { set, apiVersion: entry.apiVersion ?? "", applied: false });
    times.set(ids[i], entry.time);
  });
  const decoded = { managers, times };
  decodedLists.set(entries, decoded);
  lazyIds.delete(entries);
  return decoded;
}

/** Decodes entries into managers (`DecodeManagedFields`); throws `ManagedFieldsError`. */
export function decodeManagedFields(
  entries: readonly ManagedFieldsEntry[] | undefined,
): DecodedManagedFields {
  const cached = entries && (decodedLists.get(entries) ?? decodeOwnList(entries));
  if (cached) return { managers: new Map(cached.managers), times: new Map(cached.times) };
  const managers: Managers = new Map();
  const times = new Map<string, string | undefined>();
  for (const entry of entries ?? []) {
    if (entry.fieldsType !== "FieldsV1") {
      throw new ManagedFieldsError(`invalid fieldsType "${entry.fieldsType ?? ""}"`);
    }
    const id = managerIdentifier(entry);
    let set;
    try {
      set = decodeFieldsV1(entry.fieldsV1 ?? {});
    } catch (error) {
      throw new ManagedFieldsError(`error decoding set: ${(error as Error).message}`, {
        cause: error,
      });
    }
    managers.set(id, {
      set,
      apiVersion: entry.apiVersion ?? "",
      applied: entry.operation === "Apply",
    });
    times.set(id, entry.time);
  }
  if (entries) decodedLists.set(entries, { managers: new Map(managers), times: new Map(times) });
  return { managers, times };
}

/** Encodes managers into sorted entries (`EncodeObjectManagedFields`); empty sets are left out. */
export function encodeManagedFields(
  managers: Managers,
  times: ReadonlyMap<string, string | undefined>,
): ManagedFieldsEntry[] {
  const entries: ManagedFieldsEntry[] = [];
  const kept: Managers = new Map();
  const keptTimes = new Map<string, string | undefined>();
  for (const [id, entry] of managers) {
    if (entry.set.empty()) continue;
    entries.push(encodeEntry(id, entry, times.get(id)));
    kept.set(id, entry);
    keptTimes.set(id, times.get(id));
  }
  entries.sort(compareEntries);
  decodedLists.set(entries, { managers: kept, times: keptTimes });
  encodedLists.add(entries);
  ownManagedFields(entries);
  return entries;
}

function encodeEntry(id: string, entry: ManagerSet, time: string | undefined): ManagedFieldsEntry {
  const parsed = JSON.parse(id) as Record<string, string>;
  const out: ManagedFieldsEntry = {};
  if (parsed.manager) out.manager = parsed.manager;
  out.operation = entry.applied ? "Apply" : "Update";
  if (entry.apiVersion) out.apiVersion = entry.apiVersion;
  if (time) out.time = time;
  out.fieldsType = "FieldsV1";
  let fields = fieldsV1Of.get(entry.set);
  if (fields === undefined) {
    fieldsV1Of.set(entry.set, fields = fieldsV1Object(entry.set));
    ownFieldsV1(fields);
  }
  out.fieldsV1 = fields;
  if (parsed.subresource) out.subresource = parsed.subresource;
  return out;
}

function seconds(time: string | undefined): number {
  const ms = time ? Date.parse(time) : NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

function compareEntries(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  const by = (a = "", b = "") => a < b ? -1 : a > b ? 1 : 0;
  return by(p.operation, q.operation) || Math.sign(seconds(p.time) - seconds(q.time)) ||
    by(p.manager, q.manager) || by(p.apiVersion, q.apiVersion) || by(p.subresource, q.subresource);
}

/** A time as managedFields carry it: RFC 3339 in UTC, whole seconds. */
export function managedFieldsTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  // Writes come many to a second: the last second's text is kept.
  if (second !== lastSecond) {
    lastSecond = second;
    lastTime = new Date(second * 1000).toISOString().replace(".000Z", "Z");
  }
  return lastTime;
}

let lastSecond = NaN;
let lastTime = "";

/** kube-apiserver's cap on Update managers (`DefaultMaxUpdateManagers`). */
export const MAX_UPDATE_MANAGERS = 10;
/** The bucket manager older updates merge into (`ancient-changes`). */
export const ANCIENT_CHANGES = "ancient-changes";

/**
 * Merges the oldest Update managers into per-version `ancient-changes` buckets until at most
 * `MAX_UPDATE_MANAGERS` remain (`capManagersManager`). Modifies the maps given.
 */
export function capUpdateManagers(
  managers: Managers,
  times: Map<string, string | undefined>,
  max = MAX_UPDATE_MANAGERS,
): void {
  const updaters = [...managers.entries()].filter(([, e]) => !e.applied).map(([id]) => id);
  if (updaters.length <= max) return;
  updaters.sort((a, b) =>
    Math.sign(seconds(times.get(a)) - seconds(times.get(b))) || (a < b ? -1 : a > b ? 1 : 0)
  );
  const firstOfVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > max; i++) {
    const id = updaters[i];
    const entry = managers.get(id)!;
    const time = times.get(id);
    const version = entry.apiVersion;
    const bucket = managerIdentifier({
      manager: ANCIENT_CHANGES,
      operation: "Update",
      apiVersion: version,
    });
    const first = firstOfVersion.get(version);
    if (first === undefined) {
      firstOfVersion.set(version, id);
      continue;
    }
    if (!managers.has(bucket)) {
      managers.set(bucket, managers.get(first)!);
      managers.delete(first);
    }
    managers.set(bucket, {
      set: entry.set.union(managers.get(bucket)!.set),
      apiVersion: entry.apiVersion,
      applied: entry.applied,
    });
    managers.delete(id);
    length--;
    times.set(bucket, time);
  }
}

/** How kube-apiserver names a manager in conflict messages (`printManager`). */
export function printManager(id: string): string {
  let entry: ManagedFieldsEntry;
  try {
    entry = JSON.parse(id);
  } catch {
    return JSON.stringify(id);
  }
  let text = JSON.stringify(entry.manager ?? "");
  if (entry.subresource) text = `${text} with subresource ${JSON.stringify(entry.subresource)}`;
  if (entry.operation === "Update") {
    return entry.time === undefined
      ? `${text} using ${entry.apiVersion ?? ""}`
      : `${text} using ${entry.apiVersion ?? ""} at ${entry.time}`;
  }
  return text;
}

/** The 409 an apply conflict answers with: message and one `FieldManagerConflict` cause per field. */
export function conflictStatus(conflicts: readonly Conflict[]): {
  message: string;
  causes: { reason: string; message: string; field: string }[];
} {
  const causes = conflicts.map((c) => ({
    reason: "FieldManagerConflict",
    message: `conflict with ${printManager(c.manager)}`,
    field: pathString(c.path),
  }));
  if (conflicts.length === 1) {
    const c = conflicts[0];
    return {
      message: `Apply failed with 1 conflict: conflict with ${printManager(c.manager)}: ${
        pathString(c.path)
      }`,
      causes,
    };
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const list = byManager.get(c.manager) ?? [];
    list.push(pathString(c.path));
    byManager.set(c.manager, list);
  }
  const lines: string[] = [];
  for (const manager of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${printManager(manager)}:`);
    for (const path of byManager.get(manager)!) lines.push(`- ${path}`);
  }
  return {
    message: `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`,
    causes,
  };
}
