// A bounded log of a cluster's recent changes, so watches can resume from a resourceVersion.

import type { StoreChange } from "./object_store.ts";

/** What a resume from a resourceVersion gets: the changes after it, or "expired" if they are gone. */
export type ChangesSince = { readonly changes: readonly StoreChange[] } | {
  readonly expired: true;
};

/** Keeps the last `capacity` changes in a ring buffer. */
export class ChangeHistory {
  readonly #ring: (StoreChange | undefined)[];
  #next = 0;
  #size = 0;

  constructor(readonly capacity: number) {
    this.#ring = new Array(Math.max(1, capacity));
  }

  /** Records a change (changes arrive in resourceVersion order). */
  record(change: StoreChange): void {
    this.#ring[this.#next] = change;
    this.#next = (this.#next + 1) % this.#ring.length;
    this.#size = Math.min(this.#size + 1, this.#ring.length);
  }

  /** The oldest resourceVersion a resume can start from (changes after it are all retained). */
  oldestResumable(current: number): number {
    if (this.#size < this.#ring.length) return 0; // nothing has been dropped yet
    const oldest = this.#ring[this.#next]!;
    return Math.min(oldest.resourceVersion - 1, current);
  }

  /** Changes with resourceVersion greater than `resourceVersion`, oldest first. */
  since(resourceVersion: number, current: number): ChangesSince {
    if (resourceVersion < this.oldestResumable(current)) return { expired: true };
    const changes: StoreChange[] = [];
    for (let i = 0; i < this.#size; i++) {
      const index = (this.#next - this.#size + i + this.#ring.length) % this.#ring.length;
      const change = this.#ring[index]!;
      if (change.resourceVersion > resourceVersion) changes.push(change);
    }
    return { changes };
  }
}
