// What one object counts against a ResourceQuota: the quota evaluators of kube-apiserver and
// kube-controller-manager for Pods, Services, PersistentVolumeClaims and every other kind's count.
//
// After k8s.io/kubernetes v1.36.3 pkg/quota/v1/evaluator/core (pods.go `PodUsageFunc`,
// `podComputeUsageHelper`, `Constraints`, `MatchingResources`, `podMatchesScopeFunc`; services.go
// `Usage`; persistent_volume_claims.go `Usage`) and k8s.io/apiserver pkg/quota/v1/generic
// (`ObjectCountQuotaResourceNameFor`, `Matches`). Not modelled: a quota's VolumeAttributesClass
// scope on claims (such a quota counts no claim), a claim's `status.allocatedResources` and
// DRA device classes.

import { hasPodLevelResources, podTotal } from "./pod_resources.ts";
import { QuantitySums, type ResourceList, resourceList, scaledValue } from "./quantities.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** A resource as the evaluators know it: its plural and API group. */
export interface QuotaResource {
  readonly name: string;
  readonly group: string;
}

const POD_RESOURCES = new Set([
  "count/pods",
  "cpu",
  "memory",
  "ephemeral-storage",
  "requests.cpu",
  "requests.memory",
  "requests.ephemeral-storage",
  "limits.cpu",
  "limits.memory",
  "limits.ephemeral-storage",
  "pods",
]);
// quota.ToSet(required).Intersection(validationSet): what every container must then state.
const VALIDATION_SET = new Set([
  "cpu",
  "memory",
  "requests.cpu",
  "requests.memory",
  "limits.cpu",
  "limits.memory",
]);
const SERVICE_RESOURCES = new Set([
  "count/services",
  "services",
  "services.loadbalancers",
  "services.nodeports",
]);
const CLAIM_RESOURCES = new Set([
  "count/persistentvolumeclaims",
  "persistentvolumeclaims",
  "requests.storage",
]);
const STORAGE_CLASS_SUFFIX = ".storageclass.storage.k8s.io/";
// The legacy names of the object count evaluators (install/registry.go legacyObjectCountAliases).
const LEGACY_COUNTS: Readonly<Record<string, string>> = {
  configmaps: "configmaps",
  resourcequotas: "resourcequotas",
  replicationcontrollers: "replicationcontrollers",
  secrets: "secrets",
};
// v1helper.IsNativeResource: no domain, or a kubernetes.io one.
const NATIVE = /^(?:[^/]*|(?:[^/]*\.)?kubernetes\.io\/.*)$/;

/** `count/<resource>[.<group>]`: the object count name of a resource. */
export function countName(resource: QuotaResource): string {
  return resource.group ? `count/${resource.name}.${resource.group}` : `count/${resource.name}`;
}

/** `MatchingResources`: the names of `hard` that the resource's evaluator counts. */
export function matchingNames(resource: QuotaResource, hard: readonly string[]): string[] {
  const core = resource.group === "";
  const count = countName(resource);
  if (core && resource.name === "pods") {
    return [
      ...hard.filter((name) => POD_RESOURCES.has(name)),
      ...hard.filter((name) =>
        name.startsWith("hugepages-") || name.startsWith("requests.hugepages-") ||
        (name.startsWith("requests.") && !NATIVE.test(name))
      ),
    ];
  }
  if (core && resource.name === "services") return hard.filter((n) => SERVICE_RESOURCES.has(n));
  if (core && resource.name === "persistentvolumeclaims") {
    return hard.filter((name) =>
      CLAIM_RESOURCES.has(name) ||
      (name.includes(STORAGE_CLASS_SUFFIX) &&
        (name.endsWith("/requests.storage") || name.endsWith("/persistentvolumeclaims")))
    );
  }
  const legacy = core ? LEGACY_COUNTS[resource.name] : undefined;
  return hard.filter((name) => name === count || name === legacy);
}

/** `Usage`: what the object counts, by resource name (quantities as Go prints them). */
export function objectUsage(
  resource: QuotaResource,
  object: Loose,
  podLevel: boolean,
): ResourceList {
  const core = resource.group === "";
  const count = countName(resource);
  if (core && resource.name === "pods") return podUsage(object, podLevel);
  if (core && resource.name === "services") return serviceUsage(object?.spec);
  if (core && resource.name === "persistentvolumeclaims") return claimUsage(object?.spec);
  const legacy = core ? LEGACY_COUNTS[resource.name] : undefined;
  return legacy ? { [count]: "1", [legacy]: "1" } : { [count]: "1" };
}

function podUsage(pod: Loose, podLevel: boolean): ResourceList {
  // Pods at the end of their life count as objects only (`QuotaV1Pod`).
  const phase = pod?.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") return { "count/pods": "1" };
  const spec = pod?.spec;
  const usage = computeUsage(
    podTotal(spec, "requests", podLevel),
    podTotal(spec, "limits", podLevel),
  );
  return new QuantitySums().add({ "count/pods": "1" }).add(usage).list();
}

// podComputeUsageHelper.
function computeUsage(requests: ResourceList, limits: ResourceList): Record<string, string> {
  const result: Record<string, string> = { pods: "1" };
  for (const name of ["cpu", "memory", "ephemeral-storage"]) {
    if (requests[name] !== undefined) {
      result[name] = requests[name];
      result[`requests.${name}`] = requests[name];
    }
    if (limits[name] !== undefined) result[`limits.${name}`] = limits[name];
  }
  for (const [name, request] of Object.entries(requests)) {
    if (name.startsWith("hugepages-")) {
      result[name] = request;
      result[`requests.${name}`] = request;
    }
  }
  return result;
}

