// Derived change records: an object change journaled as its differences from an object journaled
// earlier in the same file, instead of the object's whole JSON.
//
// Creating a cluster journals ~85 objects (~120 KB of JSON): kube-apiserver's bootstrap objects,
// kubeadm's, the nodes, the static pods. Most of it is the same in every cluster of a release
// (activation makes those objects once and copies them, src/cluster/activation.ts), and what is
// not differs in a few values (names, uids, times, resourceVersions). Stringifying and parsing
// that JSON was most of what `--data-dir` added to creating a cluster, and most of a restart from
// a journal. A derived record names the earlier change record it derives from, by cluster,
// resource and key (the latest version of that object in the file), and holds the values that differ
// (`objectPatch`); replay applies them to that object (`DerivedResolver`).
//
// Which earlier object: a recent one journaled with the same resource and key (in its latest
// version: see `#remember`), where a key naming its own cluster matches the same key of any cluster (cluster c1's
// "kube-system/etcd-c1-cp-1" matches c7's "kube-system/etcd-c7-cp-1"): the same object of another
// cluster, or this object's previous version. The choice only sizes the patch; the patch is exact
// whatever it derives from.
// The file is the unit: a new journal (after a compaction) starts with no earlier objects, so
// every record resolves within its own file.

import type { DerivedRecordText } from "./derived_record_text.ts";
import type { JournalRecord } from "./journal_record.ts";
import { applyPatch, objectPatch, type PatchEntry } from "./object_patch.ts";
import { deepFreeze } from "../encoding/mod.ts";
import type { KubeObject, ReplayedChange } from "../store/mod.ts";

/** A derived record as the journal holds it (format version 6): replay resolves it to a change. */
export interface DerivedRecord {
  readonly t: "derived";
  readonly cluster: string;
  /** The change without its object. */
  readonly change: Omit<ReplayedChange, "object">;
  /** The cluster and key of the change record (of the same resource) the object derives from. */
  readonly from: readonly [cluster: string, key: string];
  readonly patch: readonly PatchEntry[];
}

// Objects remembered as templates at most; past it the table starts over (keys without end: pods
// of workloads, each with its own generated name).
const MAX_TEMPLATES = 8_192;

/** The writer's side: which objects of the current file a change can derive from. */
export class DerivedChanges {
  #templates = new Map<
    string,
    { readonly cluster: string; readonly key: string; readonly object: KubeObject; uses: number }
  >();

  /**
   * The JSON of `record` as a derived record, or undefined when it is to be written whole (no
   * earlier object to derive from, or no patch that JSON carries). Either way the record's
   * object is remembered for later changes to derive from: call it for every change record
   * written to the file, in order.
   */
  derive(cluster: string, change: ReplayedChange): string | undefined {
    const slot = `${change.resource} ${templateKey(cluster, change.key)}`;
    const template = this.#templates.get(slot);
    this.#remember(slot, cluster, change);
    if (template === undefined) return undefined;
    const patch = objectPatch(template.object, change.object);
    if (patch === undefined) return undefined;
    const { type, resource, key, resourceVersion } = change;
    // One JSON.stringify of the record (each call has a fixed cost: six calls on its parts and
    // their concatenation cost more than the patch's own encoding).
    const record: DerivedRecord = {
      t: "derived",
      cluster,
      change: { type, resource, key, resourceVersion },
      from: [template.cluster, template.key],
      patch,
    };
    return JSON.stringify(record);
  }

  /** Remembers a change record written whole by other means (its object's cached JSON). */
  written(cluster: string, change: ReplayedChange): void {
    this.#remember(`${change.resource} ${templateKey(cluster, change.key)}`, cluster, change);
  }

  /** A new file begins: nothing earlier can be derived from. */
  reset(): void {
    this.#templates = new Map();
  }

  // A slot keeps an object for `TEMPLATE_USES` later ones to derive from (its key lists and, on
  // replay, its frozen parts serve them all), then takes the next: objects made later differ in
  // more (their times), and a template of the last few keeps patches small. A template changed
  // itself is replaced at once, since the record then names its latest version.
  #remember(slot: string, cluster: string, change: ReplayedChange): void {
    const current = this.#templates.get(slot);
    if (
      current !== undefined && (current.cluster !== cluster || current.key !== change.key) &&
      ++current.uses < TEMPLATE_USES
    ) return;
    if (current === undefined && this.#templates.size >= MAX_TEMPLATES) this.reset();
    this.#templates.set(slot, { cluster, key: change.key, object: change.object, uses: 0 });
  }
}

