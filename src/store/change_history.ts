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

// One change is five consecutive slots of a chunk: resourceVersion × 4 + type code (exact for any
// resourceVersion below 2^51), resource, key, object, previous. Chunks hold CHUNK changes each.
const STRIDE = 5;
const VERSION = 0;
const RESOURCE = 1;
const KEY = 2;
const OBJECT = 3;
const PREVIOUS = 4;
// 15 changes (75 slots, 624 bytes with the array) fill one of Bun's (JSC's) allocation size
// classes almost exactly; 16 would take 896 bytes.
const CHUNK = 15;

/**
 * Keeps the last `capacity` changes in a ring buffer that grows only as changes arrive. A change
 * is held as five slots of a chunk array rather than as its own object: thousands of clusters
 * each retain hundreds of changes, and 40 bytes a change are about half what an object per change
 * and its slot cost (and give the collector nothing to walk but the values). Chunks of CHUNK
 * changes are added as needed, never copied: an array grown by push about doubles its room, and
 * five such arrays held 9.0 KB for a `--workloads` cluster's 119 boot changes where the chunks
 * hold 5.0 KB. Changes are rebuilt when read (watch resumes, snapshots), which is rare.
 */
export class ChangeHistory {
  readonly #chunks: unknown[][] = [];
  // Changes held (up to `capacity`), and the slot of the oldest once the ring is full.
  #size = 0;
  #next = 0;
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  /** Records a change (changes arrive in resourceVersion order). */
  record(change: StoreChange): void {
    let slot: number;
    if (this.#size < this.#capacity) {
      slot = this.#size++;
      // Filled with undefined, not holes: a holey array is slower to read and write.
      if (slot % CHUNK === 0) {
        this.#chunks.push(new Array<unknown>(CHUNK * STRIDE).fill(undefined));
      }
    } else {
      slot = this.#next;
      this.#next = (slot + 1) % this.#capacity;
    }
    const chunk = this.#chunks[Math.floor(slot / CHUNK)];
    const at = (slot % CHUNK) * STRIDE;
    chunk[at + VERSION] = change.resourceVersion * 4 + TYPE_CODES[change.type];
    chunk[at + RESOURCE] = change.resource;
    chunk[at + KEY] = compactKey(change);
    chunk[at + OBJECT] = change.object;
    chunk[at + PREVIOUS] = change.previous;
  }

  /** The oldest resourceVersion a resume can start from (changes after it are all retained). */
  oldestResumable(current: number): number {
    if (this.#size < this.#capacity) return 0; // nothing has been dropped yet
    return Math.min(this.#resourceVersion(this.#next) - 1, current);
  }

  /** Every retained change, oldest first (what a snapshot keeps of the history). */
  retained(): StoreChange[] {
    const size = this.#size;
    return Array.from({ length: size }, (_, i) => this.#change((this.#next + i) % size));
  }

  /** Changes with resourceVersion greater than `resourceVersion`, oldest first. */
  since(resourceVersion: number, current: number): ChangesSince {
    if (resourceVersion < this.oldestResumable(current)) return { expired: true };
    const changes: StoreChange[] = [];
    const size = this.#size;
    for (let i = 0; i < size; i++) {
      const slot = (this.#next + i) % size;
      if (this.#resourceVersion(slot) > resourceVersion) changes.push(this.#change(slot));
    }
    return { changes };
  }

  #resourceVersion(slot: number): number {
    const version = this.#chunks[Math.floor(slot / CHUNK)][(slot % CHUNK) * STRIDE + VERSION];
    return Math.floor((version as number) / 4);
  }

  #change(slot: number): StoreChange {
    const chunk = this.#chunks[Math.floor(slot / CHUNK)];
    const at = (slot % CHUNK) * STRIDE;
    const version = chunk[at + VERSION] as number;
    const object = chunk[at + OBJECT] as KubeObject;
    const change = {
      type: TYPES[version % 4],
      resource: chunk[at + RESOURCE] as string,
      key: keyOf(chunk[at + KEY] as string | number, object),
      object,
      resourceVersion: Math.floor(version / 4),
    };
    const previous = chunk[at + PREVIOUS] as KubeObject | undefined;
    return previous === undefined ? change : { ...change, previous };
  }
}

// The storage key, or NAME_KEY / NAMESPACED_KEY when it is the one the object's metadata gives
// (always, for the store's own writes): each write builds its key anew, and holding those
// strings cost each cluster ~60 bytes per retained change.
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
