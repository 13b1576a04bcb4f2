// metav1.Condition lists as CAPI's v1beta2 contract reads them.

import { kubeTimestamp } from "../store/mod.ts";

/** One condition. */
export interface Condition {
  readonly type: string;
  readonly status: "True" | "False" | "Unknown";
  readonly reason: string;
  readonly message?: string;
  readonly lastTransitionTime: string;
  readonly observedGeneration?: number;
}

/** The list with `type` set; lastTransitionTime moves only when the status changes. */
export function setCondition(
  conditions: readonly Condition[],
  change: Omit<Condition, "lastTransitionTime">,
  now: Date,
): Condition[] {
  const previous = conditions.find((c) => c.type === change.type);
  const condition: Condition = {
    ...change,
    message: change.message ?? "",
    lastTransitionTime: previous?.status === change.status
      ? previous.lastTransitionTime
      : kubeTimestamp(now),
  };
  return previous
    ? conditions.map((c) => c.type === change.type ? condition : c)
    : [...conditions, condition];
}

/** The condition of `type`, if present. */
export function conditionOf(
  conditions: readonly Condition[],
  type: string,
): Condition | undefined {
  return conditions.find((c) => c.type === type);
}

/** Whether the condition of `type` is True. */
export function isTrue(conditions: readonly Condition[], type: string): boolean {
  return conditionOf(conditions, type)?.status === "True";
}