/** `Constraints` of the Pod evaluator: the message naming containers that must state a resource. */
export function podConstraints(required: readonly string[], spec: Loose, podLevel: boolean) {
  if (podLevel && hasPodLevelResources(spec)) return undefined;
  const requiredSet = required.filter((name) => VALIDATION_SET.has(name));
  if (requiredSet.length === 0) return undefined;
  const missing = new Map<string, Set<string>>();
  const containers = [...listOf(spec?.containers), ...listOf(spec?.initContainers)];
  for (const container of containers) {
    const usage = computeUsage(
      resourceList(container?.resources?.requests),
      resourceList(container?.resources?.limits),
    );
    for (const name of requiredSet) {
      if (usage[name] !== undefined) continue;
      let names = missing.get(name);
      if (!names) missing.set(name, names = new Set());
      names.add(String(container?.name ?? ""));
    }
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()].sort(byteOrder).map((name) =>
    `${name} for: ${[...missing.get(name)!].sort(byteOrder).join(",")}`
  );
  return `must specify ${parts.join("; ")}`;
}

function serviceUsage(spec: Loose): ResourceList {
  const ports = listOf(spec?.ports);
  let nodePorts = 0, loadBalancers = 0;
  if (spec?.type === "NodePort") nodePorts = ports.length;
  else if (spec?.type === "LoadBalancer") {
    nodePorts = spec.allocateLoadBalancerNodePorts === false
      ? ports.filter((port) => port?.nodePort).length
      : ports.length;
    loadBalancers = 1;
  }
  return {
    "count/services": "1",
    services: "1",
    "services.loadbalancers": String(loadBalancers),
    "services.nodeports": String(nodePorts),
  };
}

function claimUsage(spec: Loose): ResourceList {
  const usage: Record<string, string> = {
    persistentvolumeclaims: "1",
    "count/persistentvolumeclaims": "1",
  };
  const storageClass = typeof spec?.storageClassName === "string" ? spec.storageClassName : "";
  if (storageClass) usage[`${storageClass}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`] = "1";
  const storage = resourceList(spec?.resources?.requests).storage;
  if (storage !== undefined) {
    usage["requests.storage"] = storage;
    if (storageClass) usage[`${storageClass}${STORAGE_CLASS_SUFFIX}requests.storage`] = storage;
  }
  return usage;
}

/**
 * Whether a quota's scopes (`spec.scopes`, `spec.scopeSelector`) select the object: any scope
 * selects pods only (`MatchesNoScopeFunc` for every other kind).
 */
export function scopesMatch(resource: QuotaResource, quota: Loose, object: Loose): boolean {
  const selectors: Loose[] = [
    ...listOf(quota?.spec?.scopes).map((scopeName) => ({ scopeName, operator: "Exists" })),
    ...listOf(quota?.spec?.scopeSelector?.matchExpressions),
  ];
  if (selectors.length === 0) return true;
  if (resource.group !== "" || resource.name !== "pods") return false;
  return selectors.every((selector) => podMatchesScope(selector, object?.spec));
}

function podMatchesScope(selector: Loose, spec: Loose): boolean {
  switch (selector?.scopeName) {
    case "Terminating":
      return isTerminating(spec);
    case "NotTerminating":
      return !isTerminating(spec);
    case "BestEffort":
      return isBestEffort(spec);
    case "NotBestEffort":
      return !isBestEffort(spec);
    case "PriorityClass": {
      const name = typeof spec?.priorityClassName === "string" ? spec.priorityClassName : "";
      const values = listOf(selector.values);
      switch (selector.operator) {
        case "Exists":
          return name !== "";
        case "DoesNotExist":
          return name === "";
        case "In":
          return values.includes(name);
        case "NotIn":
          return !values.includes(name);
      }
      return false;
    }
    case "CrossNamespacePodAffinity":
      return usesCrossNamespaceAffinity(spec?.affinity);
  }
  return false;
}

function isTerminating(spec: Loose): boolean {
  return typeof spec?.activeDeadlineSeconds === "number" && spec.activeDeadlineSeconds >= 0;
}

// qos.GetPodQOS == BestEffort: no container (nor the Pod) requests or limits cpu or memory.
function isBestEffort(spec: Loose): boolean {
  const lists = [
    spec?.resources,
    ...[...listOf(spec?.containers), ...listOf(spec?.initContainers)].map((c) => c?.resources),
  ];
  return lists.every((resources) =>
    [resources?.requests, resources?.limits].every((list) => {
      const quantities = resourceList(list);
      return !["cpu", "memory"].some((name) =>
        quantities[name] !== undefined && scaledValue(quantities[name], -9) > 0n
      );
    })
  );
}

function usesCrossNamespaceAffinity(affinity: Loose): boolean {
  const terms = [affinity?.podAffinity, affinity?.podAntiAffinity].flatMap((kind) => [
    ...listOf(kind?.requiredDuringSchedulingIgnoredDuringExecution),
    ...listOf(kind?.preferredDuringSchedulingIgnoredDuringExecution).map((w) => w?.podAffinityTerm),
  ]);
  return terms.some((term) =>
    listOf(term?.namespaces).length > 0 || term?.namespaceSelector != null
  );
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function listOf(value: unknown): Loose[] {
  return Array.isArray(value) ? value : [];
}
