// The PriorityClasses kube-apiserver creates in every cluster (its scheduling post-start hook:
// pkg/registry/scheduling/rest and pkg/apis/scheduling SystemPriorityClasses, v1.29–v1.36 alike),
// which CoreDNS, kube-proxy and the static pods name.

import type { KubeObject } from "../store/mod.ts";

// scheduling.SystemCriticalPriority (2 * 10^9) and the node-critical one above it.
const SYSTEM_CRITICAL = 2_000_000_000;

const CLASSES: readonly [name: string, value: number, description: string][] = [
  [
    "system-node-critical",
    SYSTEM_CRITICAL + 1000,
    "Used for system critical pods that must not be moved from their current node.",
  ],
  [
    "system-cluster-critical",
    SYSTEM_CRITICAL,
    "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
  ],
];

/** `system-node-critical` and `system-cluster-critical`, in the order kube-apiserver creates them. */
export function renderSystemPriorityClasses(): KubeObject[] {
  return CLASSES.map(([name, value, description]) => ({
    apiVersion: "scheduling.k8s.io/v1",
    kind: "PriorityClass",
    metadata: { name },
    value,
    description,
    preemptionPolicy: "PreemptLowerPriority",
  }));
}
