// A bounded log of a cluster's recent changes, so watches can resume from a resourceVersion.

import type { KubeObject } from "./kube_object.ts";
import type { StoreChange } from "./object_store.ts";

/** What a resume from a resourceVersion gets: the changes after it, or "expired" if they are gone. */
export type ChangesSince = { readonly changes: readonly StoreChange[] } | {
  readonly expired: true;
};

const TYPES = ["ADDED", "MODIFIED", "DELETED"] as const;
const NAME_KEY = 0; // `name` (cluster-scoped)
const NAMESPACED_KEY = 1; // `namespace/name`
const TYPE_CODES: Readonly<Record<StoreChange["type"], number>> = {
  ADDED: 0,
  MODIFIED: 1,
  DELETED: 2,
};

/**
 * Keeps the last `capacity` changes in a ring buffer that grows only as changes arrive. A change
 * is held as one slot in each of five arrays rather than as its own object: thousands of clusters
 * each retain hundreds of changes, and the arrays' 40 bytes a change are about half what an
 * object per change and its slot cost (and give the collector nothing to walk but the values).
 * Changes are rebuilt when read (watch resumes, snapshots), which is rare.
 */
export class ChangeHistory {
  // Grows to `capacity` before wrapping, so thousands of quiet clusters do not each hold a full ring.
  readonly #resources: string[] = [];
  // The storage key, or NAME_KEY / NAMESPACED_KEY when it is the one the object's metadata gives
  // (always, for the store's own writes): each write builds its key anew, and holding those
  // strings cost each cluster ~60 bytes per retained change.
  readonly #keys: (string | number)[] = [];
  readonly #objects: KubeObject[] = [];
  readonly #previous: (KubeObject | undefined)[] = [];
  // resourceVersion × 4 + type code: exact for any resourceVersion below 2^51.
  readonly #versions: number[] = [];
  #next = 0;
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  /** Records a change (changes arrive in resourceVersion order). */
  record(change: StoreChange): void {
    const version = change.resourceVersion * 4 + TYPE_CODES[change.type];
    if (this.#versions.length < this.#capacity) {
      this.#resources.push(change.resource);
      this.#keys.push(compactKey(change));
      this.#objects.push(change.object);
      this.#previous.push(change.previous);
      this.#versions.push(version);
      return;
    }
    const slot = this.#next;
    this.#resources[slot] = change.resource;
    this.#keys[slot] = compactKey(change);
    this.#objects[slot] = change.object;
    this.#previous[slot] = change.previous;
    this.#versions[slot] = version;
    this.#next = (slot + 1) % this.#capacity;
  }

  /** The oldest resourceVersion a resume can start from (changes after it are all retained). */
  oldestResumable(current: number): number {
    if (this.#versions.length < this.#capacity) return 0; // nothing has been dropped yet
    return Math.min(this.#resourceVersion(this.#next) - 1, current);
  }

  /** Every retained change, oldest first (what a snapshot keeps of the history). */
  retained(): StoreChange[] {
    const size = this.#versions.length;
    return Array.from({ length: size }, (_, i) => this.#change((this.#next + i) % size));
  }

  /** Changes with resourceVersion greater than `resourceVersion`, oldest first. */
  since(resourceVersion: number, current: number): ChangesSince {
    if (resourceVersion < this.oldestResumable(current)) return { expired: true };
    const changes: StoreChange[] = [];
    const size = this.#versions.length;
    for (let i = 0; i < size; i++) {
      const slot = (this.#next + i) % size;
      if (this.#resourceVersion(slot) > resourceVersion) changes.push(this.#change(slot));
    }
    return { changes };
  }

  #resourceVersion(slot: number): number {
    return Math.floor(this.#versions[slot] / 4);
  }

  #change(slot: number): StoreChange {
    const version = this.#versions[slot];
    const change = {
      type: TYPES[version % 4],
      resource: this.#resources[slot],
      key: keyOf(this.#keys[slot], this.#objects[slot]),
      object: this.#objects[slot],
      resourceVersion: Math.floor(version / 4),
    };
    const previous = this.#previous[slot];
    return previous === undefined ? change : { ...change, previous };
  }
}

function compactKey(change: StoreChange): string | number {
  const { key, object: { metadata } } = change;
  const name = metadata.name ?? "";
  if (key === name) return NAME_KEY;
  return key === `${metadata.namespace}/${name}` ? NAMESPACED_KEY : key;
}

function keyOf(key: string | number, object: KubeObject): string {
  if (typeof key === "string") return key;
  const name = object.metadata.name ?? "";
  return key === NAME_KEY ? name : `${object.metadata.namespace}/${name}`;
}
