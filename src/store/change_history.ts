// A bounded log of a cluster's recent changes, so watches can resume from a resourceVersion.

import type { StoreChange } from "./object_store.ts";

/** What a resume from a resourceVersion gets: the changes after it, or "expired" if they are gone. */
export type ChangesSince = { readonly changes: readonly StoreChange[] } | {
  readonly expired: true;
};

/** Keeps the last `capacity` changes in a ring buffer that grows only as changes arrive. */
export class ChangeHistory {
  // Grows to `capacity` before wrapping, so thousands of quiet clusters do not each hold a full ring.
  readonly #ring: StoreChange[] = [];
  #next = 0;
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  /** Records a change (changes arrive in resourceVersion order). */
  record(change: StoreChange): void {
    if (this.#ring.length < this.#capacity) {
      this.#ring.push(change);
      return;
    }
    this.#ring[this.#next] = change;
    this.#next = (this.#next + 1) % this.#capacity;
  }

  /** The oldest resourceVersion a resume can start from (changes after it are all retained). */
  oldestResumable(current: number): number {
    if (this.#ring.length < this.#capacity) return 0; // nothing has been dropped yet
    const oldest = this.#ring[this.#next];
    return Math.min(oldest.resourceVersion - 1, current);
  }

  /** Every retained change, oldest first (what a snapshot keeps of the history). */
  retained(): StoreChange[] {
    const size = this.#ring.length;
    return Array.from({ length: size }, (_, i) => this.#ring[(this.#next + i) % size]);
  }

  /** Changes with resourceVersion greater than `resourceVersion`, oldest first. */
  since(resourceVersion: number, current: number): ChangesSince {
    if (resourceVersion < this.oldestResumable(current)) return { expired: true };
    const changes: StoreChange[] = [];
    const size = this.#ring.length;
    for (let i = 0; i < size; i++) {
      const change = this.#ring[(this.#next + i) % size];
      if (change.resourceVersion > resourceVersion) changes.push(change);
    }
    return { changes };
  }
}
