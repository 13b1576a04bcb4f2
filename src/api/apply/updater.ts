// Update and apply over managers' field sets, as structured-merge-diff's merge.Updater (one API version).
//
// `update` records a non-apply write: whatever the write added or modified moves to the writing
// manager, removed fields leave every manager. `apply` merges a configuration, gives the applier
// exactly the fields it applied, prunes what it applied before and no one owns any more, and
// fails with conflicts when it would change another manager's field (unless forced).

import { FieldSet } from "./field_set.ts";
import { equalValues, fieldElement, type Json, type PathElement } from "./path_element.ts";
import { compare, type Comparison } from "./compare.ts";
import { merge } from "./merge.ts";
import { ensureNamedFieldsAreMembers, removeItems } from "./remove.ts";
import { toFieldSet } from "./to_field_set.ts";
import type { TypeRef } from "./types.ts";

/** One manager's fields: the set, the API version it was written at, and whether by apply. */
export interface ManagerSet {
  readonly set: FieldSet;
  readonly apiVersion: string;
  readonly applied: boolean;
}

/** Managers by identifier (kube-apiserver's JSON identifier of manager, operation, …). */
export type Managers = Map<string, ManagerSet>;

/** One field another manager owns that an apply would change. */
export interface Conflict {
  readonly manager: string;
  readonly path: readonly PathElement[];
}

/** Apply conflicts (`merge.Conflicts`): managers sorted, paths in set order. */
export class ConflictError extends Error {
  readonly conflicts: readonly Conflict[];
  constructor(conflicts: readonly Conflict[]) {
    super(`${conflicts.length} apply conflict(s)`);
    this.name = "ConflictError";
    this.conflicts = conflicts;
  }
}

/** Options of the updater: fields it never tracks (the reset fields of a resource or subresource). */
export interface UpdaterOptions {
  /** Paths excluded with everything below them (`status` for a main resource). */
  readonly ignored?: FieldSet;
}

/**
 * A non-apply write (`Updater.Update`): the managers after `manager` wrote `newObject` over
 * `liveObject` at `apiVersion`. The input map is not modified. `compared` is the objects'
 * `compareForUpdate`, when the caller has it already.
 */
export function update(
  type: TypeRef,
  liveObject: Json | undefined,
  newObject: Json,
  apiVersion: string,
  managers: Managers,
  manager: string,
  options: UpdaterOptions = {},
  compared?: Comparison,
): Managers {
  const { managers: out, comparison } = updateManagers(
    type,
    liveObject,
    newObject,
    managers,
    manager,
    true,
    options,
    compared,
  );
  const previous = out.get(manager)?.set ?? new FieldSet();
  let set = previous.difference(comparison.removed).union(comparison.modified).union(
    comparison.added,
  );
  if (options.ignored) set = excludePrefixes(set, options.ignored);
  if (set.empty()) out.delete(manager);
  else out.set(manager, { set, apiVersion, applied: false });
  return out;
}

/** The result of an apply: the new object (undefined when nothing changed) and the managers. */
export interface ApplyResult {
  readonly object: Json | undefined;
  readonly managers: Managers;
}

/**
 * An apply (`Updater.Apply`): `config` merged into `liveObject` (undefined when creating) by
 * `manager`; throws `ConflictError` unless `force`. The input map is not modified.
 */
export function apply(
  type: TypeRef,
  liveObject: Json | undefined,
  config: Json,
  apiVersion: string,
  managers: Managers,
  manager: string,
  force: boolean,
  options: UpdaterOptions = {},
): ApplyResult {
  let merged: Json = merge(type, liveObject, config) ?? {};
  const lastSet = managers.get(manager);
  let set = toFieldSet(type, config);
  if (options.ignored) set = excludePrefixes(set, options.ignored);
  const withApplied = new Map(managers);
  withApplied.set(manager, { set, apiVersion, applied: true });
  // Re-applying a configuration that still holds every field applied before (the usual
  // `kubectl apply` of an edited value) prunes nothing: whatever the last apply set is owned again
  // by this one, so addBackOwnedItems restores all that prune removed. Three walks of the object
  // are spared.
  if (lastSet && !lastSet.set.difference(set).empty()) {
    merged = prune(type, merged, withApplied, lastSet);
  }
  const { managers: out } = updateManagers(
    type,
    liveObject,
    merged,
    withApplied,
    manager,
    force,
    options,
  );
  const unchanged = liveObject !== undefined && equalValues(liveObject, merged);
  return { object: unchanged ? undefined : merged, managers: out };
}