// How many objects derive from one template before the next object takes its place.
const TEMPLATE_USES = 32;

// A key with the cluster's name (the part after `namespace/`) taken out where it stands as a
// word (between the key's ends, `/`, `-`, `.` and `:`), so that objects named after their cluster
// (its nodes, their static pods) meet their peers of other clusters.
function templateKey(cluster: string, key: string): string {
  const name = cluster.slice(cluster.indexOf("/") + 1);
  if (name.length === 0) return key;
  let out = "";
  let from = 0;
  for (let at = key.indexOf(name); at >= 0; at = key.indexOf(name, at + 1)) {
    const end = at + name.length;
    if (at < from || !isBoundary(key, at - 1) || !isBoundary(key, end)) continue;
    out += key.slice(from, at) + "\u0000";
    from = end;
  }
  return from === 0 ? key : out + key.slice(from);
}

function isBoundary(key: string, index: number): boolean {
  if (index < 0 || index >= key.length) return true;
  const char = key[index];
  return char === "/" || char === "-" || char === "." || char === ":";
}

/**
 * The reader's side, for one file: resolves derived records against the file's earlier changes.
 * What a record derives from is checked as it is read; its object is built on first access
 * (`change.object`), since a restart replays a store's changes only on its first use: patching
 * and freezing ~85 objects per cluster was a third of reading a journal before any listener.
 */
export class DerivedResolver {
  /**
   * `damaged` makes the error a patch that does not fit throws (`at`: the record's offset, as
   * passed to `resolve`). @default the TypeError itself
   */
  constructor(
    private readonly damaged: (cause: TypeError, at: number) => Error = (cause) => cause,
  ) {}

  // The latest change of each cluster, resource and key (nested: no key strings built per
  // record), with its pending derivation when it is a derived one.
  readonly #changes = new Map<string, Map<string, Map<string, Derivation | ReplayedChange>>>();

  /** Remembers a change record (every change record of the file, in order). */
  remember(cluster: string, change: ReplayedChange): void {
    this.#set(cluster, change.resource, change.key, change);
  }

  /**
   * The change record `record` stands for (and remembers it). Throws a TypeError when what it
   * derives from is not in the file before it. Its object is derived when first read; when the
   * patch does not fit, that read throws what `damaged` makes of the TypeError and `at`, every
   * time. A patch still as text (`derivedRecordText`) is parsed and checked then too.
   */
  resolve(record: DerivedRecord | DerivedRecordText, at = 0): JournalRecord {
    const [fromCluster, fromKey] = record.from;
    const { type, resource, key, resourceVersion } = record.change;
    const from = this.#changes.get(fromCluster)?.get(resource)?.get(fromKey);
    if (from === undefined) {
      throw new TypeError(`it derives from ${fromCluster} ${fromKey}, not journaled before it`);
    }
    const derivation: Derivation = {
      from,
      patch: record.patch,
      damaged: this.damaged,
      at,
      object: undefined,
    };
    // The key order of a change record's change, as JSON.parse would have made it.
    const change: ReplayedChange = {
      type,
      resource,
      key,
      resourceVersion,
      get object() {
        return derivation.object ?? derived(derivation);
      },
    };
    this.#set(record.cluster, resource, key, derivation);
    return { t: "change", cluster: record.cluster, change };
  }

  #set(cluster: string, resource: string, key: string, value: Derivation | ReplayedChange): void {
    let resources = this.#changes.get(cluster);
    if (!resources) this.#changes.set(cluster, resources = new Map());
    let changes = resources.get(resource);
    if (!changes) resources.set(resource, changes = new Map());
    changes.set(key, value);
  }
}

// A derived change's object to be: what it derives from (a change record's change, or another
// derivation), its patch (or the patch's JSON text, parsed when the object is built), how a patch that does not fit is reported (the file's one function,
// with the record's offset: no closure per record), and the object once built.
interface Derivation {
  readonly from: Derivation | ReplayedChange;
  readonly patch: readonly PatchEntry[] | string;
  readonly damaged: (cause: TypeError, at: number) => Error;
  readonly at: number;
  object: KubeObject | undefined;
}

function isDerivation(value: Derivation | ReplayedChange): value is Derivation {
  return "from" in value;
}

