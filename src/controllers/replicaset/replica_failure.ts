// A ReplicaSet's ReplicaFailure condition: set when its pods cannot be created or deleted, removed once they can.

import { kubeTimestamp } from "../../store/mod.ts";

/** What a failed create or delete of a sync leaves for its status (upstream manageReplicasErr). */
export interface ReplicaFailure {
  /** The error's text, as client-go's error for the API's answer reads. */
  readonly message: string;
  /** Active pods minus `spec.replicas` before the sync: below zero it was creating. */
  readonly diff: number;
  readonly now: Date;
}

/**
 * `conditions` as upstream `calculateStatus` (pkg/controller/replicaset/replica_set_utils.go)
 * leaves them: a failure adds ReplicaFailure (True, `FailedCreate` or `FailedDelete`, the error's
 * text) unless one is there already; a sync without failure removes it. Undefined when none remain.
 */
export function withReplicaFailure(
  conditions: readonly Record<string, unknown>[] | undefined,
  failure: ReplicaFailure | undefined,
): readonly Record<string, unknown>[] | undefined {
  const list = conditions ?? [];
  const present = list.some((condition) => condition.type === "ReplicaFailure");
  if (failure && !present) {
    const reason = failure.diff < 0 ? "FailedCreate" : failure.diff > 0 ? "FailedDelete" : "";
    // apps/v1 ReplicaSetCondition's field order; an empty reason is omitted (omitempty).
    return [...list, {
      type: "ReplicaFailure",
      status: "True",
      lastTransitionTime: kubeTimestamp(failure.now),
      ...(reason ? { reason } : {}),
      message: failure.message,
    }];
  }
  if (failure || !present) return conditions;
  const rest = list.filter((condition) => condition.type !== "ReplicaFailure");
  return rest.length > 0 ? rest : undefined;
}
