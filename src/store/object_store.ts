// The in-memory objects of one fake cluster: one resourceVersion counter, Maps per resource.

import { ChangeHistory, type ChangesSince } from "./change_history.ts";
import { createdMetadata, updatedMetadata } from "./created_metadata.ts";
import { deepEqual, equalButResourceVersion } from "./deep_equal.ts";
import { type KubeObject, kubeTimestamp, type ObjectMeta } from "./kube_object.ts";
import { ObjectCollection } from "./object_collection.ts";
import { SmallMap } from "./small_map.ts";
import { revisionText } from "./revision_text.ts";
import { shareWithSiblings } from "./sibling_sharing.ts";
import { StoreError } from "./store_error.ts";
import { SnapshotText } from "./snapshot_text.ts";
import { StoreBytes } from "./store_bytes.ts";

/** What the store needs from the outside world, passed in so tests are repeatable. */
export interface StoreEnvironment {
  now(): Date;
  newUid(): string;
  /** How many recent changes watches can resume from (default 1,000). */
  historyLimit?: number;
  /**
   * The bytes of stored objects past which a create or update (a client's or a controller's, not
   * a seeded object's) fails as etcd's does once its backend quota is exceeded
   * (`--quota-backend-bytes`); unset, no bound.
   */
  readonly byteLimit?: number;
}

/**
 * Gives an object about to be stored its final form (built-in kinds: Go field order, fields Go
 * always writes; see src/api/schema/go_shape.ts): `object` itself or a new object, never a mutated
 * one. What it shares with `previous` (the stored version) was shaped already.
 */
export type ObjectShaper = (
  resource: StoredResource,
  object: KubeObject,
  previous?: KubeObject,
) => KubeObject;

/** How a resource behaves in storage (from the resource catalog, not from HTTP). */
export interface StoredResource {
  /** Storage key of the resource: `pods`, `apps/deployments`. */
  readonly key: string;
  readonly namespaced: boolean;
  /** Whether `metadata.generation` counts spec changes (Deployment, Pod, custom resources). */
  readonly tracksGeneration: boolean;
  /**
   * Top-level fields whose changes do not count (custom resources: `metadata`, and `status` with a
   * status subresource); unset, only `spec` counts.
   */
  readonly generationIgnores?: readonly string[];
  /** Whether `spec.finalizers` also hold a deleted object back (namespaces). */
  readonly specFinalizers?: boolean;
}

/** A change the store made, in watch-event terms. */
export interface StoreChange {
  readonly type: "ADDED" | "MODIFIED" | "DELETED";
  /** Storage key of the resource (`pods`, `apps/deployments`). */
  readonly resource: string;
  /** Storage key of the object (`namespace/name`, or `name` when cluster-scoped). */
  readonly key: string;
  /** The object after the change (for DELETED: as last stored, with the deletion's resourceVersion). */
  readonly object: KubeObject;
  /** The object before a MODIFIED change, so watches can tell when it stops or starts matching. */
  readonly previous?: KubeObject;
  readonly resourceVersion: number;
}

/** A change made before, applied again on restart (from the journal): no listener hears it. */
export type ReplayedChange = Omit<StoreChange, "previous">;

/** The objects and the retained watch history of a store, as plain data (a journal snapshot);
 * `objects` holds only those the history does not end with. */
export interface StoreSnapshot {
  readonly revision: number;
  readonly objects: readonly {
    readonly resource: string;
    readonly key: string;
    readonly object: KubeObject;
  }[];
  /** The retained changes, oldest first; `previous` only where no earlier change holds it. */
  readonly history: readonly StoreChange[];
}

/** How to delete: preconditions, finalizers to add (GC policies), or keep until finalized (namespaces). */
export interface DeleteOptions {
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
  /** Finalizers the deletion adds, e.g. `foregroundDeletion` or `orphan`. */
  readonly addFinalizers?: readonly string[];
  /** Mark the object even without finalizers; a controller removes it later (namespaces). */
  readonly keepUntilFinalized?: boolean;
  /**
   * The `status.phase` the marking write sets (namespaces: `Terminating`, in the same update as
   * the deletionTimestamp, as the namespace registry's Delete does, with no grace period).
   */
  readonly markedPhase?: string;
  /** Compute the outcome without storing it or telling anyone (`?dryRun=All`). */
  readonly dryRun?: boolean;
  /** Delete gracefully (pods): see {@link GracefulDelete}. */
  readonly graceful?: GracefulDelete;
}

