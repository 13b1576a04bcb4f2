// What a `/status` write of a built-in kind must hold: counts that are never negative and never
// above the replicas they count (kube-apiserver v1.36 status strategies' ValidateUpdate).
//
// Sources (k8s.io/kubernetes v1.36): pkg/apis/apps/validation `ValidateDeploymentStatus`,
// `ValidateReplicaSetStatus`, `ValidateStatefulSetStatus`, `validateDaemonSetStatus`;
// pkg/apis/policy/validation `ValidatePodDisruptionBudgetStatusUpdate` (conditions aside).

import { type FieldError, invalid } from "./field_error.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** A status rule: the checks, and whether the metadata update is checked first. */
export interface StatusRules {
  readonly check: (status: Loose) => FieldError[];
  /** Whether `ValidateObjectMetaUpdate` runs before the status checks. */
  readonly metaFirst: boolean;
}

const ABOVE_REPLICAS = "cannot be greater than status.replicas";

function nonNegative(status: Loose, fields: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of fields) {
    const value = status[field];
    if (typeof value === "number" && value < 0) {
      errors.push(invalid(`status.${field}`, value, "must be greater than or equal to 0"));
    }
  }
  return errors;
}

// `<field> > <than>` checks, in order, with their details.
function notAbove(status: Loose, pairs: readonly [string, string, string][]): FieldError[] {
  const errors: FieldError[] = [];
  for (const [field, than, detail] of pairs) {
    const [value, limit] = [status[field] ?? 0, status[than] ?? 0];
    if (typeof value === "number" && typeof limit === "number" && value > limit) {
      errors.push(invalid(`status.${field}`, value, detail));
    }
  }
  return errors;
}

/** The kinds whose `/status` writes are checked, by storage key. */
export const STATUS_RULES: Readonly<Record<string, StatusRules>> = {
  "apps/deployments": {
    metaFirst: true,
    check: (s) => [
      ...nonNegative(s, [
        "observedGeneration",
        "replicas",
        "updatedReplicas",
        "readyReplicas",
        "availableReplicas",
        "unavailableReplicas",
        "collisionCount",
      ]),
      ...notAbove(s, [
        ["updatedReplicas", "replicas", ABOVE_REPLICAS],
        ["readyReplicas", "replicas", ABOVE_REPLICAS],
        ["availableReplicas", "replicas", ABOVE_REPLICAS],
        ["availableReplicas", "readyReplicas", "cannot be greater than readyReplicas"],
      ]),
    ],
  },
  "apps/replicasets": {
    metaFirst: true,
    check: (s) => [
      ...nonNegative(s, [
        "replicas",
        "fullyLabeledReplicas",
        "readyReplicas",
        "availableReplicas",
        "observedGeneration",
      ]),
      ...notAbove(s, [
        ["fullyLabeledReplicas", "replicas", ABOVE_REPLICAS],
        ["readyReplicas", "replicas", ABOVE_REPLICAS],
        ["availableReplicas", "replicas", ABOVE_REPLICAS],
        ["availableReplicas", "readyReplicas", "cannot be greater than readyReplicas"],
      ]),
    ],
  },
  "apps/statefulsets": {
    metaFirst: false,
    check: (s) => [
      ...nonNegative(s, [
        "replicas",
        "readyReplicas",
        "currentReplicas",
        "updatedReplicas",
        "availableReplicas",
        "observedGeneration",
        "collisionCount",
      ]),
      ...notAbove(s, [
        ["readyReplicas", "replicas", ABOVE_REPLICAS],
        ["currentReplicas", "replicas", ABOVE_REPLICAS],
        ["updatedReplicas", "replicas", ABOVE_REPLICAS],
        ["availableReplicas", "replicas", ABOVE_REPLICAS],
        ["availableReplicas", "readyReplicas", "cannot be greater than status.readyReplicas"],
      ]),
    ],
  },
  "apps/daemonsets": {
    metaFirst: true,
    check: (s) =>
      nonNegative(s, [
        "currentNumberScheduled",
        "numberMisscheduled",
        "desiredNumberScheduled",
        "numberReady",
        "observedGeneration",
        "updatedNumberScheduled",
        "numberAvailable",
        "numberUnavailable",
        "collisionCount",
      ]),
  },
  // The PDB status strategy checks the status only (no metadata update).
  "policy/poddisruptionbudgets": {
    metaFirst: false,
    check: (s) =>
      nonNegative(s, ["disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods"]),
  },
};
