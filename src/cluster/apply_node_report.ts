// Puts a reported machine into its cluster's store: its Node and, for control planes, static pods.

import {
  CONTROL_PLANE_COMPONENTS,
  renderNode,
  renderNodeLease,
  renderStaticPod,
  staticPodName,
} from "../seed/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import type { FakeCluster } from "./fake_cluster.ts";
import { isControlPlane, type NodeReport } from "./node_report.ts";
import { LEASES, NODES, PODS } from "./resources.ts";

/** What applying a report changed, for logs and tests. */
export interface NodeReportOutcome {
  readonly nodeCreated: boolean;
  readonly staticPodsCreated: number;
}

/**
 * Creates whatever of the machine's objects is missing; objects that exist are left as they are,
 * so repeating a report is harmless and completes a partial earlier attempt.
 */
export function applyNodeReport(
  cluster: FakeCluster,
  report: NodeReport,
  environment: { now: Date; newUid: () => string },
): NodeReportOutcome {
  const { now } = environment;
  const controlPlane = isControlPlane(report);
  if (controlPlane && !cluster.versionFromControlPlane && report.kubernetesVersion) {
    cluster.kubernetesVersion = report.kubernetesVersion;
    cluster.versionFromControlPlane = true;
  }
  let node = cluster.store.get(NODES, undefined, report.nodeName);
  const nodeCreated = !node;
  if (!node) {
    const labels = { ...report.labels, ...(report.uuid ? { "metal3.io/uuid": report.uuid } : {}) };
    node = cluster.store.create(
      NODES,
      renderNode({
        name: report.nodeName,
        labels,
        providerID: report.providerID,
        kubeletVersion: report.kubernetesVersion ?? cluster.kubernetesVersion,
        controlPlane,
        internalIP: cluster.nextNodeIP(),
        systemUUID: report.uuid ?? environment.newUid(),
        now,
      }),
    );
  }
  if (!cluster.store.get(LEASES, "kube-node-lease", report.nodeName)) {
    cluster.store.create(
      LEASES,
      renderNodeLease({ name: report.nodeName, uid: node.metadata.uid! }, now),
    );
  }
  const staticPodsCreated = controlPlane ? ensureStaticPods(cluster, node, now) : 0;
  return { nodeCreated, staticPodsCreated };
}

function ensureStaticPods(cluster: FakeCluster, node: KubeObject, now: Date): number {
  const nodeName = node.metadata.name!;
  const nodeIP = (node.status as { addresses?: { type: string; address: string }[] })?.addresses
    ?.find((a) => a.type === "InternalIP")?.address ?? "10.0.0.1";
  const kubernetesVersion =
    (node.status as { nodeInfo?: { kubeletVersion?: string } })?.nodeInfo?.kubeletVersion ??
      cluster.kubernetesVersion;
  let created = 0;
  for (const component of CONTROL_PLANE_COMPONENTS) {
    if (cluster.store.get(PODS, "kube-system", staticPodName(component, nodeName))) continue;
    cluster.store.create(
      PODS,
      renderStaticPod({
        component,
        nodeName,
        nodeUid: node.metadata.uid!,
        nodeIP,
        kubernetesVersion,
        now,
      }),
    );
    created++;
  }
  return created;
}
