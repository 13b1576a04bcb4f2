// How many watches one cluster, and one thread's clusters together, may hold open at once.
//
// kube-apiserver bounds neither (its max-in-flight and priority-and-fairness filters let
// long-running requests through), but one kube-apiserver serves one cluster. fkas serves thousands
// from one process, where an open watch costs ~5 KB of fkas's heap and ~10 KB more of the
// runtime's HTTP/2 stream: 1,000 connections × 250 streams of one cluster would hold gigabytes.
// Past a bound, the watch is refused as kube-apiserver refuses a request over its in-flight
// limit (the runtime's `tooManyRequests`), which client-go retries after the delay.

import { Tally } from "../runtime/mod.ts";

/** The bounds; each at least 1. */
export interface WatchLimits {
  /** Watches one cluster may hold open. */
  readonly perCluster: number;
  /** Watches all clusters of this thread may hold open together. */
  readonly total: number;
}

/** Open watches counted per cluster and in total, against `limits`. */
export class WatchSlots {
  readonly #open = new Tally();

  constructor(readonly limits: WatchLimits) {}

  /** Whether a new watch of `cluster` would pass a bound, and must be refused. */
  refuses(cluster: object): boolean {
    return this.#open.total >= this.limits.total ||
      this.#open.of(cluster) >= this.limits.perCluster;
  }

  /** Counts a watch of `cluster` as open: the function that ends it (once, however often called). */
  hold(cluster: object): () => void {
    return this.#open.hold(cluster, 1);
  }
}
