// kube-apiserver's ResourceQuota admission: a namespaced write that would take a quota of its
// namespace past `status.hard` is 403 Forbidden; an admitted one is charged first, as
// kube-apiserver writes the quotas' `status.used` (manager `kube-apiserver`, subresource status)
// before it stores the object. Dry runs are checked and never charged.
//
// Source: k8s.io/apiserver v0.36.3 pkg/admission/plugin/resourcequota (admission.go `Validate`,
// controller.go `Evaluate`, `CheckRequest`) with the evaluators of k8s.io/kubernetes
// pkg/quota/v1/evaluator/core (`Handles`): creates of every kind but Events, and updates of
// Services and PersistentVolumeClaims (a plain Pod update is never counted, whatever scope it
// moves: the pod evaluator handles only creates and, from 1.33, `pods/resize`: what grew is
// charged). Not modelled: the admission configuration's limitedResources. Checked against
// kube-apiserver v1.36.3 with scripts/oracle (its quotas' status set by hand, as the oracle runs
// no kube-controller-manager). What kube-controller-manager's quota controller does (status.hard,
// usage recounted after deletes) is `src/controllers/resource_quota.ts`.

import { checkQuotas, QuotaError } from "../quota/mod.ts";
import { BUILTIN_CATALOG, type ResourceType } from "../resources/mod.ts";
import { type KubeObject, StoreError } from "../store/mod.ts";
import { atLeastMinor } from "./cluster_minor.ts";
import { trackUpdate } from "./field_tracking.ts";
import { objectJson } from "./json_body.ts";
import type { ServedCluster } from "./kube_env.ts";
import { StatusError } from "./status_error.ts";

const RESOURCE_QUOTAS = BUILTIN_CATALOG.byKey("resourcequotas")!;
// install.DefaultIgnoredResources that are namespaced.
const IGNORED = new Set(["events", "events.k8s.io/events"]);
const UPDATES_COUNTED = new Set(["services", "persistentvolumeclaims"]);

// The evaluators' Handles for an update: Services and claims, and from 1.33 (InPlacePodVerticalScaling
// on by default) a pod's resize.
function countsUpdate(
  cluster: ServedCluster,
  resource: ResourceType,
  subresource: string | undefined,
): boolean {
  if (subresource === "resize") {
    return resource.key === "pods" && atLeastMinor(cluster.kubernetesVersion, 33);
  }
  return subresource === undefined && UPDATES_COUNTED.has(resource.key);
}

/**
 * Checks a create (`current` undefined) or update against the ResourceQuotas of its namespace and
 * charges them unless `dryRun` (the charge records a managedFields entry when `now` is known);
 * throws 403 Forbidden worded as `admission.NewForbidden`.
 */
export function admitResourceQuotas(
  cluster: ServedCluster,
  resource: ResourceType,
  object: KubeObject,
  now: Date | undefined,
  current?: KubeObject,
  subresource?: string,
  dryRun = false,
): void {
  const namespace = object.metadata.namespace;
  if (!resource.namespaced || namespace === undefined || IGNORED.has(resource.key)) return;
  const quotas = cluster.store.list(RESOURCE_QUOTAS, namespace);
  if (quotas.length === 0) return;
  if (current && !countsUpdate(cluster, resource, subresource)) return;
  const podLevel = atLeastMinor(cluster.kubernetesVersion, 34);
  let charges;
  try {
    charges = checkQuotas(quotas, resource, object, current, podLevel);
  } catch (error) {
    if (!(error instanceof QuotaError)) throw error;
    const name = object.metadata.name ?? object.metadata.generateName ?? "";
    throw new StatusError(
      403,
      "Forbidden",
      `${resource.name} "${name}" is forbidden: ${error.message}`,
      { name, ...(resource.group ? { group: resource.group } : {}), kind: resource.name },
      { cause: error },
    );
  }
  if (dryRun) return;
  for (const { quota, used } of charges) {
    const stored = quota as KubeObject;
    const next = { ...stored, status: { ...(quota.status ?? {}), used } } as KubeObject;
    const manager = now && { name: "kube-apiserver", now: now.getTime() };
    const tracked = trackUpdate(cluster, RESOURCE_QUOTAS, "status", stored, next, manager);
    try {
      cluster.store.update(RESOURCE_QUOTAS, tracked, { encode: objectJson });
    } catch (error) {
      // etcd past its quota refuses this write too (as every write that grows the database).
      if (error instanceof StoreError) throw StatusError.fromStore(error, RESOURCE_QUOTAS);
      throw error;
    }
  }
}
