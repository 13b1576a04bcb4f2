// Where each object of a cluster lives by uid, and which objects name it as their owner.

import { type KubeObject, SmallMap, type StoreChange } from "../store/mod.ts";
import { ownerReferencesOf } from "./metadata.ts";

/** Where one object is stored: resource storage key, namespace (none when cluster-scoped), name. */
export interface ObjectLocation {
  readonly uid: string;
  readonly resource: string;
  readonly namespace: string | undefined;
  readonly name: string;
}

/**
 * Locations by uid and dependents by owner uid, kept up to date from store changes. Only objects
 * the garbage collector looks up by uid are located: dependents (they have ownerReferences) and
 * objects with finalizers or being deleted (owners it releases). An owner is found from the
 * reference's kind and name (`ownerLocation`), so the many objects that are neither (a cluster's
 * seeded RBAC policy and APF configuration) cost the index nothing.
 */
export class ObjectIndex {
  // Each located object with the owner uids it names, in one table: a second one keyed by the
  // same uids cost every cluster its table again. Arrays up to 32 (a cluster's ~20 dependents),
  // where a Map of 17 to 64 entries costs 2.7 KB (SmallMap's figures).
  readonly #byUid = new SmallMap<Located>(32);
  // Dependents per owner uid: an array while few (a Node's mirror pods and Lease, a ReplicaSet's
  // two CoreDNS pods), since a Map with one entry costs 256 bytes and a cluster has a dozen
  // owners; a Map keyed by uid past SMALL_DEPENDENTS, so 10,000 replicas stay O(1) each. The
  // owners themselves in a SmallMap for the same reason.
  readonly #dependentsOf = new SmallMap<Dependents>();

  /** Records an object that exists now (initial sync, ADDED or MODIFIED). */
  put(resource: string, namespaced: boolean, object: KubeObject): void {
    const uid = object.metadata.uid;
    if (!uid) return;
    const references = ownerReferencesOf(object);
    const metadata = object.metadata;
    if (
      references.length === 0 && !metadata.deletionTimestamp && !metadata.finalizers?.length
    ) {
      this.remove(uid);
      return;
    }
    const owners: Owners = references.length === 0
      ? NO_OWNERS
      : references.length === 1
      ? references[0].uid
      : [...new Set(references.map((r) => r.uid))];
    const location: Located = {
      uid,
      resource,
      namespace: namespaced ? metadata.namespace : undefined,
      name: metadata.name ?? "",
      owners,
    };
    for (const owner of ownerList(this.#byUid.get(uid)?.owners ?? NO_OWNERS)) {
      if (!namesOwner(owners, owner)) this.#unlink(owner, uid);
    }
    this.#byUid.set(uid, location);
    for (const owner of ownerList(owners)) {
      const dependents = withDependent(this.#dependentsOf.get(owner), location);
      if (dependents) this.#dependentsOf.set(owner, dependents);
    }
  }

  /** Forgets a removed object; its dependents keep pointing at its uid until they change. */
  remove(uid: string): void {
    const located = this.#byUid.get(uid);
    if (located === undefined) return;
    this.#byUid.delete(uid);
    for (const owner of ownerList(located.owners)) this.#unlink(owner, uid);
  }

  /** Applies one store change. */
  observe(change: StoreChange, namespaced: boolean): void {
    if (change.type === "DELETED") this.remove(change.object.metadata.uid ?? "");
    else this.put(change.resource, namespaced, change.object);
  }

  /**
   * Where the object with this uid is stored, if it is a dependent, has finalizers or is being
   * deleted (what the garbage collector looks up by uid).
   */
  locate(uid: string): ObjectLocation | undefined {
    return this.#byUid.get(uid);
  }

  /** Objects whose ownerReferences name this uid. */
  dependentsOf(uid: string): ObjectLocation[] {
    const dependents = this.#dependentsOf.get(uid);
    if (dependents === undefined) return [];
    return Array.isArray(dependents) ? [...dependents] : [...dependents.values()];
  }

  #unlink(owner: string, dependent: string): void {
    const dependents = this.#dependentsOf.get(owner);
    if (dependents === undefined) return;
    if (!Array.isArray(dependents)) {
      dependents.delete(dependent);
      if (dependents.size === 0) this.#dependentsOf.delete(owner);
      return;
    }
    const at = dependents.findIndex((location) => location.uid === dependent);
    if (at >= 0) dependents.splice(at, 1);
    if (dependents.length === 0) this.#dependentsOf.delete(owner);
  }
}

// A location as the index holds it: with the owner uids the object names. Almost every dependent
// has one owner, held as the uid itself: an array of one per dependent was ~16 more heap cells
// per --workloads cluster for JavaScriptCore's full collections to visit (and a Set ~250 bytes).
interface Located extends ObjectLocation {
  readonly owners: Owners;
}

/** The owner uids of a dependent: one uid, or several (distinct, in their order). */
type Owners = string | readonly string[];

const NO_OWNERS: readonly string[] = Object.freeze([]);

// The uids as a list, without building one for the usual single owner.
function ownerList(owners: Owners): readonly string[] {
  return typeof owners === "string" ? [owners] : owners;
}

function namesOwner(owners: Owners, uid: string): boolean {
  return typeof owners === "string" ? owners === uid : owners.includes(uid);
}

type Dependents = ObjectLocation[] | Map<string, ObjectLocation>;

const SMALL_DEPENDENTS = 16;

// `dependents` with `location` in it (replacing the same uid's), or undefined when changed in place.
function withDependent(
  dependents: Dependents | undefined,
  location: ObjectLocation,
): Dependents | undefined {
  if (dependents === undefined) return [location];
  if (!Array.isArray(dependents)) {
    dependents.set(location.uid, location);
    return undefined;
  }
  const at = dependents.findIndex((known) => known.uid === location.uid);
  if (at >= 0) dependents[at] = location;
  else if (dependents.length < SMALL_DEPENDENTS) dependents.push(location);
  else {
    const byUid = new Map(dependents.map((known) => [known.uid, known]));
    return byUid.set(location.uid, location);
  }
  return undefined;
}
