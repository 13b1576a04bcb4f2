// A Pod's requests and limits as one sum, as admission and quota count them.
//
// After k8s.io/kubernetes v1.36.3 plugin/pkg/admission/limitranger/admission.go `podRequests` and
// `podLimits` (the spec only, no status): every container, each sidecar (an init container
// restarting Always) on top, and the largest init container (with the sidecars started before it)
// when that is more; pod-level cpu and memory replace the sums where set (PodLevelResources, on
// by default from 1.34).

import { keepLarger, QuantitySums, type ResourceList, resourceList } from "./quantities.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const POD_LEVEL_RESOURCES = new Set(["cpu", "memory"]);

/** The Pod's total `requests` or `limits`; `podLevel` when the PodLevelResources gate is on. */
export function podTotal(
  spec: Loose,
  field: "requests" | "limits",
  podLevel: boolean,
): ResourceList {
  const sum = new QuantitySums();
  for (const container of listOf(spec?.containers)) {
    sum.add(resourceList(container?.resources?.[field]));
  }
  const sidecars = new QuantitySums();
  const initMax: Record<string, string> = {};
  for (const container of listOf(spec?.initContainers)) {
    const own = resourceList(container?.resources?.[field]);
    let counted: ResourceList;
    if (container?.restartPolicy === "Always") {
      sum.add(own);
      counted = sidecars.add(own).list();
    } else counted = new QuantitySums().add(own).add(sidecars.list()).list();
    keepLarger(initMax, counted);
  }
  const result = sum.list();
  keepLarger(result, initMax);
  if (podLevel) {
    for (const [name, quantity] of Object.entries(resourceList(spec?.resources?.[field]))) {
      if (POD_LEVEL_RESOURCES.has(name)) result[name] = quantity;
    }
  }
  return result;
}

/** Whether the Pod sets pod-level cpu or memory (`IsPodLevelResourcesSet`). */
export function hasPodLevelResources(spec: Loose): boolean {
  const resources = spec?.resources;
  return [resources?.requests, resources?.limits].some((list) =>
    Object.keys(resourceList(list)).some((name) => POD_LEVEL_RESOURCES.has(name))
  );
}

function listOf(value: unknown): Loose[] {
  return Array.isArray(value) ? value : [];
}
