// Node and leader-election Lease renewals at kubelet and controller intervals, off unless asked for.
//
// A kubelet renews its node Lease every 10 s (a quarter of its 40 s duration); kube-controller-
// manager and kube-scheduler renew their leader Lease every 2 s (retryPeriod). CAPI reads none of
// them and at 10,000 clusters they are pure write churn (~6,000 writes/s for 1 CP + 3 workers),
// so fkas renews only when `--lease-renewal` or the control API turns it on for a cluster.

import { LEADER_ELECTED_COMPONENTS, microTime } from "../seed/mod.ts";
import type { KubeObject, ObjectStore } from "../store/mod.ts";
import { LEASES } from "./resources.ts";

/** Repeating timers, real ones at the edge (`setInterval`), fake ones in tests. */
export interface IntervalTimers {
  setInterval(task: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** How often each kind of Lease is renewed, in milliseconds. */
export interface RenewalIntervals {
  readonly nodeMs: number;
  readonly leaderMs: number;
}

/** Renews a cluster's Leases while started; `stop()` ends it. */
export class LeaseRenewal {
  #handles: unknown[] = [];

  constructor(
    private readonly store: ObjectStore,
    private readonly timers: IntervalTimers,
    private readonly now: () => Date,
    private readonly intervals: RenewalIntervals,
  ) {}

  /** Whether renewals run. */
  get running(): boolean {
    return this.#handles.length > 0;
  }

  /** Starts both renewal loops (no-op when running). */
  start(): void {
    if (this.running) return;
    this.#handles = [
      this.timers.setInterval(() => this.renewNodeLeases(), this.intervals.nodeMs),
      this.timers.setInterval(() => this.renewLeaderLeases(), this.intervals.leaderMs),
    ];
  }

  /** Stops both loops (no-op when stopped). */
  stop(): void {
    for (const handle of this.#handles) this.timers.clearInterval(handle);
    this.#handles = [];
  }

  /** One kubelet heartbeat round: every Lease in kube-node-lease gets a new `renewTime`. */
  renewNodeLeases(): void {
    for (const lease of this.store.list(LEASES, "kube-node-lease")) this.#renew(lease);
  }

  /** One leader round: the kube-controller-manager and kube-scheduler Leases get a new `renewTime`. */
  renewLeaderLeases(): void {
    for (const name of LEADER_ELECTED_COMPONENTS) {
      const lease = this.store.get(LEASES, "kube-system", name);
      if (lease) this.#renew(lease);
    }
  }

  #renew(lease: KubeObject): void {
    if (lease.metadata.deletionTimestamp) return;
    const spec = { ...(lease.spec as Record<string, unknown>), renewTime: microTime(this.now()) };
    this.store.update(LEASES, { ...lease, spec }, { seeded: true });
  }
}
