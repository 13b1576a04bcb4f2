// Fault injection for a cluster's API: rules as data, validated, and a per-cluster plan.

export {
  FAULT_CODES,
  FAULT_VERBS,
  type FaultRule,
  FaultRuleError,
  MAX_FAULT_DELAY_MS,
  parseFaultRule,
} from "./fault_rule.ts";
export { type FaultDecision, FaultPlan, type FaultRequest } from "./fault_plan.ts";
export { type FaultError, faultError } from "./fault_error.ts";
export { seededRandom } from "./seeded_random.ts";
