// An in-place upgrade as a node's kubelet shows it: a new version reported for an existing node.

import { withSeedManagedFields } from "./seed_managed_fields.ts";
import { CONTROL_PLANE_COMPONENTS, renderStaticPod, staticPodName } from "../seed/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import type { FakeCluster } from "./fake_cluster.ts";
import { NODES, PODS } from "./resources.ts";

interface NodeStatusFields {
  nodeInfo?: { kubeletVersion?: string; kubeProxyVersion?: string };
  addresses?: { type: string; address: string }[];
}

/** The version a Node's kubelet reports (`status.nodeInfo.kubeletVersion`), "" when unset. */
export function kubeletVersionOf(node: KubeObject): string {
  return (node.status as NodeStatusFields | undefined)?.nodeInfo?.kubeletVersion ?? "";
}

/** The node's InternalIP. */
export function nodeIPOf(node: KubeObject): string {
  return (node.status as NodeStatusFields | undefined)?.addresses
    ?.find((a) => a.type === "InternalIP")?.address ?? "10.0.0.1";
}

/**
 * Upgrades a node in place to `version`: the kubelet restarted at the new version rewrites
 * `status.nodeInfo.kubeletVersion` and `kubeProxyVersion` (CAPI v1.14 compares the former with
 * `Machine.spec.version`, exact string), and on a control plane kubeadm's new static-pod manifests
 * make the kubelet replace each mirror pod whose manifest changed (delete, then create with the
 * new image and config hash, as the kubelet's mirror-pod sync does). Returns the stored node.
 */
export function applyReportedVersion(
  cluster: FakeCluster,
  node: KubeObject,
  version: string,
  now: Date,
): KubeObject {
  if (kubeletVersionOf(node) === version) return node;
  const status = { ...(node.status as Record<string, unknown> ?? {}) };
  status.nodeInfo = {
    ...(status.nodeInfo as Record<string, unknown> ?? {}),
    kubeletVersion: version,
    kubeProxyVersion: version,
  };
  const { resourceVersion: _rv, ...metadata } = node.metadata;
  const upgraded = cluster.store.update(NODES, { ...node, metadata, status }, {
    seeded: true,
  });
  replaceStaticPods(cluster, upgraded, version, now);
  return upgraded;
}

function replaceStaticPods(cluster: FakeCluster, node: KubeObject, version: string, now: Date) {
  const nodeName = node.metadata.name!;
  for (const component of CONTROL_PLANE_COMPONENTS) {
    const name = staticPodName(component, nodeName);
    const current = cluster.store.get(PODS, "kube-system", name);
    if (!current) continue;
    const pod = renderStaticPod({
      component,
      nodeName,
      nodeUid: node.metadata.uid!,
      nodeIP: nodeIPOf(node),
      kubernetesVersion: version,
      apiServerBindPort: cluster.kubeadm.apiServerBindPort,
      now,
    });
    if (imageOf(current) === imageOf(pod)) continue;
    cluster.store.delete(PODS, "kube-system", name);
    cluster.store.create(PODS, withSeedManagedFields(version, PODS, pod, now), { seeded: true });
  }
}

function imageOf(pod: KubeObject): string | undefined {
  return (pod.spec as { containers?: { image?: string }[] } | undefined)?.containers?.[0]?.image;
}
