// The steps that bring a reported machine up in its cluster's store; each creates only what is missing.

import {
  type ControlPlaneComponent,
  renderNode,
  renderNodeLease,
  renderStaticPod,
  staticPodName,
} from "../seed/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import type { FakeCluster } from "./fake_cluster.ts";
import { isControlPlane, type NodeReport, UUID_LABEL } from "./node_report.ts";
import { LEASES, NODES, PODS } from "./resources.ts";

/** Time and identities the steps need. */
export interface PhaseEnvironment {
  readonly now: Date;
  readonly newUid: () => string;
}

/** Registers the machine's Node (and its Lease), as its kubelet would; returns it and whether it is new. */
export function ensureNode(
  cluster: FakeCluster,
  report: NodeReport,
  environment: PhaseEnvironment,
): { node: KubeObject; created: boolean } {
  const controlPlane = isControlPlane(report);
  if (controlPlane && !cluster.versionFromControlPlane && report.kubernetesVersion) {
    cluster.kubernetesVersion = report.kubernetesVersion;
    cluster.versionFromControlPlane = true;
  }
  let node = cluster.store.get(NODES, undefined, report.nodeName);
  const created = !node;
  if (!node) {
    const labels = { ...report.labels, ...(report.uuid ? { [UUID_LABEL]: report.uuid } : {}) };
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
        now: environment.now,
      }),
    );
  }
  if (!cluster.store.get(LEASES, "kube-node-lease", report.nodeName)) {
    cluster.store.create(
      LEASES,
      renderNodeLease({ name: report.nodeName, uid: node.metadata.uid! }, environment.now),
    );
  }
  return { node, created };
}

/** Creates the mirror pods of these components on a node; returns how many were missing. */
export function ensureStaticPods(
  cluster: FakeCluster,
  node: KubeObject,
  components: readonly ControlPlaneComponent[],
  now: Date,
): number {
  const nodeName = node.metadata.name!;
  const nodeIP = nodeIPOf(node);
  const kubernetesVersion =
    (node.status as { nodeInfo?: { kubeletVersion?: string } })?.nodeInfo?.kubeletVersion ??
      cluster.kubernetesVersion;
  let created = 0;
  for (const component of components) {
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

/** The node's InternalIP. */
export function nodeIPOf(node: KubeObject): string {
  return (node.status as { addresses?: { type: string; address: string }[] })?.addresses
    ?.find((a) => a.type === "InternalIP")?.address ?? "10.0.0.1";
}

/** Makes the node an etcd member named after it (its pod is `etcd-<node>`); idempotent. */
export function joinEtcd(cluster: FakeCluster, node: KubeObject): void {
  cluster.etcd.addMember(node.metadata.name!, nodeIPOf(node));
}
