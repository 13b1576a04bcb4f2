// The garbage collector of one fake cluster: cascades deletions along ownerReferences.

import { type KubeObject, podGracefulDelete, type StoreChange } from "../store/mod.ts";
import {
  type ControlledResource,
  type ControllerContext,
  currentObject,
} from "./controller_context.ts";
import {
  FOREGROUND,
  isDeletingWith,
  isRace,
  ORPHAN,
  ownerReferencesOf,
  withoutFinalizer,
  withoutOwners,
} from "./metadata.ts";
import { classifyOwner } from "./owner_references.ts";

const PODS = "pods";

/**
 * Background, foreground and orphan propagation, and collection of dependents whose owners never
 * existed, after upstream `pkg/controller/garbagecollector` (`attemptToDeleteItem`,
 * `processDeletingDependentsItem`, `attemptToOrphanWorker`).
 */
export class GarbageCollector {
  constructor(private readonly context: ControllerContext) {}

  /** Queues what an existing object calls for at start-up. */
  sync(object: KubeObject): void {
    const uid = object.metadata.uid;
    if (!uid) return;
    if (ownerReferencesOf(object).length > 0) this.#attemptToDelete(uid);
    if (isDeletingWith(object, ORPHAN) || isDeletingWith(object, FOREGROUND)) {
      this.#processOwner(uid);
    }
  }

  /** Queues the work a change calls for; the index must already have seen the change. */
  observe(change: StoreChange): void {
    const { object } = change;
    const uid = object.metadata.uid;
    if (!uid) return;
    const references = ownerReferencesOf(object);
    if (change.type === "DELETED") {
      for (const dependent of this.context.index.dependentsOf(uid)) {
        this.#attemptToDelete(dependent.uid);
      }
      for (const reference of references) this.#releaseIfWaiting(reference.uid);
      return;
    }
    const previous = change.type === "MODIFIED" ? change.previous : undefined;
    const before = previous ? ownerReferencesOf(previous) : [];
    if (references.length > 0 && (!previous || !sameJson(references, before))) {
      this.#attemptToDelete(uid);
    }
    // A dependent that dropped or unblocked a reference may release a foreground owner.
    for (const reference of before) {
      if (!references.some((r) => sameJson(r, reference))) this.#releaseIfWaiting(reference.uid);
    }
    const owning = isDeletingWith(object, ORPHAN) || isDeletingWith(object, FOREGROUND);
    if (
      owning && (!previous || !previous.metadata.deletionTimestamp ||
        !sameJson(previous.metadata.finalizers, object.metadata.finalizers))
    ) this.#processOwner(uid);
  }

  // Only an owner deleting in foreground waits for its dependents to change.
  #releaseIfWaiting(uid: string): void {
    const location = this.context.index.locate(uid);
    const owner = location && currentObject(this.context, location);
    if (owner && isDeletingWith(owner.object, FOREGROUND)) this.#processOwner(uid);
  }

  #attemptToDelete(uid: string): void {
    this.context.queue.add(`gc/dependent/${uid}`, () => this.#collect(uid));
  }

  #processOwner(uid: string): void {
    this.context.queue.add(`gc/owner/${uid}`, () => this.#release(uid));
  }

  // Upstream attemptToDeleteItem: delete the item once no owner holds it, else drop gone owners.
  #collect(uid: string): void {
    const { index, store } = this.context;
    const location = index.locate(uid);
    const current = location && currentObject(this.context, location);
    if (!location || !current) return;
    const { resource, object } = current;
    if (object.metadata.deletionTimestamp) {
      if (isDeletingWith(object, FOREGROUND)) this.#processOwner(uid);
      return;
    }
    const references = ownerReferencesOf(object);
    if (references.length === 0) return;
    const states = references.map((r) => classifyOwner(this.context, location, r));
    if (states.includes("unresolvable")) return;
    const gone = new Set(references.filter((_, i) => states[i] !== "solid").map((r) => r.uid));
    if (states.includes("solid")) {
      // Waiting owners are dropped too, or they would wait for this dependent forever.
      if (gone.size > 0) this.#write(() => store.update(resource, withoutOwners(object, gone)));
      return;
    }
    const foreground = states.includes("waiting") && index.dependentsOf(uid).length > 0;
    this.#write(() =>
      store.delete(resource, location.namespace, location.name, {
        preconditions: { uid },
        ...(foreground ? { addFinalizers: [FOREGROUND] } : {}),
        // Through the API: a pod a node runs gets its grace period, as any client's DELETE.
        ...(resource.key === PODS ? { graceful: podGracefulDelete(object, undefined) } : {}),
      })
    );
  }

  // Upstream attemptToOrphanWorker and processDeletingDependentsItem, for an owner being deleted.
  #release(uid: string): void {
    const { index, store } = this.context;
    const location = index.locate(uid);
    let owner = location && currentObject(this.context, location);
    if (!location || !owner?.object.metadata.deletionTimestamp) return;
    if (isDeletingWith(owner.object, ORPHAN)) {
      for (const dependent of index.dependentsOf(uid)) {
        const current = currentObject(this.context, dependent);
        if (!current) continue;
        this.#write(() =>
          store.update(current.resource, withoutOwners(current.object, new Set([uid])))
        );
      }
      this.#removeFinalizer(owner.resource, owner.object, ORPHAN);
      owner = currentObject(this.context, location);
      if (!owner) return;
    }
    if (!isDeletingWith(owner.object, FOREGROUND)) return;
    const dependents = index.dependentsOf(uid);
    const blocking = dependents.filter((dependent) => {
      const current = currentObject(this.context, dependent);
      return current &&
        ownerReferencesOf(current.object).some((r) =>
          r.uid === uid && r.blockOwnerDeletion === true
        );
    });
    if (blocking.length === 0) this.#removeFinalizer(owner.resource, owner.object, FOREGROUND);
    else for (const dependent of dependents) this.#attemptToDelete(dependent.uid);
  }

  #removeFinalizer(resource: ControlledResource, object: KubeObject, finalizer: string): void {
    this.#write(() => this.context.store.update(resource, withoutFinalizer(object, finalizer)));
  }

  // The object went away or changed meanwhile: the change that did it queues fresh work.
  #write(action: () => unknown): void {
    try {
      action();
    } catch (error) {
      if (!isRace(error)) throw error;
    }
  }
}

// An update mostly keeps its ownerReferences and finalizers as the very same values: no text.
function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
