// The message a pod that fits no node gets, worded as kube-scheduler's FitError and preemption.

import { REASON_TOO_MANY_PODS } from "../scheduling/mod.ts";

// pkg/scheduler/framework/types.go NoNodeAvailableMsg and FitError.Error; the preemption
// PostFilter (pkg/scheduler/framework/preemption) adds its own histogram: nodes failing only for
// resources might be freed by preemption ("No preemption victims found"), the rest cannot be.
const NOT_HELPFUL = "Preemption is not helpful for scheduling";
const NO_VICTIMS = "No preemption victims found for incoming pod";

/** The scheduler's error for no node at all (upstream `ErrNoNodesAvailable`). */
export const NO_NODES_AVAILABLE = "no nodes available to schedule pods";

/**
 * `0/4 nodes are available: 1 node(s) had untolerated taint {...}, 3 Too many pods. preemption:
 * 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims
 * found for incoming pod.` from each node's reason.
 */
export function unschedulableMessage(reasons: readonly string[]): string {
  if (reasons.length === 0) return NO_NODES_AVAILABLE;
  const total = reasons.length;
  const fit = histogram(reasons);
  const preemption = histogram(
    reasons.map((r) => r === REASON_TOO_MANY_PODS ? NO_VICTIMS : NOT_HELPFUL),
  );
  return `0/${total} nodes are available: ${fit}. preemption: 0/${total} nodes are available: ${preemption}.`;
}

// Go's sortReasonsHistogram: "<count> <reason>" strings sorted bytewise, joined with ", ".
function histogram(reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => `${count} ${reason}`)
    .sort((a, b) => a < b ? -1 : a > b ? 1 : 0).join(", ");
}
