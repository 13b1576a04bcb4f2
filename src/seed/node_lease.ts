// The Lease a kubelet keeps in kube-node-lease for its node (kubectl describe node reads it).

import type { KubeObject } from "../store/mod.ts";

/** How often a kubelet renews its node Lease: a quarter of its 40 s duration (`renewInterval`). */
export const NODE_LEASE_RENEW_INTERVAL_MS = 10_000;

/** Renders the node's heartbeat Lease, owned by the Node. */
export function renderNodeLease(
  node: { name: string; uid: string },
  now: Date,
): KubeObject {
  return {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: {
      name: node.name,
      namespace: "kube-node-lease",
      ownerReferences: [{ apiVersion: "v1", kind: "Node", name: node.name, uid: node.uid }],
    },
    spec: {
      holderIdentity: node.name,
      leaseDurationSeconds: 40,
      renewTime: now.toISOString().replace("Z", "000Z").replace(/\.(\d{6})\d*Z$/, ".$1Z"),
    },
  };
}
