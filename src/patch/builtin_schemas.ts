// Strategic-merge tags of the built-in kinds fkas serves, copied as data from k8s.io/api struct tags.

import { merge, mergeRetainKeys, nest, type PatchSchema } from "./patch_schema.ts";

// metav1.ObjectMeta: ownerReferences merge on uid; finalizers is a merged primitive list.
const OBJECT_META: PatchSchema = { finalizers: merge(), ownerReferences: merge("uid") };

// core/v1 Container (and EphemeralContainerCommon, which copies its tags). command, args, envFrom are atomic.
const CONTAINER: PatchSchema = {
  ports: merge("containerPort"),
  env: merge("name"),
  volumeMounts: merge("mountPath"),
  volumeDevices: merge("devicePath"),
};

// core/v1 PodSpec. tolerations and readinessGates carry no tags and are replaced.
const POD_SPEC: PatchSchema = {
  volumes: mergeRetainKeys("name"),
  initContainers: merge("name"),
  containers: merge("name"),
  ephemeralContainers: merge("name"),
  imagePullSecrets: merge("name"),
  hostAliases: merge("ip"),
  topologySpreadConstraints: merge("topologyKey"),
  schedulingGates: merge("name"),
  resourceClaims: mergeRetainKeys("name"),
  ...nest("initContainers", CONTAINER),
  ...nest("containers", CONTAINER),
  ...nest("ephemeralContainers", CONTAINER),
};

// core/v1 PodStatus. containerStatuses and initContainerStatuses are atomic.
const POD_STATUS: PatchSchema = {
  conditions: merge("type"),
  podIPs: merge("ip"),
  hostIPs: merge("ip"),
  resourceClaimStatuses: mergeRetainKeys("name"),
};

const CONDITIONS_BY_TYPE: PatchSchema = { "status.conditions": merge("type") };

/** An object kind: its ObjectMeta tags plus the given ones. */
function kind(fields: PatchSchema = {}): PatchSchema {
  return Object.freeze({ ...nest("metadata", OBJECT_META), ...fields });
}

// apps/v1 workloads: spec.template is a PodTemplateSpec, status.conditions merge on type.
function workload(extra: PatchSchema = {}): PatchSchema {
  return kind({
    ...nest("spec.template.metadata", OBJECT_META),
    ...nest("spec.template.spec", POD_SPEC),
    ...CONDITIONS_BY_TYPE,
    ...extra,
  });
}

const SCHEMAS: Readonly<Record<string, PatchSchema>> = {
  pods: kind({ ...nest("spec", POD_SPEC), ...nest("status", POD_STATUS) }),
  // spec.taints is atomic (no patchMergeKey): a taint patch replaces the whole list.
  nodes: kind({
    "spec.podCIDRs": merge(),
    "status.conditions": merge("type"),
    "status.addresses": merge("type"),
  }),
  namespaces: kind(CONDITIONS_BY_TYPE),
  services: kind({ "spec.ports": merge("port"), ...CONDITIONS_BY_TYPE }),
  serviceaccounts: kind({ secrets: merge("name") }),
  configmaps: kind(),
  secrets: kind(),
  endpoints: kind(),
  events: kind(),
  "events.k8s.io/events": kind(),
  "apps/deployments": workload({ "spec.strategy": { patchStrategy: "retainKeys" } }),
  "apps/daemonsets": workload(),
  "apps/replicasets": workload(),
  "apps/statefulsets": workload(),
  "coordination.k8s.io/leases": kind(),
  "rbac.authorization.k8s.io/roles": kind(),
  "rbac.authorization.k8s.io/rolebindings": kind(),
  "rbac.authorization.k8s.io/clusterroles": kind(),
  "rbac.authorization.k8s.io/clusterrolebindings": kind(),
  "storage.k8s.io/csidrivers": kind(),
  "storage.k8s.io/volumeattachments": kind(),
  "apiextensions.k8s.io/customresourcedefinitions": kind(),
  "policy/poddisruptionbudgets": kind(CONDITIONS_BY_TYPE),
};

/**
 * The strategic-merge schema of a built-in resource (`pods`, `apps/deployments`; no subresource suffix),
 * or undefined for custom resources, which kube-apiserver answers with 415.
 */
export function strategicSchemaFor(resourceKey: string): PatchSchema | undefined {
  return Object.hasOwn(SCHEMAS, resourceKey) ? SCHEMAS[resourceKey] : undefined;
}