/**
 * A graceful delete as apiserver `rest.BeforeDelete` runs it for a registry whose strategy
 * supports grace periods: the request's `gracePeriodSeconds` (shortens a pending deletion, never
 * lengthens it) and the period the strategy's `CheckGracefulDelete` chose for a fresh one.
 */
export interface GracefulDelete {
  /** `DeleteOptions.gracePeriodSeconds` as sent (negative counts as 1). */
  readonly requested?: number;
  /** The grace period of a deletion not yet started; 0 marks and removes at once. */
  readonly period: number;
}

/** Options of create and update. */
export interface WriteOptions {
  /** Compute the stored object without storing it or telling anyone (`?dryRun=All`). */
  readonly dryRun?: boolean;
  /**
   * Serializes the object about to be stored, resourceVersion set; a throw refuses the write, so
   * an object that cannot be encoded never reaches a LIST or the watch history. Writers of
   * client-sent objects pass the encoder whose (cached) result their response reuses.
   */
  readonly encode?: (object: KubeObject) => unknown;
  /**
   * The uid a create stores (from `newUid`): kube-apiserver fills it before admission and the
   * registry strategy, which may name it (a Job's selector). A client-sent uid is never kept.
   */
  readonly uid?: string;
  /**
   * A create's object as shaped before (its top-level members): members that are still these
   * very values are not shaped again. The caller vouches nothing changed them in place since.
   */
  readonly shaped?: Readonly<Record<string, unknown>>;
  /**
   * An update past the registry strategy, which alone counts generations: `metadata.generation`
   * stays the stored one whatever changed (a Pod's binding sets `spec.nodeName` so).
   */
  readonly keepGeneration?: boolean;
  /**
   * An object fkas seeds (a cluster's boot, its nodes' own objects, their leases): counted as any
   * once the store counts (see `StoreBytes`), never refused, so a boot or a lease renewal cannot
   * fail. Every other write (a client's, a controller's, a binding) is refused past `byteLimit`,
   * as etcd takes kube-controller-manager's writes as any client's.
   */
  readonly seeded?: boolean;
}

/** What a delete did: removed the object now, or marked it (finalizers still pending). */
export interface DeleteOutcome {
  readonly object: KubeObject;
  readonly removed: boolean;
}

// Go's time.Time spans far more than a JavaScript Date; a grace period of billions of seconds
// must not make the timestamp unprintable (RangeError), so it stops at Date's range.
function boundedDate(milliseconds: number): Date {
  const limit = 8.64e15;
  return new Date(Math.max(-limit, Math.min(limit, milliseconds)));
}

/** Objects of one cluster, keyed by resource then `namespace/name`. */
export class ObjectStore {
  #revision = 0;
  #shape?: ObjectShaper;
  readonly #history: ChangeHistory;
  // By resource key, in the order first written: a cluster writes ~20 resources, so arrays up to
  // 32 and a Map beyond (SmallMap); collections are never removed.
  readonly #collections = new SmallMap<ObjectCollection>(32);
  readonly #listeners = new Set<(change: StoreChange) => void>();
  // A restored snapshot not parsed yet and the journal changes after it (see `restore`), and what
  // runs once they are read.
  #unread?: { readonly text: SnapshotText; readonly changes: ReplayedChange[] };
  #onRead: (() => void)[] = [];
  readonly #bytes: StoreBytes;

  constructor(private readonly environment: StoreEnvironment) {
    this.#history = new ChangeHistory(environment.historyLimit ?? 1000);
    this.#bytes = new StoreBytes(environment.byteLimit);
  }