// Builds `derivation`'s object, and first those of the derivations it derives from that are not
// built yet, oldest first (a loop, not recursion: an object changed thousands of times derives
// from each of its versions in turn). A failure leaves them unbuilt: each read throws again.
function derived(derivation: Derivation): KubeObject {
  const chain: Derivation[] = [];
  for (
    let at: Derivation | ReplayedChange = derivation;
    isDerivation(at) && at.object === undefined;
    at = at.from
  ) chain.push(at);
  for (let i = chain.length - 1; i >= 0; i--) {
    const { from, patch, damaged, at } = chain[i];
    const template = isDerivation(from) ? from.object! : from.object;
    try {
      chain[i].object = derivedObject(template, typeof patch === "string" ? patchOf(patch) : patch);
    } catch (cause) {
      throw cause instanceof TypeError ? damaged(cause, at) : cause;
    }
  }
  return derivation.object!;
}

// `patch` applied to `template`. The parts the objects share are frozen: no write to one
// reaches the other (the store replaces objects, never changes them in place; shared parts of
// seeded objects are frozen alike, src/cluster/own_copy.ts). The object and its metadata stay
// each one's own.
function derivedObject(template: KubeObject, patch: readonly PatchEntry[]): KubeObject {
  const patched = applyPatch(frozenBelowMetadata(template), patch) as KubeObject;
  const object: KubeObject = patched === template
    ? { ...template, metadata: { ...template.metadata } }
    : patched.metadata === template.metadata
    ? { ...patched, metadata: { ...patched.metadata } }
    : patched;
  freezePatched(object, patch);
  return object;
}

// Objects whose every part but themselves and their metadata is frozen (see `frozenBelowMetadata`).
const frozenObjects = new WeakSet<object>();

// Freezes what an object shares with those derived from it: every member but the object and its
// metadata themselves (which `resolve` copies when a patch leaves them alike).
function frozenBelowMetadata(object: KubeObject): KubeObject {
  if (frozenObjects.has(object)) return object;
  const metadata = object.metadata as unknown;
  for (const key in object) {
    const value = (object as Record<string, unknown>)[key];
    if (value !== metadata) deepFreeze(value);
  }
  if (typeof metadata === "object" && metadata !== null) {
    for (const key in metadata) deepFreeze((metadata as Record<string, unknown>)[key]);
  }
  frozenObjects.add(object);
  return object;
}

// `frozenBelowMetadata` for an object just derived from a frozen one: only what the patch put in
// is new, the containers on its paths and its values, so only those are frozen (the object or its
// metadata replaced whole, rarely, are walked).
function freezePatched(object: KubeObject, patch: readonly PatchEntry[]): void {
  for (const [path] of patch) {
    if (path.length === 0 || (path.length === 1 && path[0] === "metadata")) return;
  }
  for (const [path, value] of patch) {
    let container = object as unknown as Record<string | number, unknown>;
    for (let i = 0; i < path.length - 1; i++) {
      container = container[path[i]] as Record<string | number, unknown>;
      if (i > 0 || path[0] !== "metadata") Object.freeze(container);
    }
    deepFreeze(value); // stops at parts shared with the object it was derived from
  }
  frozenObjects.add(object);
}

// A patch's JSON text parsed; a TypeError (reported as damage) when it is not a patch.
function patchOf(text: string): readonly PatchEntry[] {
  let patch: unknown;
  try {
    patch = JSON.parse(text);
  } catch (cause) {
    throw new TypeError(`its patch is not valid JSON`, { cause });
  }
  if (!isPatch(patch)) throw new TypeError("its patch is not a list of paths and values");
  return patch;
}

/** Whether a decoded JSON value has the shape of a derived record. */
export function isDerivedRecord(value: unknown): value is DerivedRecord {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Partial<Record<keyof DerivedRecord, unknown>>;
  const change = record.change as Record<string, unknown> | undefined;
  return record.t === "derived" && typeof record.cluster === "string" &&
    typeof change === "object" && change !== null && typeof change.resource === "string" &&
    typeof change.key === "string" && typeof change.resourceVersion === "number" &&
    Array.isArray(record.from) && record.from.length === 2 &&
    record.from.every((part) => typeof part === "string") && isPatch(record.patch);
}

function isPatch(value: unknown): value is PatchEntry[] {
  return Array.isArray(value) &&
    value.every((entry) =>
      Array.isArray(entry) && entry.length === 2 && Array.isArray(entry[0]) &&
      entry[0].every((part: unknown) => typeof part === "string" || typeof part === "number")
    );
}
