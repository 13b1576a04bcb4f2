// Boots a reported machine through its phases (node, etcd, API server), now or after its delays.

import { CONTROL_PLANE_COMPONENTS } from "../seed/mod.ts";
import { ensureActivation } from "./activation.ts";
import type { FakeCluster } from "./fake_cluster.ts";
import { ensureNode, ensureStaticPods, joinEtcd, type PhaseEnvironment } from "./machine_phases.ts";
import { isControlPlane, type NodeReport } from "./node_report.ts";
import { delayOf, isImmediate } from "./provisioning.ts";

/** What a node report did: created now, or accepted and still booting in the background. */
export interface NodeReportResult {
  readonly nodeCreated: boolean;
  readonly staticPodsCreated: number;
  readonly listenerStarted: boolean;
  /** True when delays apply: the machine appears later, phase by phase. */
  readonly pending: boolean;
}

/** What booting needs from the registry: time, randomness, the listener and the etcd member. */
export interface BootDependencies {
  environment(): PhaseEnvironment;
  sleep(ms: number): Promise<void>;
  random(): number;
  /** Starts the cluster's API server listener unless it serves already; resolves true if it started it. */
  ensureListener(cluster: FakeCluster): Promise<boolean>;
  /** Hears about failures of background boots (the next report of the machine retries). */
  onError(error: unknown, cluster: FakeCluster, report: NodeReport): void;
}

const ETCD = ["etcd"] as const;
const API_SERVER = ["kube-apiserver", "kube-controller-manager", "kube-scheduler"] as const;

/**
 * Brings a machine up. Without delays everything happens before the returned promise resolves;
 * with delays the report is accepted at once and the phases run later (a repeated report while
 * the machine boots changes nothing). Every step is idempotent, so retries complete partial work.
 */
export function bootMachine(
  cluster: FakeCluster,
  report: NodeReport,
  deps: BootDependencies,
): Promise<NodeReportResult> {
  if (!cluster.hasCas) return bootOnceCasArrive(cluster, report, deps);
  if (isImmediate(cluster.provisioning)) {
    return cluster.queue.run(async () => {
      const environment = deps.environment();
      const { node, created } = ensureNode(cluster, report, environment);
      let staticPods = 0;
      let listenerStarted = false;
      if (isControlPlane(report)) {
        joinEtcd(cluster, node);
        staticPods = ensureStaticPods(cluster, node, CONTROL_PLANE_COMPONENTS, environment.now);
        if (!cluster.activated) ensureActivation(cluster, environment.now);
        listenerStarted = await deps.ensureListener(cluster);
      }
      return {
        nodeCreated: created,
        staticPodsCreated: staticPods,
        listenerStarted,
        pending: false,
      };
    });
  }
  if (!cluster.booting.has(report.nodeName)) {
    const boot = bootLater(cluster, report, deps)
      .catch((error) => deps.onError(error, cluster, report))
      .finally(() => cluster.booting.delete(report.nodeName));
    cluster.booting.set(report.nodeName, boot);
  }
  return Promise.resolve(ACCEPTED);
}

const ACCEPTED: NodeReportResult = Object.freeze({
  nodeCreated: false,
  staticPodsCreated: 0,
  listenerStarted: false,
  pending: true,
});

// A cluster whose CAs are still to come from secrets accepts reports and boots them afterwards,
// so callers are not failed for something fkas retries itself.
function bootOnceCasArrive(cluster: FakeCluster, report: NodeReport, deps: BootDependencies) {
  if (!cluster.booting.has(report.nodeName)) {
    const boot = cluster.whenCasReady()
      .then(() => {
        cluster.booting.delete(report.nodeName);
        return bootMachine(cluster, report, deps);
      })
      .then(() => {}, (error) => deps.onError(error, cluster, report));
    cluster.booting.set(report.nodeName, boot);
  }
  return Promise.resolve(ACCEPTED);
}

async function bootLater(cluster: FakeCluster, report: NodeReport, deps: BootDependencies) {
  const delays = cluster.provisioning;
  await deps.sleep(delayOf(delays.node, deps.random));
  const { node } = await cluster.queue.run(() => ensureNode(cluster, report, deps.environment()));
  if (!isControlPlane(report)) return;
  await Promise.all([
    deps.sleep(delayOf(delays.etcd, deps.random)).then(() =>
      cluster.queue.run(() => {
        joinEtcd(cluster, node);
        ensureStaticPods(cluster, node, ETCD, deps.environment().now);
      })
    ),
    deps.sleep(delayOf(delays.apiServer, deps.random)).then(() =>
      cluster.queue.run(async () => {
        const { now } = deps.environment();
        ensureStaticPods(cluster, node, API_SERVER, now);
        if (!cluster.activated) ensureActivation(cluster, now);
        await deps.ensureListener(cluster);
      })
    ),
  ]);
}

/** One phase of a machine, as a provider that keeps its own timing runs them. */
export type BootPhase = "node" | "etcd" | "apiServer";

/**
 * Runs one phase now: the Node (and Lease); for control planes etcd (member and pod) or the API
 * server (its pods, the cluster's activation, the listener). Idempotent, so a phase that ran before
 * a restart of fkas runs again harmlessly.
 */
export function runBootPhase(
  cluster: FakeCluster,
  report: NodeReport,
  phase: BootPhase,
  deps: Pick<BootDependencies, "environment" | "ensureListener">,
): Promise<void> {
  return cluster.queue.run(async () => {
    const environment = deps.environment();
    const { node } = ensureNode(cluster, report, environment);
    if (phase === "node" || !isControlPlane(report)) return;
    if (phase === "etcd") {
      joinEtcd(cluster, node);
      ensureStaticPods(cluster, node, ETCD, environment.now);
      return;
    }
    ensureStaticPods(cluster, node, API_SERVER, environment.now);
    if (!cluster.activated) ensureActivation(cluster, environment.now);
    await deps.ensureListener(cluster);
  });
}
