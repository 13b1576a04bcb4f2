// ResourceQuota admission's decision for one write: refuse it, or charge the quotas it counts in.
//
// After k8s.io/apiserver v0.36.3 pkg/admission/plugin/resourcequota/controller.go `CheckRequest`
// (without the admission configuration's limitedResources, empty by default): a quota counts a
// write when its scopes select the object and its `status.hard` names a resource the object's
// evaluator counts; the write must then state what the Pod evaluator's constraints require,
// the quota's status must know its usage, and `status.used` plus the write's usage (on update,
// what grew) must stay within `status.hard`. The new `status.used` is what admission writes.

import {
  matchingNames,
  objectUsage,
  podConstraints,
  type QuotaResource,
  scopesMatch,
} from "./usage.ts";
import {
  compareQuantity,
  QuantitySums,
  type ResourceList,
  resourceList,
  scaledValue,
  showQuantity,
} from "./quantities.ts";
import { QuotaError } from "./quota_error.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** A quota whose `status.used` the admitted write changes. */
export interface QuotaCharge {
  readonly quota: Loose;
  readonly used: ResourceList;
}

/**
 * Checks a create (`current` undefined) or update of `object` against the namespace's quotas;
 * answers the charges to write, or throws QuotaError with kube-apiserver's words.
 */
export function checkQuotas(
  quotas: readonly Loose[],
  resource: QuotaResource,
  object: Loose,
  current: Loose | undefined,
  podLevel: boolean,
): QuotaCharge[] {
  const interesting: Loose[] = [];
  for (const quota of quotas) {
    const hard = resourceList(quota?.status?.hard);
    const restricted = matchingNames(resource, Object.keys(hard));
    if (restricted.length === 0 || !scopesMatch(resource, quota, object)) continue;
    const name = quota.metadata?.name ?? "";
    if (resource.group === "" && resource.name === "pods") {
      const missing = podConstraints(restricted, object?.spec, podLevel);
      if (missing) throw new QuotaError(`failed quota: ${name}: ${missing}`);
    }
    const used = resourceList(quota?.status?.used);
    const unknown = restricted.filter((n) => used[n] === undefined);
    if (unknown.length > 0) {
      throw new QuotaError(
        `status unknown for quota: ${name}, resources: ${
          [...new Set(restricted)].sort().join(",")
        }`,
      );
    }
    interesting.push(quota);
  }
  if (interesting.length === 0) return [];
  const usage = objectUsage(resource, object, podLevel);
  const negative = Object.keys(usage).filter((n) => scaledValue(usage[n], -9) < 0n).sort();
  if (negative.length > 0) {
    throw new QuotaError(`quota usage is negative for resource(s): ${negative.join(",")}`);
  }
  const charges: QuotaCharge[] = [];
  for (const quota of interesting) {
    let delta = usage;
    if (current !== undefined && current.metadata?.resourceVersion) {
      // Only what grew is charged, and only when the quota counted the object before too.
      if (scopesMatch(resource, quota, current)) {
        delta = grown(usage, objectUsage(resource, current, podLevel));
      }
    }
    const hard = resourceList(quota.status.hard);
    const requested: Record<string, string> = {};
    for (const [name, quantity] of Object.entries(delta)) {
      if (hard[name] !== undefined && scaledValue(quantity, -9) !== 0n) requested[name] = quantity;
    }
    if (Object.keys(requested).length === 0) continue;
    const used = resourceList(quota.status.used);
    const added = new QuantitySums();
    const names = Object.keys(requested);
    const newUsage: Record<string, string> = { ...used };
    for (const name of names) {
      newUsage[name] = added.add({ [name]: used[name] ?? "0" }).add({ [name]: requested[name] })
        .list()[name];
    }
    const exceeded = names.filter((name) => compareQuantity(newUsage[name], hard[name]) > 0);
    if (exceeded.length > 0) {
      const name = quota.metadata?.name ?? "";
      throw new QuotaError(
        `exceeded quota: ${name}, requested: ${pretty(requested, exceeded)}, used: ${
          pretty(used, exceeded)
        }, limited: ${pretty(hard, exceeded)}`,
      );
    }
    charges.push({ quota, used: newUsage });
  }
  return charges;
}

// quota.SubtractWithNonNegativeResult, zeros dropped.
function grown(now: ResourceList, before: ResourceList): ResourceList {
  const out: Record<string, string> = {};
  for (const [name, quantity] of Object.entries(now)) {
    const difference = scaledValue(quantity, -9) - scaledValue(before[name], -9);
    if (difference > 0n) out[name] = showQuantity(`${difference}n`);
  }
  return out;
}

// prettyPrint of the masked list: `name=quantity` in name order, comma-separated.
function pretty(list: ResourceList, names: readonly string[]): string {
  return [...names].filter((n) => list[n] !== undefined).sort().map((n) =>
    `${n}=${showQuantity(list[n])}`
  ).join(",");
}
