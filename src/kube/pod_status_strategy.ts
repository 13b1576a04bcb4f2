// What podStatusStrategy does to a Pod's status write beyond taking the status: the QoS class
// kept when a (rejected pod's old) kubelet dropped it, observed generations a write leaves unset
// kept, and observed generations dropped while PodObservedGenerationTracking is off (1.33, its
// alpha) unless the stored status uses them already.
//
// Source: k8s.io/kubernetes pkg/registry/core/pod/strategy.go `podStatusStrategy.PrepareForUpdate`
// (QOSClass from v1.32, `preserveOldObservedGeneration` from v1.33) and pkg/api/pod/util.go
// `dropDisabledPodStatusFields` (`podObservedGenerationTrackingInUse`); the gate's defaults in
// pkg/features/kube_features.go (alpha off in 1.33, beta on in 1.34, GA in 1.35).

// deno-lint-ignore no-explicit-any
type Loose = any;

/** The Pod `updated` (a status write's result) as the status strategy leaves it, in a new object. */
export function preparePodStatus(updated: Loose, current: Loose, minor: number): Loose {
  const status = updated.status;
  if (status === null || typeof status !== "object" || Array.isArray(status)) return updated;
  const old = current.status ?? {};
  const next: Loose = { ...status };
  if (minor >= 32 && !next.qosClass && old.qosClass) next.qosClass = old.qosClass;
  if (minor >= 33) {
    if (!next.observedGeneration && old.observedGeneration) {
      next.observedGeneration = old.observedGeneration;
    }
    next.conditions = preservedConditionGenerations(next.conditions, old.conditions);
    if (minor === 33 && !trackingInUse(old)) {
      delete next.observedGeneration;
      if (Array.isArray(next.conditions)) {
        next.conditions = next.conditions.map((c: Loose) => withoutGeneration(c));
      }
    }
  }
  if (next.conditions === undefined) delete next.conditions;
  return { ...updated, status: next };
}

// Conditions the write sent without an observedGeneration keep their old one, matched by type in
// order (validation lets a type repeat).
function preservedConditionGenerations(conditions: unknown, oldConditions: unknown): unknown {
  if (!Array.isArray(conditions)) return conditions;
  const old = new Map<unknown, number[]>();
  for (const condition of Array.isArray(oldConditions) ? oldConditions : []) {
    const list = old.get(condition?.type) ?? [];
    list.push(condition?.observedGeneration ?? 0);
    old.set(condition?.type, list);
  }
  return conditions.map((condition: Loose) => {
    const generation = old.get(condition?.type)?.shift() ?? 0;
    if (condition?.observedGeneration || !generation) return condition;
    return { ...condition, observedGeneration: generation };
  });
}

function trackingInUse(status: Loose): boolean {
  if (status?.observedGeneration) return true;
  return Array.isArray(status?.conditions) &&
    status.conditions.some((c: Loose) => c?.observedGeneration);
}

function withoutGeneration(condition: Loose): Loose {
  if (!condition || typeof condition !== "object" || !("observedGeneration" in condition)) {
    return condition;
  }
  const { observedGeneration: _, ...rest } = condition;
  return rest;
}
