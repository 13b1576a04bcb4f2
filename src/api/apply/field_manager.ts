// kube-apiserver's field manager over the updater: managedFields in and out of objects, times, caps, strip-meta.
//
// The layers of managedfields.NewDefaultFieldManager that matter for built-in and custom kinds:
// managedFields are taken off both objects before comparing; an update is recorded under a
// temporary manager and merged into the writer's entry (time set only when it took fields); an
// apply sets its time whenever the object changed; metadata the server owns is never tracked;
// at most ten Update managers are kept.

import type { FieldSet } from "./field_set.ts";
import {
  capUpdateManagers,
  createdEntries,
  type DecodedManagedFields,
  decodeManagedFields,
  encodeManagedFields,
  isResetManagedFields,
  type ManagedFieldsEntry,
  managedFieldsTime,
  managerIdentifier,
} from "./managed_fields.ts";
import { equalValues, goJson, type Json } from "./path_element.ts";
import type { TypeRef } from "./types.ts";
import { apply, compareForUpdate, ConflictError, update } from "./updater.ts";
import { ownedUpdate } from "./owned_update.ts";
import { stripMeta } from "./strip_meta.ts";
import { compare } from "./compare.ts";
import { toFieldSet } from "./to_field_set.ts";
import { createdFieldsV1 } from "./created_fields.ts";
import { isMap } from "./list_items.ts";

type JsonObject = { [key: string]: Json };

/** What every write tells the field manager. */
export interface FieldManagerRequest {
  /** The schema of the kind. */
  readonly type: TypeRef;
  /** The object's apiVersion (`apps/v1`). */
  readonly apiVersion: string;
  /** The manager name (`fieldManager`, or the User-Agent's product). */
  readonly manager: string;
  /** `status`, `scale`, or "" for the main resource. */
  readonly subresource?: string;
  /** The time of the write (ms since the epoch): passed in, never read here. */
  readonly now: number;
  /** Reset fields of the resource or subresource (`status` for the main resource), never tracked. */
  readonly ignored?: FieldSet;
}

function withoutManagedFields(object: Json | undefined): Json | undefined {
  if (object === null || typeof object !== "object" || Array.isArray(object)) return object;
  const meta = object.metadata;
  if (meta === null || typeof meta !== "object" || Array.isArray(meta)) return object;
  if (!Object.hasOwn(meta, "managedFields")) return object;
  const { managedFields: _, ...rest } = meta;
  return { ...object, metadata: rest };
}

function managedFieldsOf(object: Json | undefined): ManagedFieldsEntry[] | undefined {
  const meta = (object as JsonObject | undefined)?.metadata as JsonObject | undefined;
  const entries = meta?.managedFields;
  return Array.isArray(entries) ? entries as ManagedFieldsEntry[] : undefined;
}

function decodeOrEmpty(entries: ManagedFieldsEntry[] | undefined): DecodedManagedFields {
  try {
    return decodeManagedFields(entries);
  } catch {
    return { managers: new Map(), times: new Map() };
  }
}

// decodeLiveOrNew: a reset asks for none; an empty or broken list keeps the live object's.
function decodeLiveOrNew(live: Json | undefined, next: Json): DecodedManagedFields {
  const written = managedFieldsOf(next);
  if (written !== undefined && isResetManagedFields(written)) {
    return { managers: new Map(), times: new Map() };
  }
  const liveEntries = managedFieldsOf(live);
  // A client (or a patch) that sends the live list back unchanged: the live list's decoding,
  // which the last write left cached.
  if (written !== undefined && liveEntries !== undefined && written !== liveEntries) {
    if (equalValues(written as unknown as Json, liveEntries as unknown as Json)) {
      return decodeOrEmpty(liveEntries);
    }
  }
  try {
    const decoded = decodeManagedFields(written);
    if (decoded.managers.size > 0) return decoded;
  } catch {
    // fall through to the live object's entries
  }
  return decodeOrEmpty(liveEntries);
}

/**
 * The `managedFields` a non-apply write stores (`FieldManager.Update`): `next` written over `live`
 * (undefined on create; pass the kind's zero object for upstream's exact `.` markers). An empty
 * list means the object carries none (omitted, not `[]`).
 */
export function managedFieldsAfterUpdate(
  live: Json | undefined,
  next: Json,
  request: FieldManagerRequest,
): readonly ManagedFieldsEntry[] {
  const id = managerIdentifier({
    manager: request.manager,
    operation: "Update",
    apiVersion: request.apiVersion,
    subresource: request.subresource,
  });
  const options = { ignored: request.ignored };
  // Compared as if neither object had managedFields, without copies of both that lack them.
  const comparison = compareForUpdate(request.type, live ?? {}, next, options, true);
  // The live list stands (a write carrying no list, or the live one back): a write within the
  // writer's own fields keeps every set.
  const liveEntries = managedFieldsOf(live);
  const written = managedFieldsOf(next);
  if (
    liveEntries !== undefined &&
    (written === undefined || written === liveEntries ||
      equalValues(written as unknown as Json, liveEntries as unknown as Json))
  ) {
    const kept = ownedUpdate(liveEntries, comparison, id, stampedTime(request));
    if (kept) return kept;
  }
  const { managers, times } = decodeLiveOrNew(live, next);
  const current = "current-operation";
  let out = update(
    request.type,
    withoutManagedFields(live) ?? {},
    withoutManagedFields(next)!,
    request.apiVersion,
    managers,
    current,
    options,
    comparison,
  );
  out = stripMeta(out);
  const taken = out.get(current);
  if (taken) {
    out.delete(current);
    const previous = out.get(id);
    // A writer changing fields it already owns keeps its set (and its encoding) as it was.
    const set = !previous
      ? taken.set
      : taken.set.difference(previous.set).empty()
      ? previous.set
      : taken.set.union(previous.set);
    out.set(id, { ...taken, set });
    const time = stampedTime(request);
    if (time !== undefined) times.set(id, managedFieldsTime(time));
  }
  capUpdateManagers(out, times);
  return encodeManagedFields(out, times);
}

