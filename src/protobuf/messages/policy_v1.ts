// policy/v1 messages; field numbers from kubernetes/api policy/v1/generated.proto (v0.26).

import type { MessageTable } from "../descriptor.ts";

/** Eviction and PodDisruptionBudget. */
export const POLICY_V1: MessageTable = {
  Eviction: { 1: "metadata ObjectMeta", 2: "deleteOptions DeleteOptions" },
  PodDisruptionBudget: {
    1: "metadata ObjectMeta",
    2: "spec PodDisruptionBudgetSpec",
    3: "status PodDisruptionBudgetStatus",
  },
  PodDisruptionBudgetSpec: {
    1: "minAvailable IntOrString",
    2: "selector LabelSelector",
    3: "maxUnavailable IntOrString",
    4: "unhealthyPodEvictionPolicy string?",
  },
  PodDisruptionBudgetStatus: {
    1: "observedGeneration int64",
    2: "disruptedPods map<Time>",
    3: "disruptionsAllowed int32?",
    4: "currentHealthy int32?",
    5: "desiredHealthy int32?",
    6: "expectedPods int32?",
    7: "conditions Condition[]",
  },
};
