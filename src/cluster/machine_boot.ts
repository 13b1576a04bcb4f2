// Boots a reported machine through its phases (node, etcd, API server), now or after its delays.

import { CONTROL_PLANE_COMPONENTS } from "../seed/mod.ts";
import { ensureActivation } from "./activation.ts";
import type { FakeCluster } from "./fake_cluster.ts";
import {
  ensureNode,
  ensureStaticPods,
  joinControlPlane,
  type PhaseEnvironment,
} from "./machine_phases.ts";
import { NODES } from "./resources.ts";
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
  /** Hears that a boot phase of a node is done (for the lifecycle log). */
  onPhase?(cluster: FakeCluster, node: string, phase: BootPhase): void;
  /** A report was accepted for a machine that boots later (also a newer report while it boots). */
  onPending?(cluster: FakeCluster, report: NodeReport): void;
  /** The machine's background boot ended (done, or failed: the next report retries). */
  onSettled?(cluster: FakeCluster, nodeName: string): void;
}

const API_SERVER = ["kube-apiserver", "kube-controller-manager", "kube-scheduler"] as const;

/**
 * Brings a machine up. Without delays everything happens before the returned promise resolves;
 * with delays the report is accepted at once and the phases run later, in kubeadm's order: a
 * control plane's etcd member and Node appear together once the node and etcd delays passed, its
 * API server after the API-server delay. A repeated report while the machine boots starts no
 * second boot, but its version is the one the boot applies. A machine whose Node exists already
 * (a new version reported, an in-place upgrade) is updated at once. Every step is idempotent, so
 * retries complete partial work.
 */
export function bootMachine(
  cluster: FakeCluster,
  report: NodeReport,
  deps: BootDependencies,
): Promise<NodeReportResult> {
  if (!cluster.hasCas) return bootOnceCasArrive(cluster, report, deps);
  const booted = !cluster.booting.has(report.nodeName) &&
    cluster.store.get(NODES, undefined, report.nodeName) !== undefined;
  if (isImmediate(cluster.provisioning) || booted) {
    return cluster.queue.run(async () => {
      const environment = deps.environment();
      let staticPods = 0;
      let listenerStarted = false;
      const controlPlane = isControlPlane(report);
      const created = !cluster.store.get(NODES, undefined, report.nodeName);
      if (controlPlane) {
        const joined = joinControlPlane(cluster, report, environment);
        staticPods = joined.staticPodsCreated +
          ensureStaticPods(cluster, joined.node, CONTROL_PLANE_COMPONENTS, environment.now);
        if (!cluster.activated) ensureActivation(cluster, environment.now);
        listenerStarted = await deps.ensureListener(cluster);
      } else ensureNode(cluster, report, environment);
      if (created) {
        const phases: BootPhase[] = controlPlane ? ["node", "etcd", "apiServer"] : ["node"];
        for (const phase of phases) deps.onPhase?.(cluster, report.nodeName, phase);
      }
      return {
        nodeCreated: created,
        staticPodsCreated: staticPods,
        listenerStarted,
        pending: false,
      };
    });
  }
  cluster.latestReports.set(report.nodeName, report);
  if (!cluster.booting.has(report.nodeName)) {
    const boot = bootLater(cluster, report, deps)
      .catch((error) => deps.onError(error, cluster, report))
      .finally(() => {
        cluster.booting.delete(report.nodeName);
        cluster.latestReports.delete(report.nodeName);
        deps.onSettled?.(cluster, report.nodeName);
      });
    cluster.booting.set(report.nodeName, boot);
  }
  deps.onPending?.(cluster, report);
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
      .then(() => {}, (error) => deps.onError(error, cluster, report))
      // Booted at once (no delays), or failed; a delayed boot settles on its own later.
      .finally(() => {
        if (!cluster.booting.has(report.nodeName)) deps.onSettled?.(cluster, report.nodeName);
      });
    cluster.booting.set(report.nodeName, boot);
    deps.onPending?.(cluster, report);
  }
  return Promise.resolve(ACCEPTED);
}

// The phases one after the other, as kubeadm runs them: the kubelet registers (workers), or etcd
// joins and the kubelet registers (control planes), then the API server starts: the first
// control plane's listener never opens before its etcd member exists.
async function bootLater(cluster: FakeCluster, report: NodeReport, deps: BootDependencies) {
  const delays = cluster.provisioning;
  const latest = () => cluster.latestReports.get(report.nodeName) ?? report;
  await deps.sleep(delayOf(delays.node, deps.random));
  if (!isControlPlane(report)) {
    await cluster.queue.run(() => ensureNode(cluster, latest(), deps.environment()));
    deps.onPhase?.(cluster, report.nodeName, "node");
    return;
  }
  await deps.sleep(delayOf(delays.etcd, deps.random));
  const { node } = await cluster.queue.run(() =>
    joinControlPlane(cluster, latest(), deps.environment())
  );
  deps.onPhase?.(cluster, report.nodeName, "node");
  deps.onPhase?.(cluster, report.nodeName, "etcd");
  await deps.sleep(delayOf(delays.apiServer, deps.random));
  await cluster.queue.run(async () => {
    const { now } = deps.environment();
    ensureStaticPods(cluster, cluster.nodeNamed(node.metadata.name!) ?? node, API_SERVER, now);
    if (!cluster.activated) ensureActivation(cluster, now);
    await deps.ensureListener(cluster);
  });
  deps.onPhase?.(cluster, report.nodeName, "apiServer");
}

/** One phase of a machine, as a provider that keeps its own timing runs them. */
export type BootPhase = "node" | "etcd" | "apiServer";

/**
 * Runs one phase now: the Node (and Lease); for control planes etcd (member, Node and etcd pod
 * together: a control plane's Node never shows before its member) or the API server (its pods,
 * the cluster's activation, the listener; etcd first if it had not joined). The node phase of a
 * control plane whose Node exists applies a newly reported version. Idempotent, so a phase that
 * ran before a restart of fkas runs again harmlessly.
 */
export function runBootPhase(
  cluster: FakeCluster,
  report: NodeReport,
  phase: BootPhase,
  deps: Pick<BootDependencies, "environment" | "ensureListener" | "onPhase">,
): Promise<void> {
  return cluster.queue.run(async () => {
    const environment = deps.environment();
    if (!isControlPlane(report)) {
      ensureNode(cluster, report, environment);
      deps.onPhase?.(cluster, report.nodeName, "node");
      return;
    }
    if (phase === "node") {
      if (cluster.nodeNamed(report.nodeName)) ensureNode(cluster, report, environment);
      return;
    }
    const { node } = joinControlPlane(cluster, report, environment);
    if (phase === "etcd") {
      deps.onPhase?.(cluster, report.nodeName, "etcd");
      return;
    }
    ensureStaticPods(cluster, node, API_SERVER, environment.now);
    if (!cluster.activated) ensureActivation(cluster, environment.now);
    await deps.ensureListener(cluster);
    deps.onPhase?.(cluster, report.nodeName, phase);
  });
}