  /** The latest resourceVersion as a number. */
  get revision(): number {
    if (this.#unread) this.#read();
    return this.#revision;
  }

  /**
   * The bytes the stored objects count against `byteLimit` (see `StoreBytes`); reading it
   * measures a store not measured yet, which then counts every write as after a client's.
   */
  get bytes(): number {
    if (this.#unread) this.#read();
    if (this.#bytes.unmeasured) this.#bytes.measure(this.#objects());
    return this.#bytes.total;
  }

  /** Changes after `resourceVersion`, or expired when the history no longer reaches back that far. */
  changesSince(resourceVersion: number): ChangesSince {
    if (this.#unread) this.#read();
    return this.#history.since(resourceVersion, this.#revision);
  }

  /** The oldest resourceVersion a watch can still resume from. */
  get oldestResumableRevision(): number {
    if (this.#unread) this.#read();
    return this.#history.oldestResumable(this.#revision);
  }

  /** Storage keys of every resource that has (or had) objects. */
  resourceKeys(): string[] {
    if (this.#unread) this.#read();
    return this.#collections.keys();
  }

  /** The resourceVersion of the latest write, as the decimal string clients see. */
  get resourceVersion(): string {
    if (this.#unread) this.#read();
    return String(this.#revision);
  }

  /** Subscribes to every change; returns the unsubscribe function. */
  onChange(listener: (change: StoreChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The object, or undefined when absent. */
  get(
    resource: StoredResource,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    if (this.#unread) this.#read();
    return this.#collections.get(resource.key)?.get(objectKey(resource, namespace, name));
  }

  /** How many objects of a resource are stored (all namespaces), without listing them. */
  count(resource: StoredResource): number {
    if (this.#unread) this.#read();
    return this.#collections.get(resource.key)?.size ?? 0;
  }

  /** Objects of a resource in storage-key order (namespace, then name); all namespaces if none given. */
  list(resource: StoredResource, namespace?: string): KubeObject[] {
    if (this.#unread) this.#read();
    const collection = this.#collections.get(resource.key);
    if (!collection) return [];
    return collection.list(resource.namespaced && namespace !== undefined ? `${namespace}/` : "");
  }

  /**
   * Objects of a resource as they were at `revision` (storage-key order), rebuilt from the change
   * history; undefined when the history no longer reaches back that far (410 for the caller).
   */
  listAt(
    resource: StoredResource,
    namespace: string | undefined,
    revision: number,
  ): KubeObject[] | undefined {
    if (this.#unread) this.#read();
    if (revision >= this.#revision) return this.list(resource, namespace);
    const since = this.#history.since(revision, this.#revision);
    if ("expired" in since) return undefined;
    const state = new Map<string, KubeObject>();
    for (const object of this.list(resource, namespace)) {
      state.set(storageKeyOf(resource, object), object);
    }
    // Undo the newer changes, newest first: what an object was before its first later change.
    for (const change of [...since.changes].reverse()) {
      if (change.resource !== resource.key) continue;
      const object = change.type === "ADDED" ? change.object : change.previous ?? change.object;
      if (
        resource.namespaced && namespace !== undefined && object.metadata.namespace !== namespace
      ) continue;
      const key = storageKeyOf(resource, object);
      if (change.type === "ADDED") state.delete(key);
      else state.set(key, change.previous!);
    }
    return [...state.keys()].sort().map((key) => state.get(key)!);
  }

  /** Shapes every object a create or update stores from now on (the cluster's release decides). */
  shapeWith(shaper: ObjectShaper): void {
    this.#shape = shaper;
  }

  /** A fresh uid from the store's environment, for a create that needs it early (`WriteOptions.uid`). */
  newUid(): string {
    return this.environment.newUid();
  }

  /** Stores a new object; fills uid, creationTimestamp, resourceVersion and generation. */
  create(resource: StoredResource, object: KubeObject, options: WriteOptions = {}): KubeObject {
    if (this.#unread) this.#read();
    const { name, namespace } = identity(resource, object);
    const key = objectKey(resource, namespace, name);
    const collection = this.#collection(resource.key);
    if (collection.has(key)) {
      throw new StoreError(
        "AlreadyExists",
        resource.key,
        name,
        `${resource.key} "${name}" already exists`,
      );
    }
    // The resourceVersion is a placeholder (none for a dry run): #commit sets it in its place.
    const metadata = createdMetadata(object.metadata, {
      uid: options.uid ?? this.environment.newUid(),
      resourceVersion: "",
      generation: resource.tracksGeneration ? 1 : undefined,
      creationTimestamp: kubeTimestamp(this.environment.now()),
    });
    const shaped = options.shaped as KubeObject | undefined;
    if (options.dryRun) {
      delete metadata.resourceVersion;
      return this.#shaped(resource, { ...object, metadata }, shaped);
    }
    // A controller's pods share what they have alike (issue 17's memory per pod).
    const stored = shareWithSiblings(
      resource.key,
      this.#shaped(resource, { ...object, metadata }, shaped),
    );
    return this.#commit(resource, key, stored, "ADDED", undefined, options);
  }

  /**
   * Replaces an object. A non-empty `metadata.resourceVersion` must equal the stored one (else
   * Conflict); an empty one means an unconditional update, as the apiserver allows. An object
   * being deleted whose last finalizer this update removes is removed.
   */
  update(resource: StoredResource, object: KubeObject, options: WriteOptions = {}): KubeObject {
    if (this.#unread) this.#read();
    const { name, namespace } = identity(resource, object);
    const key = objectKey(resource, namespace, name);
    const current = this.#collections.get(resource.key)?.get(key);
    if (!current) {
      throw new StoreError("NotFound", resource.key, name, `${resource.key} "${name}" not found`);
    }
    const expected = object.metadata.resourceVersion;
    if (expected && expected !== current.metadata.resourceVersion) {
      throw new StoreError(
        "Conflict",
        resource.key,
        name,
        `Operation cannot be fulfilled on ${resource.key} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    const deleting = current.metadata.deletionTimestamp;
    if (deleting) {
      // apimachinery ValidateNoNewFinalizers: a set difference, listed sorted (`sets.List`).
      const added = [...new Set(finalizers(object.metadata))]
        .filter((f) => !finalizers(current.metadata).includes(f)).sort();
      if (added.length > 0) {
        const detail =
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${
            added.map((f) => JSON.stringify(f)).join(", ")
          }}`;
        throw new StoreError(
          "Invalid",
          resource.key,
          name,
          `metadata.finalizers: Forbidden: ${detail}`,
          [{
            reason: "FieldValueForbidden",
            message: `Forbidden: ${detail}`,
            field: "metadata.finalizers",
          }],
        );
      }
    }
    let generation: number | undefined;
    if (resource.tracksGeneration && options.keepGeneration) {
      generation = current.metadata.generation ?? 1;
    } else if (resource.tracksGeneration) {
      const specChanged = resource.generationIgnores
        ? changedOutside(object, current, resource.generationIgnores)
        : !deepEqual(object.spec, current.spec);
      generation = (current.metadata.generation ?? 1) + (specChanged ? 1 : 0);
    }
    // The stored uid, creationTimestamp and deletion, the generation counted, the rest sent.
    const metadata = updatedMetadata(object.metadata, {
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
      deletion: deleting
        ? {
          timestamp: deleting,
          gracePeriodSeconds: current.metadata.deletionGracePeriodSeconds,
        }
        : undefined,
      generation,
    });
    const updated = this.#shaped(resource, { ...object, metadata }, current);
    // Like the apiserver, a write that changes nothing is not a write: same resourceVersion, no event.
    if (equalButResourceVersion(updated, current)) return current;
    const specFinalizers = resource.specFinalizers
      ? ((object.spec as { finalizers?: unknown[] } | undefined)?.finalizers ?? [])
      : [];
    if (options.dryRun) {
      return {
        ...updated,
        metadata: { ...updated.metadata, resourceVersion: current.metadata.resourceVersion },
      };
    }
    // registry.ShouldDeleteDuringUpdate: only an object whose delete has no grace period left;
    // a pod in its grace period stays (a kubelet or client may still update it).
    const grace = current.metadata.deletionGracePeriodSeconds;
    if (
      deleting && !grace && finalizers(metadata).length === 0 && specFinalizers.length === 0
    ) {
      return this.#remove(resource, key, updated, current);
    }
    return this.#commit(resource, key, updated, "MODIFIED", current, options);
  }

  /**
   * Deletes an object: removed at once without finalizers; otherwise marked with
   * `deletionTimestamp` and kept until its last finalizer is removed.
   */
  delete(
    resource: StoredResource,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): DeleteOutcome {
    if (this.#unread) this.#read();
    const preconditions = options.preconditions ?? {};
    const key = objectKey(resource, namespace, name);
    const current = this.#collections.get(resource.key)?.get(key);
    if (!current) {
      throw new StoreError("NotFound", resource.key, name, `${resource.key} "${name}" not found`);
    }
    for (const field of ["uid", "resourceVersion"] as const) {
      const wanted = preconditions[field];
      if (wanted && wanted !== current.metadata[field]) {
        throw new StoreError(
          "Conflict",
          resource.key,
          name,
          `Operation cannot be fulfilled on ${resource.key} "${name}": Precondition failed: ${
            field === "uid" ? "UID" : "ResourceVersion"
          } in precondition: ${wanted}, ${
            field === "uid" ? "UID" : "ResourceVersion"
          } in object meta: ${current.metadata[field] ?? ""}`,
        );
      }
    }
    const existing = finalizers(current.metadata);
    const added = (options.addFinalizers ?? []).filter((f) => !existing.includes(f));
    const graceful = options.graceful && this.#gracefulMark(current, options.graceful);
    if (graceful === "pending") return { object: current, removed: false };
    if (graceful) {
      return this.#deleteGracefully(
        resource,
        key,
        current,
        graceful,
        [...existing, ...added],
        options,
      );
    }
    if (existing.length === 0 && added.length === 0 && !options.keepUntilFinalized) {
      if (options.dryRun) return { object: current, removed: true };
      return { object: this.#remove(resource, key, current, current), removed: true };
    }
    if (current.metadata.deletionTimestamp && added.length === 0) {
      return { object: current, removed: false };
    }
    const marked = {
      ...current,
      metadata: {
        ...current.metadata,
        deletionTimestamp: current.metadata.deletionTimestamp ??
          kubeTimestamp(this.environment.now()),
        ...(options.markedPhase === undefined ? { deletionGracePeriodSeconds: 0 } : {}),
        ...(existing.length + added.length > 0 ? { finalizers: [...existing, ...added] } : {}),
      },
      ...(options.markedPhase === undefined
        ? {}
        : { status: { ...(current.status as object), phase: options.markedPhase } }),
    };
    const shaped = this.#shaped(resource, marked, current);
    if (options.dryRun) return { object: shaped, removed: false };
    return { object: this.#commit(resource, key, shaped, "MODIFIED", current), removed: false };
  }

  // rest.BeforeDelete's grace-period decision: the new deletionTimestamp and grace period,
  // "pending" when a deletion in progress keeps its (shorter or equal) period, or undefined when
  // a deletion in progress has none left (0 or unset: deleted as a non-graceful resource).
  #gracefulMark(
    current: KubeObject,
    graceful: GracefulDelete,
  ): { timestamp: number; seconds: number; fresh: boolean } | "pending" | undefined {
    const requested = graceful.requested !== undefined && graceful.requested < 0
      ? 1
      : graceful.requested;
    const { deletionTimestamp } = current.metadata;
    if (!deletionTimestamp) {
      const seconds = graceful.period < 0 ? 1 : graceful.period;
      return { timestamp: this.environment.now().getTime() + seconds * 1000, seconds, fresh: true };
    }
    let pending = current.metadata.deletionGracePeriodSeconds;
    if (pending === undefined || pending === 0) return undefined;
    if (pending < 0) pending = 1;
    if (requested === undefined || requested >= pending) return "pending";
    const since = Date.parse(deletionTimestamp);
    const start = Number.isNaN(since) ? this.environment.now().getTime() : since;
    return { timestamp: start + (requested - pending) * 1000, seconds: requested, fresh: false };
  }

  // Store.updateForGracefulDeletionAndFinalizers: one update sets the deletionTimestamp (now +
  // the period) and period, then a period of 0 without finalizers deletes: watchers see
  // MODIFIED then DELETED, and the answer is the last object stored.
  #deleteGracefully(
    resource: StoredResource,
    key: string,
    current: KubeObject,
    mark: { timestamp: number; seconds: number; fresh: boolean },
    finalizerList: readonly string[],
    options: DeleteOptions,
  ): DeleteOutcome {
    const generation = current.metadata.generation;
    const marked = {
      ...current,
      metadata: {
        ...current.metadata,
        deletionTimestamp: kubeTimestamp(boundedDate(mark.timestamp)),
        deletionGracePeriodSeconds: mark.seconds,
        ...(mark.fresh && generation !== undefined && generation > 0
          ? { generation: generation + 1 }
          : {}),
        ...(finalizerList.length > 0 ? { finalizers: [...finalizerList] } : {}),
      },
    };
    const shaped = this.#shaped(resource, marked, current);
    const removing = mark.seconds === 0 && finalizerList.length === 0;
    if (options.dryRun) return { object: shaped, removed: removing };
    const stored = this.#commit(resource, key, shaped, "MODIFIED", current);
    if (!removing) return { object: stored, removed: false };
    return { object: this.#remove(resource, key, stored, stored), removed: true };
  }

  #remove(
    resource: StoredResource,
    key: string,
    object: KubeObject,
    previous: KubeObject,
  ): KubeObject {
    this.#collections.get(resource.key)!.delete(key);
    this.#bytes.remove(previous);
    this.#revision++;
    const removed = {
      ...object,
      metadata: { ...object.metadata, resourceVersion: revisionText(this.#revision) },
    };
    this.#emit({
      type: "DELETED",
      resource: resource.key,
      key,
      object: removed,
      previous,
      resourceVersion: this.#revision,
    });
    return removed;
  }

  #shaped(resource: StoredResource, object: KubeObject, previous?: KubeObject): KubeObject {
    return this.#shape ? this.#shape(resource, object, previous) : object;
  }

  #commit(
    resource: StoredResource,
    key: string,
    object: KubeObject,
    type: "ADDED" | "MODIFIED",
    previous?: KubeObject,
    // Undefined: a deletion's marking, counted but never refused (it is how space is freed).
    options?: WriteOptions,
  ): KubeObject {
    object.metadata.resourceVersion = revisionText(this.#revision + 1);
    // Before anything changes: a throw leaves the store as it was.
    const encoded = options?.encode?.(object);
    // A client's first write has the store measured; until then nothing is counted.
    if (typeof encoded === "string" && this.#bytes.unmeasured) {
      this.#bytes.measure(this.#objects());
    }
    this.#bytes.write(
      resource.key,
      object,
      previous,
      encoded,
      options !== undefined && !options.seeded,
    );
    this.#revision++;
    this.#collection(resource.key).set(key, object);
    this.#emit({
      type,
      resource: resource.key,
      key,
      object,
      previous,
      resourceVersion: this.#revision,
    });
    return object;
  }

  // Every stored object, for StoreBytes to measure after a restore.
  *#objects(): Iterable<KubeObject> {
    for (const [, collection] of this.#collections.entries()) {
      for (const [, object] of collection.entries()) yield object;
    }
  }

  /**
   * Applies a change recorded earlier (journal replay), keeping its resourceVersion; listeners do
   * not hear it, since it is not happening now. Changes must come in resourceVersion order.
   */
  replay(change: ReplayedChange): void {
    const unread = this.#unread;
    if (unread) {
      // Kept for the read; their order is checked then against the snapshot's revision.
      unread.changes.push(change);
      return;
    }
    if (change.resourceVersion <= this.#revision) {
      throw new StoreError(
        "Invalid",
        change.resource,
        change.key,
        `Cannot replay resourceVersion ${change.resourceVersion}: the store is at ${this.#revision}`,
      );
    }
    const collection = this.#collection(change.resource);
    const previous = collection.get(change.key);
    this.#bytes.restored();
    if (change.type === "DELETED") collection.delete(change.key);
    else collection.set(change.key, change.object);
    this.#revision = change.resourceVersion;
    this.#history.record({ ...change, previous });
  }

  /**
   * The objects and retained history as plain data, for a journal snapshot. What the history
   * itself holds is left out: objects whose latest version is a retained change, and `previous`
   * when it is the object of an earlier retained change. `restore` derives both again.
   */
  snapshot(): StoreSnapshot {
    if (this.#unread) this.#read();
    return this.capture()() as StoreSnapshot;
  }

  /**
   * `snapshot` in two steps: the references, copied now (cheap: no keys built), and the snapshot
   * of that moment, built when called. Stored objects and history entries are replaced, never
   * changed in place, so later writes do not reach into what was captured.
   */
  capture(): () => StoreSnapshot | SnapshotText {
    // A snapshot never read, with nothing after it, is written again as the text it was.
    const unread = this.#unread;
    if (unread?.changes.length === 0) return () => unread.text;
    if (unread) this.#read();
    const revision = this.#revision;
    const retained = this.#history.retained();
    const collections = Array.from(
      this.#collections.entries(),
      ([resource, collection]) => [resource, collection.entries()] as const,
    );
    return () => snapshotOf(revision, retained, collections);
  }

  /**
   * Loads a snapshot into an empty store (start-up); journal changes after it follow by `replay`.
   * A snapshot still as text is parsed, and the changes replayed, on the store's first use (any
   * call but `onChange`, `shapeWith`, `newUid` and `whenRead`), before that call goes on.
   */
  restore(snapshot: StoreSnapshot | SnapshotText): void {
    if (this.#revision !== 0 || this.#unread) {
      throw new StoreError("Invalid", "", "", "Cannot restore a snapshot into a store in use");
    }
    if (snapshot instanceof SnapshotText) {
      this.#unread = { text: snapshot, changes: [] };
      return;
    }
    this.#restoreSnapshot(snapshot);
  }

  /**
   * Runs `task` once the store holds its objects: now, or right after a restored snapshot's text
   * is read (what reads every object on start, as controllers indexing them, waits for that).
   */
  whenRead(task: () => void): void {
    if (this.#unread) this.#onRead.push(task);
    else task();
  }

  /** Reads a restored snapshot's text now if it is still unread (see `restore`); whether it was. */
  read(): boolean {
    if (!this.#unread) return false;
    this.#read();
    return true;
  }

  // Parses the snapshot (a failure leaves it unread, so every call fails alike rather than
  // answer from an empty store), replays the changes after it, then runs `whenRead`'s tasks.
  #read(): void {
    const { text, changes } = this.#unread!;
    const snapshot = text.parse();
    // Each change's object first: a journal's is built when first read (src/journal/
    // derived_changes.ts) and throws there if damaged, which must leave the store unread rather
    // than half replayed.
    for (const change of changes) void change.object;
    this.#unread = undefined;
    this.#restoreSnapshot(snapshot);
    for (const change of changes) this.replay(change);
    const tasks = this.#onRead;
    this.#onRead = [];
    for (const task of tasks) task();
  }

  #restoreSnapshot(snapshot: StoreSnapshot): void {
    for (const { resource, key, object } of snapshot.objects) {
      this.#collection(resource).set(key, object);
    }
    for (const change of snapshot.history) {
      const collection = this.#collection(change.resource);
      const previous = change.previous ??
        (change.type === "ADDED" ? undefined : collection.get(change.key));
      if (change.type === "DELETED") collection.delete(change.key);
      else collection.set(change.key, change.object);
      this.#history.record({ ...change, previous });
    }
    this.#revision = snapshot.revision;
    this.#bytes.restored();
  }

  #collection(key: string): ObjectCollection {
    let collection = this.#collections.get(key);
    if (!collection) this.#collections.set(key, collection = new ObjectCollection());
    return collection;
  }

  #emit(change: StoreChange): void {
    this.#history.record(change);
    for (const listener of this.#listeners) listener(change);
  }
}

function snapshotOf(
  revision: number,
  retained: readonly StoreChange[],
  collections: readonly (readonly [string, readonly (readonly [string, KubeObject])[]])[],
): StoreSnapshot {
  const history: StoreChange[] = [];
  const latest = new Map<string, KubeObject>(); // `resource key` → object of its latest change
  for (const change of retained) {
    const at = `${change.resource} ${change.key}`;
    const derivable = change.previous === undefined || latest.get(at) === change.previous;
    history.push(derivable ? withoutPrevious(change) : change);
    if (change.type === "DELETED") latest.delete(at);
    else latest.set(at, change.object);
  }
  const objects = [];
  for (const [resource, collection] of collections) {
    for (const [key, object] of collection) {
      if (latest.get(`${resource} ${key}`) !== object) objects.push({ resource, key, object });
    }
  }
  return { revision, objects, history };
}

function withoutPrevious(change: StoreChange): StoreChange {
  const { previous: _, ...rest } = change;
  return rest;
}

function finalizers(metadata: ObjectMeta): string[] {
  return Array.isArray(metadata.finalizers) ? metadata.finalizers : [];
}

function identity(resource: StoredResource, object: KubeObject) {
  const name = object.metadata?.name;
  if (!name) throw new StoreError("Invalid", resource.key, "", "metadata.name: Required value");
  const namespace = object.metadata.namespace;
  if (resource.namespaced && !namespace) {
    throw new StoreError("Invalid", resource.key, name, "metadata.namespace: Required value");
  }
  return { name, namespace: resource.namespaced ? namespace : undefined };
}

function storageKeyOf(resource: StoredResource, object: KubeObject): string {
  return objectKey(resource, object.metadata.namespace, object.metadata.name ?? "");
}

function objectKey(resource: StoredResource, namespace: string | undefined, name: string): string {
  return resource.namespaced ? `${namespace ?? ""}/${name}` : name;
}

// apiextensions-apiserver pkg/registry/customresource/strategy.go `PrepareForUpdate`: a custom
// resource's generation counts every change but to metadata (and status, with a subresource).
function changedOutside(
  object: KubeObject,
  current: KubeObject,
  ignored: readonly string[],
): boolean {
  const a = object as unknown as Record<string, unknown>;
  const b = current as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (!ignored.includes(key) && !deepEqual(a[key], b[key])) return true;
  }
  return false;
}
