// A Deployment's status from its ReplicaSets, with the Available, ReplicaFailure and Progressing conditions.

import type { KubeObject } from "../../store/mod.ts";

/** A `DeploymentCondition`. */
export interface DeploymentCondition {
  type: string;
  status: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** A ReplicaSet's spec and status counts. */
export function counts(
  rs: KubeObject,
): { spec: number; replicas: number; ready: number; available: number } {
  const spec = (rs.spec ?? {}) as { replicas?: number };
  const status = (rs.status ?? {}) as {
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
  };
  return {
    spec: spec.replicas ?? 1,
    replicas: status.replicas ?? 0,
    ready: status.readyReplicas ?? 0,
    available: status.availableReplicas ?? 0,
  };
}

/** What the status computation needs besides the ReplicaSets. */
export interface StatusInputs {
  readonly deployment: KubeObject;
  readonly newRS: KubeObject | undefined;
  readonly allRSs: readonly KubeObject[];
  readonly replicas: number;
  readonly maxUnavailable: number;
  readonly now: string;
  /** Set when this sync created the new ReplicaSet. */
  readonly created: boolean;
}

/**
 * upstream `calculateStatus` and `syncRolloutStatus` (pkg/controller/deployment/sync.go,
 * progress.go): counts summed over ReplicaSets, zero counts omitted (omitempty), Available by
 * minimum availability, Progressing by rollout state. ProgressDeadlineExceeded is not modelled.
 */
export function deploymentStatus(inputs: StatusInputs): Record<string, unknown> {
  const { deployment, newRS, allRSs, replicas, now } = inputs;
  const previous = (deployment.status ?? {}) as Record<string, unknown> & {
    conditions?: DeploymentCondition[];
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    replicas?: number;
    collisionCount?: number;
  };
  let total = 0, actual = 0, ready = 0, available = 0;
  for (const rs of allRSs) {
    const c = counts(rs);
    total += c.spec;
    actual += c.replicas;
    ready += c.ready;
    available += c.available;
  }
  const updated = newRS ? counts(newRS).replicas : 0;
  const unavailable = Math.max(total - available, 0);
  const numbers: Record<string, number | undefined> = {
    observedGeneration: deployment.metadata.generation,
    replicas: actual,
    updatedReplicas: updated,
    readyReplicas: ready,
    availableReplicas: available,
    unavailableReplicas: unavailable,
  };
  const status: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(numbers)) if (value) status[field] = value;
  let conditions = previous.conditions ?? [];
  conditions = available >= replicas - inputs.maxUnavailable
    ? setCondition(
      conditions,
      "Available",
      "True",
      "MinimumReplicasAvailable",
      "Deployment has minimum availability.",
      now,
    )
    : setCondition(
      conditions,
      "Available",
      "False",
      "MinimumReplicasUnavailable",
      "Deployment does not have minimum availability.",
      now,
    );
  conditions = withReplicaFailure(conditions, newRS, allRSs);
  const name = newRS?.metadata.name ?? "";
  const paused = (deployment.spec as { paused?: boolean } | undefined)?.paused === true;
  const complete = updated === replicas && actual === replicas && available === replicas &&
    newRS !== undefined;
  if (paused) {
    conditions = setCondition(
      conditions,
      "Progressing",
      "Unknown",
      "DeploymentPaused",
      "Deployment is paused",
      now,
    );
  } else if (complete) {
    conditions = setCondition(
      conditions,
      "Progressing",
      "True",
      "NewReplicaSetAvailable",
      `ReplicaSet "${name}" has successfully progressed.`,
      now,
    );
  } else if (inputs.created) {
    conditions = setCondition(
      conditions,
      "Progressing",
      "True",
      "NewReplicaSetCreated",
      `Created new replica set "${name}"`,
      now,
    );
  } else if (newRS && !conditions.some((c) => c.type === "Progressing")) {
    conditions = setCondition(
      conditions,
      "Progressing",
      "True",
      "FoundNewReplicaSet",
      `Found new replica set "${name}"`,
      now,
    );
  } else if (
    newRS && (updated > (previous.updatedReplicas ?? 0) || ready > (previous.readyReplicas ?? 0) ||
      available > (previous.availableReplicas ?? 0) || actual < (previous.replicas ?? 0))
  ) {
    conditions = setCondition(
      conditions,
      "Progressing",
      "True",
      "ReplicaSetUpdated",
      `ReplicaSet "${name}" is progressing.`,
      now,
    );
  }
  if (conditions.length > 0) status.conditions = conditions;
  if (previous.collisionCount) status.collisionCount = previous.collisionCount;
  return status;
}

// upstream calculateStatus's getReplicaFailures: the new ReplicaSet's ReplicaFailure (else an old
// one's) becomes the Deployment's, as ReplicaSetToDeploymentCondition copies it; none, removed.
function withReplicaFailure(
  conditions: readonly DeploymentCondition[],
  newRS: KubeObject | undefined,
  allRSs: readonly KubeObject[],
): DeploymentCondition[] {
  const failure = replicaFailureOf(newRS) ??
    allRSs.map(replicaFailureOf).find((found) => found !== undefined);
  if (!failure) return conditions.filter((c) => c.type !== "ReplicaFailure");
  return setCondition(
    conditions,
    "ReplicaFailure",
    failure.status ?? "",
    failure.reason ?? "",
    failure.message ?? "",
    failure.lastTransitionTime ?? "",
  );
}

function replicaFailureOf(rs: KubeObject | undefined) {
  const status = rs?.status as { conditions?: Partial<DeploymentCondition>[] } | undefined;
  return status?.conditions?.find((c) => c.type === "ReplicaFailure");
}

/**
 * upstream `SetDeploymentCondition`: same status and reason changes nothing; otherwise the
 * condition moves to the end, keeping lastTransitionTime when only the reason changed.
 */
export function setCondition(
  conditions: readonly DeploymentCondition[],
  type: string,
  status: string,
  reason: string,
  message: string,
  now: string,
): DeploymentCondition[] {
  const current = conditions.find((c) => c.type === type);
  if (current && current.status === status && current.reason === reason) return [...conditions];
  const next: DeploymentCondition = {
    type,
    status,
    lastUpdateTime: now,
    lastTransitionTime: current && current.status === status ? current.lastTransitionTime : now,
    reason,
    message,
  };
  return [...conditions.filter((c) => c.type !== type), next];
}
