// kube-apiserver's LimitRanger admission, its validating half: a new Pod's containers (and the
// Pod as a whole) and a PersistentVolumeClaim's storage request must respect the `min`, `max` and
// `maxLimitRequestRatio` of every LimitRange in their namespace, or the write is 403 Forbidden.
//
// Source: k8s.io/kubernetes v1.36.3 plugin/pkg/admission/limitranger/admission.go
// (`PodValidateLimitFunc`, `PersistentVolumeClaimValidateLimitFunc`, `minConstraint`,
// `maxConstraint`, `maxRequestConstraint`, `limitRequestRatioConstraint`, `podRequests`,
// `podLimits`, `SupportsAttributes`), alike from v1.29 (pod-level resources count from 1.34,
// where the PodLevelResources gate is on by default). It runs after the object's validation (a
// 422 comes first) and after the mutating half (`src/api/defaults/limit_ranger.ts`) filled the
// defaults. Go ranges over the limit maps in random order; fkas lists their errors in name order.
// Checked against kube-apiserver v1.36.3 with scripts/oracle.

import {
  podTotal,
  type ResourceList,
  resourceList,
  scaledValue as scaled,
  showQuantity as show,
} from "../quota/mod.ts";
import { BUILTIN_CATALOG, type ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { atLeastMinor } from "./cluster_minor.ts";
import type { ServedCluster } from "./kube_env.ts";
import { StatusError } from "./status_error.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const LIMIT_RANGES = BUILTIN_CATALOG.byKey("limitranges")!;
// resource.MaxMilliValue: past it, Go compares whole units rather than thousandths.
const MAX_MILLI_VALUE = ((1n << 63n) - 1n) / 1000n;

/**
 * Checks a Pod create (or its `resize`) and a PersistentVolumeClaim create or update against the
 * LimitRanges of its namespace; throws 403 Forbidden worded as `admission.NewForbidden`.
 */
export function admitLimitRangeLimits(
  cluster: Pick<ServedCluster, "store" | "kubernetesVersion">,
  resource: ResourceType,
  object: KubeObject,
  current?: KubeObject,
  subresource?: string,
): void {
  if (resource.custom || resource.group !== "") return;
  const pod = resource.name === "pods";
  if (!pod && resource.name !== "persistentvolumeclaims") return;
  // Containers cannot change on a Pod update (only through `resize`); no other subresource.
  if (pod ? (current ? subresource !== "resize" : subresource !== undefined) : subresource) return;
  if (current?.metadata.deletionTimestamp) return;
  const namespace = object.metadata.namespace;
  if (namespace === undefined) return;
  const limitRanges = cluster.store.list(LIMIT_RANGES, namespace);
  if (limitRanges.length === 0) return;
  const podLevel = atLeastMinor(cluster.kubernetesVersion, 34);
  for (const limitRange of limitRanges) {
    const items = listOf((limitRange as Loose).spec?.limits);
    const errors = pod
      ? podErrors(items, (object as Loose).spec, podLevel)
      : claimErrors(items, (object as Loose).spec);
    if (errors.length === 0) continue;
    // utilerrors.NewAggregate: one error as it is, several in brackets.
    const message = errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
    const name = object.metadata.name ?? object.metadata.generateName ?? "";
    throw new StatusError(
      403,
      "Forbidden",
      `${resource.name} "${name}" is forbidden: ${message}`,
      { name, kind: resource.name },
    );
  }
}

function podErrors(items: Loose[], spec: Loose, podLevel: boolean): string[] {
  const errors: string[] = [];
  const containers = listOf(spec?.containers);
  const initContainers = listOf(spec?.initContainers);
  for (const item of items) {
    const type = item?.type;
    if (type === "Container") {
      for (const container of [...containers, ...initContainers]) {
        const requests = resourceList(container?.resources?.requests);
        const limits = resourceList(container?.resources?.limits);
        checkAll(errors, type, item, requests, limits);
      }
    } else if (type === "Pod") {
      const requests = podTotal(spec, "requests", podLevel);
      checkAll(errors, type, item, requests, podTotal(spec, "limits", podLevel));
    }
  }
  return errors;
}

function checkAll(
  errors: string[],
  type: string,
  item: Loose,
  requests: ResourceList,
  limits: ResourceList,
): void {
  for (const [name, enforced] of entries(item.min)) {
    push(errors, minConstraint(type, name, enforced, requests, limits));
  }
  for (const [name, enforced] of entries(item.max)) {
    push(errors, maxConstraint(type, name, enforced, requests, limits));
  }
  for (const [name, enforced] of entries(item.maxLimitRequestRatio)) {
    push(errors, ratioConstraint(type, name, enforced, requests, limits));
  }
}

// Storage requests only: a claim's limits are no user input here.
function claimErrors(items: Loose[], spec: Loose): string[] {
  const errors: string[] = [];
  const requests = resourceList(spec?.resources?.requests);
  for (const item of items) {
    const type = item?.type;
    if (type !== "PersistentVolumeClaim") continue;
    for (const [name, enforced] of entries(item.min)) {
      push(errors, minConstraint(type, name, enforced, requests, {}));
    }
    for (const [name, enforced] of entries(item.max)) {
      const request = requests[name];
      if (request === undefined) {
        errors.push(
          `maximum ${name} usage per ${type} is ${show(enforced)}.  No request is specified`,
        );
        continue;
      }
      const [observed, , bound] = comparable(request, undefined, enforced);
      if (observed > bound) {
        errors.push(
          `maximum ${name} usage per ${type} is ${show(enforced)}, but request is ${show(request)}`,
        );
      }
    }
  }
  return errors;
}

function minConstraint(
  type: string,
  name: string,
  enforced: string,
  requests: ResourceList,
  limits: ResourceList,
): string | undefined {
  const request = requests[name], limit = limits[name];
  const [observedRequest, observedLimit, bound] = comparable(request, limit, enforced);
  const min = `minimum ${name} usage per ${type} is ${show(enforced)}`;
  if (request === undefined) return `${min}.  No request is specified`;
  if (observedRequest < bound) return `${min}, but request is ${show(request)}`;
  if (limit !== undefined && observedLimit < bound) return `${min}, but limit is ${show(limit)}`;
  return undefined;
}

function maxConstraint(
  type: string,
  name: string,
  enforced: string,
  requests: ResourceList,
  limits: ResourceList,
): string | undefined {
  const request = requests[name], limit = limits[name];
  const [observedRequest, observedLimit, bound] = comparable(request, limit, enforced);
  const max = `maximum ${name} usage per ${type} is ${show(enforced)}`;
  if (limit === undefined) return `${max}.  No limit is specified`;
  if (observedLimit > bound) return `${max}, but limit is ${show(limit)}`;
  if (request !== undefined && observedRequest > bound) {
    return `${max}, but request is ${show(request)}`;
  }
  return undefined;
}

function ratioConstraint(
  type: string,
  name: string,
  enforced: string,
  requests: ResourceList,
  limits: ResourceList,
): string | undefined {
  const request = requests[name], limit = limits[name];
  const [observedRequest, observedLimit] = comparable(request, limit, enforced);
  const ratio = `${name} max limit to request ratio per ${type} is ${show(enforced)}`;
  if (request === undefined || observedRequest === 0n) {
    return `${ratio}, but no request is specified or request is 0`;
  }
  if (limit === undefined || observedLimit === 0n) {
    return `${ratio}, but no limit is specified or limit is 0`;
  }
  const observed = Number(observedLimit) / Number(observedRequest);
  const enforcedValue = scaled(enforced, 0);
  // float64 as Go computes it: thousandths when the bound fits them.
  const exceeds = enforcedValue <= MAX_MILLI_VALUE
    ? observed * 1000 > Number(scaled(enforced, -3))
    : observed > Number(enforcedValue);
  // fmt's %f: six decimals.
  return exceeds ? `${ratio}, but provided ratio is ${observed.toFixed(6)}` : undefined;
}

// requestLimitEnforcedValues: whole units, or thousandths when all three fit them (a missing
// quantity is Go's zero Quantity).
function comparable(
  request: string | undefined,
  limit: string | undefined,
  enforced: string,
): [bigint, bigint, bigint] {
  const units = [scaled(request, 0), scaled(limit, 0), scaled(enforced, 0)];
  if (units.every((value) => value <= MAX_MILLI_VALUE)) {
    return [scaled(request, -3), scaled(limit, -3), scaled(enforced, -3)];
  }
  return units as [bigint, bigint, bigint];
}

function push(errors: string[], error: string | undefined): void {
  if (error !== undefined) errors.push(error);
}

// A limit map's quantities in name order (strings only: the object was validated).
function entries(map: unknown): [string, string][] {
  return Object.entries(resourceList(map)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function listOf(value: unknown): Loose[] {
  return Array.isArray(value) ? value : [];
}
