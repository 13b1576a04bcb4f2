// Machines booting with provisioning delays, as the journal records them: when each boot began and
// its latest report, so a restart resumes it with what is left of its delays.

import type { FakeCluster } from "./fake_cluster.ts";
import type { NodeReport } from "./node_report.ts";
import type { BootingMachine, RegistryJournal } from "./registry_journal.ts";

/** Journals the start (and each newer report) and the end of every delayed boot. */
export class BootJournal {
  // Per cluster and node: when the boot began and the report last journaled (as JSON).
  readonly #started = new WeakMap<FakeCluster, Map<string, { at: number; report: string }>>();

  constructor(
    private readonly journal: RegistryJournal,
    /** Whether the cluster is still the registered one (an unregistered one journals nothing). */
    private readonly isCurrent: (cluster: FakeCluster) => boolean,
    private readonly now: () => Date,
  ) {}

  /** A report accepted for a machine that boots later; a repeat of the same report writes nothing. */
  pending(cluster: FakeCluster, report: NodeReport): void {
    if (!this.isCurrent(cluster)) return;
    const machines = this.#machines(cluster);
    const known = machines.get(report.nodeName);
    const json = JSON.stringify(report);
    if (known?.report === json) return;
    const at = known?.at ?? this.now().getTime();
    machines.set(report.nodeName, { at, report: json });
    this.journal.bootPending(cluster.resourceName, { report, startedAt: at });
  }

  /** The machine's boot ended (done or failed). */
  settled(cluster: FakeCluster, nodeName: string): void {
    if (!this.#machines(cluster).delete(nodeName) || !this.isCurrent(cluster)) return;
    this.journal.bootSettled(cluster.resourceName, nodeName);
  }

  /** Remembers a restored cluster's boots without journaling them again. */
  adopt(cluster: FakeCluster, booting: readonly BootingMachine[]): void {
    const machines = this.#machines(cluster);
    for (const { report, startedAt } of booting) {
      machines.set(report.nodeName, { at: startedAt, report: JSON.stringify(report) });
    }
  }

  #machines(cluster: FakeCluster) {
    let machines = this.#started.get(cluster);
    if (!machines) this.#started.set(cluster, machines = new Map());
    return machines;
  }
}

/**
 * A sleep that first uses up `elapsedMs` (the time a boot already waited before the restart):
 * the resumed boot waits only what is left of its delays.
 */
export function sleepAfter(
  elapsedMs: number,
  sleep: (ms: number) => Promise<void>,
): (ms: number) => Promise<void> {
  let credit = Math.max(0, elapsedMs);
  return (ms) => {
    const skipped = Math.min(credit, ms);
    credit -= skipped;
    return sleep(ms - skipped);
  };
}