function updateManagers(
  type: TypeRef,
  oldObject: Json | undefined,
  newObject: Json,
  managers: Managers,
  workflow: string,
  force: boolean,
  options: UpdaterOptions,
  compared?: Comparison,
): { managers: Managers; comparison: Comparison } {
  const comparison = compared ?? compareForUpdate(type, oldObject, newObject, options);
  const changed = comparison.modified.union(comparison.added);
  const conflicts = new Map<string, FieldSet>();
  for (const [id, entry] of managers) {
    if (id === workflow) continue;
    const conflict = entry.set.intersection(changed);
    if (!conflict.empty()) conflicts.set(id, conflict);
  }
  if (!force && conflicts.size > 0) {
    const list: Conflict[] = [];
    for (const id of [...conflicts.keys()].sort()) {
      for (const path of conflicts.get(id)!.paths()) list.push({ manager: id, path });
    }
    throw new ConflictError(list);
  }
  const out: Managers = new Map();
  for (const [id, entry] of managers) {
    let set = entry.set;
    if (id !== workflow) {
      const conflict = conflicts.get(id);
      if (conflict) set = set.difference(conflict);
      set = set.difference(comparison.removed);
    }
    if (id === workflow || !set.empty()) out.set(id, set === entry.set ? entry : { ...entry, set });
  }
  const own = out.get(workflow);
  if (own && own.set.empty()) out.delete(workflow);
  return { managers: out, comparison };
}

/**
 * What a write changed, without the fields the updater never tracks (`options.ignored`).
 * `withManagedFields`: the objects still carry `metadata.managedFields`, compared as if they
 * did not (the field manager's `managedFields` are taken off both objects before comparing).
 */
export function compareForUpdate(
  type: TypeRef,
  oldObject: Json | undefined,
  newObject: Json,
  options: UpdaterOptions,
  withManagedFields = false,
): Comparison {
  // Reset fields (a whole `status`) are not even walked: they would be excluded below anyway.
  const comparison = compare(
    type,
    oldObject,
    newObject,
    skippedMembers(options.ignored, withManagedFields),
  );
  // Ignored top-level fields were taken off both objects: only deeper ones need excluding.
  if (!options.ignored || options.ignored.children.length === 0) return comparison;
  const ignored = options.ignored;
  return {
    added: excludePrefixes(comparison.added, ignored),
    modified: excludePrefixes(comparison.modified, ignored),
    removed: excludePrefixes(comparison.removed, ignored),
  };
}

// Updater.prune with addBackOwnedItems and addBackDanglingItems, all at one version.
function prune(
  type: TypeRef,
  merged: Json,
  managers: Managers,
  lastSet: ManagerSet | undefined,
): Json {
  if (!lastSet || lastSet.set.empty()) return merged;
  const ensure = (set: FieldSet) => ensureNamedFieldsAreMembers(type, set);
  const last = ensure(lastSet.set);
  const pruned0 = removeItems(type, merged, last);
  let managed = new FieldSet();
  for (const entry of managers.values()) managed = managed.union(entry.set);
  const mergedSet = ensure(toFieldSet(type, merged));
  const pruned0Set = ensure(toFieldSet(type, pruned0));
  const pruned1 = removeItems(
    type,
    merged,
    mergedSet.difference(pruned0Set.union(ensure(managed))),
  );
  const pruned1Set = ensure(toFieldSet(type, pruned1));
  return removeItems(type, merged, mergedSet.difference(pruned1Set).intersection(last));
}

/** The set without the paths that have a member of `exclude` as prefix (`RecursiveDifference`). */
export function excludePrefixes(set: FieldSet, exclude: FieldSet): FieldSet {
  if (exclude.empty()) return set;
  const members = set.members.filter((pe) => !exclude.hasMember(pe));
  const children = [];
  for (const node of set.children) {
    if (exclude.hasMember(node.pe)) continue;
    const below = exclude.withPrefix(node.pe);
    const child = below ? excludePrefixes(node.set, below) : node.set;
    if (!child.empty()) children.push({ pe: node.pe, set: child });
  }
  return new FieldSet(members, children);
}

// What compareForUpdate leaves unwalked: the top-level members of `ignored`, and
// `metadata.managedFields` when asked; kept per `ignored` set (one per resource and subresource).
function skippedMembers(
  ignored: FieldSet | undefined,
  withManagedFields: boolean,
): FieldSet | undefined {
  if (!withManagedFields) return ignored && topLevel(ignored);
  const key = ignored ?? NO_IGNORED;
  let skip = skippedWithManagedFields.get(key);
  if (skip === undefined) {
    const members = ignored ? [...ignored.members] : [];
    const metadata = fieldElement("metadata");
    // Metadata ignored whole needs no managedFields child.
    const children = members.some((pe) => pe.s === metadata.s)
      ? []
      : [{ pe: metadata, set: new FieldSet([fieldElement("managedFields")], []) }];
    skippedWithManagedFields.set(key, skip = new FieldSet(members, children));
  }
  return skip;
}

const NO_IGNORED = new FieldSet();
const skippedWithManagedFields = new WeakMap<FieldSet, FieldSet>();
const topLevels = new WeakMap<FieldSet, FieldSet>();

function topLevel(ignored: FieldSet): FieldSet {
  let members = topLevels.get(ignored);
  if (members === undefined) {
    topLevels.set(ignored, members = new FieldSet([...ignored.members], []));
  }
  return members;
}
