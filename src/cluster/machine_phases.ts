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
import { withSeedManagedFields } from "./seed_managed_fields.ts";
import { applyReportedVersion, kubeletVersionOf, nodeIPOf } from "./node_version.ts";

/** Time and identities the steps need. */
export interface PhaseEnvironment {
  readonly now: Date;
  readonly newUid: () => string;
}

/**
 * Registers the machine's Node (and its Lease), as its kubelet would; returns it and whether it is
 * new. A node reported again with another version is upgraded in place (`applyReportedVersion`);
 * nothing else of an existing Node is touched, so what CAPI changed (the uninitialized taint it
 * removed, labels it synced) stays as CAPI left it.
 */
export function ensureNode(
  cluster: FakeCluster,
  report: NodeReport,
  environment: PhaseEnvironment,
  internalIP?: string,
): { node: KubeObject; created: boolean } {
  const controlPlane = isControlPlane(report);
  const version = report.kubernetesVersion;
  let node = cluster.store.get(NODES, undefined, report.nodeName);
  const created = !node;
  if (!node) {
    const labels = { ...report.labels, ...(report.uuid ? { [UUID_LABEL]: report.uuid } : {}) };
    const rendered = renderNode({
      name: report.nodeName,
      labels,
      providerID: report.providerID,
      // Without a reported version the field stays empty, as Metal3's FKAS leaves it: CAPI
      // (v1.14) ignores an empty kubeletVersion, but any invented one that differs from the
      // Machine's spec.version makes it UpToDate False and holds KCP "mid-upgrade".
      kubeletVersion: version ?? "",
      controlPlane,
      taints: report.taints ?? (controlPlane ? cluster.kubeadm.controlPlaneTaints : undefined),
      internalIP: internalIP ?? cluster.nextNodeIP(),
      systemUUID: report.uuid ?? environment.newUid(),
      now: environment.now,
    });
    node = cluster.store.create(
      NODES,
      withSeedManagedFields(cluster.kubernetesVersion, NODES, rendered, environment.now),
      { seeded: true },
    );
  } else if (version) {
    node = applyReportedVersion(cluster, node, version, environment.now);
  }
  if (controlPlane && version) cluster.recordControlPlaneVersion(report.nodeName, version);
  if (!cluster.store.get(LEASES, "kube-node-lease", report.nodeName)) {
    cluster.store.create(
      LEASES,
      renderNodeLease({ name: report.nodeName, uid: node.metadata.uid! }, environment.now),
      { seeded: true },
    );
  }
  return { node, created };
}

/**
 * A control plane joins: its etcd member first, then its Node with the etcd mirror pod, in one
 * step, so nobody sees a control-plane Node without its `etcd-<node>` (Metal3 FKAS #3441 fixed
 * that race). A node whose member was removed (KCP scaled it down) is not made a member again.
 */
export function joinControlPlane(
  cluster: FakeCluster,
  report: NodeReport,
  environment: PhaseEnvironment,
): { node: KubeObject; staticPodsCreated: number } {
  const existing = cluster.store.get(NODES, undefined, report.nodeName);
  const internalIP = existing ? nodeIPOf(existing) : cluster.nextNodeIP();
  if (!existing || !cluster.etcd.knows(report.nodeName)) {
    cluster.etcd.addMember(report.nodeName, internalIP);
  }
  const { node } = ensureNode(cluster, report, environment, internalIP);
  return { node, staticPodsCreated: ensureStaticPods(cluster, node, ["etcd"], environment.now) };
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
  const kubernetesVersion = kubeletVersionOf(node) || cluster.kubernetesVersion;
  let created = 0;
  for (const component of components) {
    if (cluster.store.get(PODS, "kube-system", staticPodName(component, nodeName))) continue;
    const pod = renderStaticPod({
      component,
      nodeName,
      nodeUid: node.metadata.uid!,
      nodeIP,
      kubernetesVersion,
      apiServerBindPort: cluster.kubeadm.apiServerBindPort,
      now,
    });
    cluster.store.create(PODS, withSeedManagedFields(kubernetesVersion, PODS, pod, now), {
      seeded: true,
    });
    created++;
  }
  return created;
}
