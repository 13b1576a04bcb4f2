// Keeps the nodes of fake clusters in step with what the management cluster wants: reports each
// wanted node once, retries failures with backoff, waits for clusters not registered yet, and
// removes the machine when its source goes away.

import { ClusterError, type NodeReport } from "../cluster/mod.ts";
import { type ClusterAddress, type ClusterHost, HostError } from "../hosts/mod.ts";
import { backoffDelay } from "../retry/mod.ts";

/** What NodeSync needs besides the host of the clusters. */
export interface NodeSyncOptions {
  readonly host: ClusterHost;
  readonly random: () => number;
  /** Whether this fkas acts for the cluster (with --peers, its owner only). @default every cluster */
  readonly owns?: (namespace: string, cluster: string) => boolean;
  readonly onProblem?: (message: string, fields: Record<string, unknown>) => void;
  readonly onReported?: (report: NodeReport) => void;
}

interface Wanted {
  readonly report: NodeReport;
  readonly signature: string;
  state: "reporting" | "reported" | "waiting for cluster" | "retrying";
  attempts: number;
  /** Counts reports: only the latest one's answer counts (a re-registration reports again). */
  sent: number;
  timer?: ReturnType<typeof setTimeout>;
}

/** The desired node of each source object (a Machine, a BareMetalHost), keyed by that object. */
export class NodeSync {
  readonly #wanted = new Map<string, Wanted>();
  readonly #stopListening: () => void;
  #stopped = false;

  constructor(private readonly options: NodeSyncOptions) {
    this.#stopListening = options.host.onRegistered((cluster) => this.#clusterArrived(cluster));
  }

  /** Wants `report`'s node for `source`; the same report again changes nothing. */
  want(source: string, report: NodeReport): void {
    // Another replica owns the cluster, and follows the same source.
    if (this.options.owns && !this.options.owns(report.namespace, report.cluster)) return;
    const signature = JSON.stringify(report);
    const current = this.#wanted.get(source);
    if (current?.signature === signature) return;
    if (current) {
      clearTimeout(current.timer);
      if (current.report.nodeName !== report.nodeName) this.#remove(current.report);
    }
    const wanted: Wanted = { report, signature, state: "reporting", attempts: 0, sent: 0 };
    this.#wanted.set(source, wanted);
    this.#report(source, wanted);
  }

  /** `source` is gone: its machine goes too (whatever CAPI has not removed already). */
  forget(source: string): void {
    const wanted = this.#wanted.get(source);
    if (!wanted) return;
    clearTimeout(wanted.timer);
    this.#wanted.delete(source);
    if (wanted.state === "reported" || wanted.state === "retrying") this.#remove(wanted.report);
  }

  /** The state of each wanted node, for the cluster view and tests. */
  states(): Map<string, string> {
    return new Map([...this.#wanted].map(([source, wanted]) => [source, wanted.state]));
  }

  stop(): void {
    this.#stopped = true;
    this.#stopListening();
    for (const wanted of this.#wanted.values()) clearTimeout(wanted.timer);
  }

  // A cluster not registered yet answers NotRegistered: the node waits for its registration.
  #report(source: string, wanted: Wanted): void {
    wanted.state = "reporting";
    const sent = ++wanted.sent;
    const current = () => this.#wanted.get(source) === wanted && wanted.sent === sent;
    this.options.host.reportNode(wanted.report).then(
      () => {
        if (!current()) return;
        wanted.state = "reported";
        this.options.onReported?.(wanted.report);
      },
      (error) => {
        if (!current() || this.#stopped) return;
        if (error instanceof ClusterError && error.kind === "NotRegistered") {
          wanted.state = "waiting for cluster";
          return;
        }
        wanted.state = "retrying";
        const delayMs = backoffDelay(wanted.attempts++, this.options.random);
        this.options.onProblem?.("cannot report node, retrying", {
          source,
          node: wanted.report.nodeName,
          error: (error as Error).message,
          delayMs,
        });
        wanted.timer = setTimeout(() => this.#report(source, wanted), delayMs);
      },
    );
  }

  // A cluster registered (again, after a DELETE) gets every node wanted in it, reported before
  // or not: a re-registered cluster starts empty.
  #clusterArrived(cluster: ClusterAddress): void {
    for (const [source, wanted] of this.#wanted) {
      const { namespace, cluster: name } = wanted.report;
      if (namespace !== cluster.namespace || name !== cluster.name) continue;
      clearTimeout(wanted.timer);
      wanted.attempts = 0;
      this.#report(source, wanted);
    }
  }

  #remove(report: NodeReport): void {
    const ref = { namespace: report.namespace, name: report.cluster };
    this.options.host.command(ref, { kind: "removeMachine", node: report.nodeName }).catch(
      (error) => {
        // A cluster that is gone took its machines with it.
        if (error instanceof HostError && error.kind === "NotFound") return;
        this.options.onProblem?.("cannot remove machine", {
          cluster: `${report.namespace}/${report.cluster}`,
          node: report.nodeName,
          error: (error as Error).message,
        });
      },
    );
  }
}
