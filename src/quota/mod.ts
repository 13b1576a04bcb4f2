// ResourceQuota's counting: usage per object, scopes, admission's check and quantity arithmetic.

export { checkQuotas, type QuotaCharge } from "./quota_check.ts";
export { QuotaError } from "./quota_error.ts";
export { hasPodLevelResources, podTotal } from "./pod_resources.ts";
export {
  compareQuantity,
  QuantitySums,
  type ResourceList,
  resourceList,
  scaledValue,
  showQuantity,
} from "./quantities.ts";
export { countName, matchingNames, objectUsage, type QuotaResource, scopesMatch } from "./usage.ts";
