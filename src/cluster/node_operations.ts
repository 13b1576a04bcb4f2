// What tests do to a running cluster's nodes: delete a machine, flip a node condition.

import { CONTROL_PLANE_COMPONENTS, staticPodName } from "../seed/mod.ts";
import { kubeTimestamp, StoreError } from "../store/mod.ts";
import { ClusterError } from "./cluster_errors.ts";
import type { FakeCluster } from "./fake_cluster.ts";
import { LEASES, NODES, PODS } from "./resources.ts";

/** A node condition to set, as MHC tests flip them. */
export interface NodeConditionChange {
  readonly type: string;
  readonly status: "True" | "False" | "Unknown";
  readonly reason?: string;
  readonly message?: string;
}

/** Removes a machine: its Node, Lease, static pods and etcd member (unless it is the last one). */
export function deleteMachine(cluster: FakeCluster, nodeName: string): void {
  const node = cluster.store.get(NODES, undefined, nodeName);
  if (!node) throw nodeNotFound(cluster, nodeName);
  removeMachine(cluster, nodeName);
}

/**
 * Removes whatever is left of a machine (CAPI may have deleted its Node already); removing a
 * machine that is gone does nothing.
 */
export function removeMachine(cluster: FakeCluster, nodeName: string): void {
  const member = cluster.etcd.memberNamed(nodeName);
  // etcd refuses to remove its last voting member; a cluster without machines keeps it, as KCP does.
  const voters = cluster.etcd.members.filter((m) => !m.isLearner).length;
  if (member && (member.isLearner || voters > 1)) {
    cluster.etcd.removeMember(member.id);
  }
  for (const component of CONTROL_PLANE_COMPONENTS) {
    removeIfPresent(() =>
      cluster.store.delete(PODS, "kube-system", staticPodName(component, nodeName))
    );
  }
  removeIfPresent(() => cluster.store.delete(LEASES, "kube-node-lease", nodeName));
  removeIfPresent(() => cluster.store.delete(NODES, undefined, nodeName));
}

/** Sets one condition of a Node (lastTransitionTime moves only when the status changes). */
export function setNodeCondition(
  cluster: FakeCluster,
  nodeName: string,
  change: NodeConditionChange,
  now: Date,
): void {
  const node = cluster.store.get(NODES, undefined, nodeName);
  if (!node) throw nodeNotFound(cluster, nodeName);
  const status = { ...(node.status as Record<string, unknown> ?? {}) };
  const conditions = [...(status.conditions as Record<string, unknown>[] ?? [])];
  const index = conditions.findIndex((c) => c.type === change.type);
  const time = kubeTimestamp(now);
  const previous = index >= 0 ? conditions[index] : undefined;
  const condition = {
    type: change.type,
    status: change.status,
    lastHeartbeatTime: time,
    lastTransitionTime: previous?.status === change.status ? previous.lastTransitionTime : time,
    reason: change.reason ?? previous?.reason ?? "",
    message: change.message ?? previous?.message ?? "",
  };
  if (index >= 0) conditions[index] = condition;
  else conditions.push(condition);
  status.conditions = conditions;
  const { resourceVersion: _rv, ...metadata } = node.metadata;
  cluster.store.update(NODES, { ...node, metadata, status }, { seeded: true });
}

function removeIfPresent(operation: () => unknown): void {
  try {
    operation();
  } catch (error) {
    if (!(error instanceof StoreError && error.reason === "NotFound")) throw error;
  }
}

function nodeNotFound(cluster: FakeCluster, nodeName: string): ClusterError {
  return new ClusterError(
    "NotFound",
    `node ${nodeName} does not exist in cluster ${cluster.resourceName}`,
  );
}
