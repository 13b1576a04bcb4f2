// Typed readers of the Pod and Node fields the workload controllers, scheduler and kubelets use.

import type { KubeObject } from "../../store/mod.ts";

/** A taint on a Node (`spec.taints[]`). */
export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

/** A toleration on a Pod (`spec.tolerations[]`). */
export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** A `PodCondition` or `NodeCondition`. */
export interface Condition {
  type: string;
  /** The pod generation the condition was written for (kubelet, from 1.34). */
  observedGeneration?: number;
  status: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  lastHeartbeatTime?: string;
}

/** The parts of `spec` of a Pod the simulation reads. */
export interface PodSpecView {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector } };
  tolerations?: Toleration[];
  containers?: { name: string; image?: string }[];
  initContainers?: { name: string; image?: string }[];
  restartPolicy?: string;
  schedulerName?: string;
  hostNetwork?: boolean;
  terminationGracePeriodSeconds?: number;
}

/** `v1.NodeSelector`: terms ORed, requirements inside a term ANDed. */
export interface NodeSelector {
  nodeSelectorTerms?: {
    matchExpressions?: NodeSelectorRequirement[];
    matchFields?: NodeSelectorRequirement[];
  }[];
}

/** One `v1.NodeSelectorRequirement`. */
export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** The parts of `status` of a Pod the simulation reads and writes. */
export interface PodStatusView {
  phase?: string;
  conditions?: Condition[];
  podIP?: string;
  hostIP?: string;
  [field: string]: unknown;
}

/** A Pod's spec, empty when absent. */
export function podSpec(pod: KubeObject): PodSpecView {
  return (pod.spec ?? {}) as PodSpecView;
}

/** A Pod's status, empty when absent. */
export function podStatus(pod: KubeObject): PodStatusView {
  return (pod.status ?? {}) as PodStatusView;
}

/** A Node's taints, empty when absent. */
export function nodeTaints(node: KubeObject): Taint[] {
  const taints = (node.spec as { taints?: unknown } | undefined)?.taints;
  return Array.isArray(taints) ? taints : [];
}

/** A Node's conditions, empty when absent. */
export function nodeConditions(node: KubeObject): Condition[] {
  const conditions = (node.status as { conditions?: unknown } | undefined)?.conditions;
  return Array.isArray(conditions) ? conditions : [];
}

/** The condition of `type` in a list, if present. */
export function findCondition(
  conditions: readonly Condition[] | undefined,
  type: string,
): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** Whether the pod is neither finished nor being deleted (upstream `controller.IsPodActive`). */
export function isPodActive(pod: KubeObject): boolean {
  const phase = podStatus(pod).phase;
  return phase !== "Succeeded" && phase !== "Failed" && !pod.metadata.deletionTimestamp;
}

/** Whether the pod's Ready condition is True (upstream `podutil.IsPodReady`). */
export function isPodReady(pod: KubeObject): boolean {
  return findCondition(podStatus(pod).conditions, "Ready")?.status === "True";
}

/** The node's InternalIP (first address when it has none). */
export function nodeInternalIP(node: KubeObject): string | undefined {
  const addresses = (node.status as { addresses?: { type: string; address: string }[] } | undefined)
    ?.addresses;
  if (!Array.isArray(addresses)) return undefined;
  return (addresses.find((a) => a.type === "InternalIP") ?? addresses[0])?.address;
}