/**
 * The `managedFields` a create stores (`FieldManager.Update` over the kind's `zero` object, as
 * `managedFieldsAfterUpdate`): an object that brings no managedFields of its own has its entry
 * written in one walk; others take the full field manager.
 */
export function managedFieldsAfterCreate(
  zero: Json,
  next: Json,
  request: FieldManagerRequest,
): readonly ManagedFieldsEntry[] {
  const fields = isMap(zero) && isMap(next)
    ? createdFieldsV1(request.type, zero, next, request.ignored)
    : undefined;
  if (fields === undefined) return managedFieldsAfterUpdate(zero, next, request);
  if (fields === null) return [];
  const id = managerIdentifier({
    manager: request.manager,
    operation: "Update",
    apiVersion: request.apiVersion,
    subresource: request.subresource,
  });
  return createdEntries(id, request, fields);
}

/** What an apply stores: the object (with its managedFields) and whether it changed. */
export interface ApplyOutcome {
  readonly object: JsonObject;
  readonly changed: boolean;
}

/**
 * A server-side apply (`FieldManager.Apply`): `config` applied over `live` (undefined: the apply
 * creates). Throws `ConflictError` (from the updater) unless `force`.
 */
export function applyWithManagedFields(
  live: Json | undefined,
  config: JsonObject,
  request: FieldManagerRequest & { readonly force: boolean },
): ApplyOutcome {
  const { managers, times } = decodeOrEmpty(managedFieldsOf(live));
  const id = managerIdentifier({
    manager: request.manager,
    operation: "Apply",
    subresource: request.subresource,
  });
  const base = withoutManagedFields(live);
  const applied = withoutManagedFields(config)!;
  const run = (force: boolean) =>
    apply(request.type, base, applied, request.apiVersion, managers, id, force, {
      ignored: request.ignored,
    });
  let result;
  try {
    result = run(request.force);
  } catch (error) {
    // lastAppliedManager: kubectl's first server-side apply over a client-side applied object
    // takes, without conflict, the fields its last-applied annotation still describes.
    if (!(error instanceof ConflictError) || request.manager !== "kubectl") throw error;
    const allowed = allowedFromLastApplied(request, base);
    if (!allowed) throw error;
    const remaining = error.conflicts.filter((c) => !allowed.has(c.path));
    if (remaining.length > 0) throw new ConflictError(remaining);
    result = run(true);
  }
  const out = stripMeta(result.managers);
  if (result.object !== undefined) times.set(id, managedFieldsTime(request.now));
  capUpdateManagers(out, times);
  const object = (result.object ?? base ?? {}) as JsonObject;
  const meta = { ...(object.metadata as JsonObject | undefined) };
  // lastAppliedUpdater: kubectl's server-side applies keep an existing annotation in sync.
  const annotations = meta.annotations as JsonObject | undefined;
  if (request.manager === "kubectl" && typeof annotations?.[LAST_APPLIED] === "string") {
    meta.annotations = { ...annotations, [LAST_APPLIED]: lastAppliedOf(applied) };
  }
  const entries = encodeManagedFields(out, times);
  // An empty list is omitted, as Go's omitempty drops it.
  if (entries.length > 0) meta.managedFields = entries as unknown as Json;
  else delete meta.managedFields;
  return { object: { ...object, metadata: meta }, changed: result.object !== undefined };
}

/** kubectl's client-side apply annotation. */
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

// The fields the last-applied annotation describes and the live object still has as described
// (`allowedConflictsFromLastApplied`), or undefined when there is no usable annotation.
function allowedFromLastApplied(
  request: FieldManagerRequest,
  live: Json | undefined,
): FieldSet | undefined {
  const meta = (live as JsonObject | undefined)?.metadata as JsonObject | undefined;
  const text = (meta?.annotations as JsonObject | undefined)?.[LAST_APPLIED];
  if (typeof text !== "string" || text === "") return undefined;
  let last: Json;
  try {
    last = JSON.parse(text);
    if ((last as JsonObject)?.apiVersion !== request.apiVersion) return undefined;
    const comparison = compare(request.type, last, live);
    return toFieldSet(request.type, last).difference(comparison.modified)
      .difference(comparison.added).difference(comparison.removed);
  } catch {
    return undefined;
  }
}

// buildLastApplied: the applied configuration without the annotation itself, as Go marshals it.
function lastAppliedOf(config: Json): string {
  const object = { ...(config as JsonObject) };
  const meta = { ...(object.metadata as JsonObject | undefined) };
  const annotations = { ...(meta.annotations as JsonObject | undefined) };
  delete annotations[LAST_APPLIED];
  if (Object.keys(annotations).length > 0) meta.annotations = annotations;
  else delete meta.annotations;
  object.metadata = meta;
  return goJson(object);
}

// The time an Update entry is stamped with: none for the scale subresource, whose entries
// kube-apiserver's ScaleHandler rebuilds with the parent entry's time (none for a new writer).
function stampedTime(request: FieldManagerRequest): number | undefined {
  return request.subresource === "scale" ? undefined : request.now;
}
