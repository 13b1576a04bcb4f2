// When each machine of a cluster was reported and when each of its boot phases finished, for the
// dashboard's cluster page. Fed by the registry's lifecycle events, it keeps the latest boots of
// all clusters up to a fixed number, so its memory does not grow with the number of clusters.

import type { ClusterEvent } from "../cluster/mod.ts";

/** One machine's boot: when it was reported and when each phase finished (epoch milliseconds). */
export interface MachineBoot {
  readonly node: string;
  readonly role?: "control-plane" | "worker";
  readonly reportedAt?: number;
  readonly phases: { readonly phase: string; readonly at: number }[];
}

/** How many boots are kept over all clusters by default (~1.2 KB each with their names). */
export const DEFAULT_BOOTS_KEPT = 2_000;

/** Boot timelines of the latest machines, by cluster `namespace/name`. */
export class BootTimeline {
  readonly #clusters = new Map<string, Map<string, MachineBoot>>();
  // Every boot in the order it was recorded, oldest first from `#head`; entries of boots
  // already gone (a deleted cluster, a re-reported node) are skipped when reached.
  #order: { cluster: string; boot: MachineBoot }[] = [];
  #head = 0;
  #count = 0;

  constructor(
    private readonly now: () => number,
    private readonly keep = DEFAULT_BOOTS_KEPT,
  ) {}

  /** Records a lifecycle event of the cluster `key`; forgets the cluster when it is deleted. */
  record(key: string, event: ClusterEvent): void {
    if (event.kind === "deleted") {
      this.#count -= this.#clusters.get(key)?.size ?? 0;
      this.#clusters.delete(key);
    } else if (event.kind === "nodeReported") {
      // A report of a known node starts a new boot (a version upgrade, a replaced machine).
      this.#add(key, {
        node: event.node,
        role: event.controlPlane ? "control-plane" : "worker",
        reportedAt: this.now(),
        phases: [],
      });
    } else if (event.kind === "phaseDone") {
      const boot = this.#clusters.get(key)?.get(event.node) ??
        this.#add(key, { node: event.node, phases: [] });
      boot.phases.push({ phase: event.phase, at: this.now() });
    }
  }

  /** The recorded machines of a cluster, oldest report first. */
  of(key: string): readonly MachineBoot[] {
    return [...(this.#clusters.get(key)?.values() ?? [])];
  }

  /** How many boots are kept now. */
  get size(): number {
    return this.#count;
  }

  #add(cluster: string, boot: MachineBoot): MachineBoot {
    let machines = this.#clusters.get(cluster);
    if (!machines) this.#clusters.set(cluster, machines = new Map());
    if (machines.delete(boot.node)) this.#count--;
    machines.set(boot.node, boot);
    this.#count++;
    this.#order.push({ cluster, boot });
    while (this.#count > this.keep) this.#evictOldest();
    // Entries before `#head` (evicted) and stale ones (deleted clusters, re-reported nodes) pile
    // up; dropping them whenever they could outnumber the boots kept bounds the list by twice that.
    if (this.#order.length > 2 * this.keep) this.#compact();
    return boot;
  }

  #current({ cluster, boot }: { cluster: string; boot: MachineBoot }): boolean {
    return this.#clusters.get(cluster)?.get(boot.node) === boot;
  }

  #compact(): void {
    this.#order = this.#order.slice(this.#head).filter((entry) => this.#current(entry));
    this.#head = 0;
  }

  #evictOldest(): void {
    const entry = this.#order[this.#head++];
    if (!this.#current(entry)) return;
    const machines = this.#clusters.get(entry.cluster)!;
    machines.delete(entry.boot.node);
    this.#count--;
    if (machines.size === 0) this.#clusters.delete(entry.cluster);
  }
}
