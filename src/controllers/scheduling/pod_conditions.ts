// Condition lists updated as upstream helpers do: a transition time moves only when status changes.

import type { Condition } from "./pod_view.ts";

/**
 * The list with `condition` set (upstream `podutil.UpdatePodCondition`): an unchanged status keeps
 * the old lastTransitionTime; an identical condition leaves the list as it was (same array).
 */
export function withCondition(
  conditions: readonly Condition[] | undefined,
  condition: Condition,
): Condition[] {
  const list = conditions ? [...conditions] : [];
  const index = list.findIndex((c) => c.type === condition.type);
  if (index < 0) return [...list, condition];
  const current = list[index];
  const next = current.status === condition.status
    ? { ...condition, lastTransitionTime: current.lastTransitionTime }
    : condition;
  if (
    current.status === next.status && current.reason === next.reason &&
    current.message === next.message && current.observedGeneration === next.observedGeneration
  ) return conditions as Condition[];
  list[index] = next;
  return list;
}
