// A fault rule as data, and its validation from an untrusted request body.

import * as v from "valibot";

/** The Kubernetes verbs a rule can target (besides `*`). */
export const FAULT_VERBS = [
  "get",
  "list",
  "watch",
  "create",
  "update",
  "patch",
  "delete",
  "deletecollection",
] as const;

/** The status codes a rule can answer with. */
export const FAULT_CODES = [429, 500, 503, 504] as const;

/** What to do to the requests a rule matches: delay them, fail some of them, or both. */
export interface FaultRule {
  readonly id: string;
  /** A kube verb or `*` (the default). */
  readonly verb?: string;
  /** `pods` (any group), `apps/deployments`, `apps/*` or `*` (the default). */
  readonly resource?: string;
  readonly latencyMs?: number;
  /** Extra delay drawn uniformly from [0, jitterMs]. */
  readonly jitterMs?: number;
  /** Share of matching requests that fail, 0..1; 1 when only `errorCode` is given. */
  readonly errorRate?: number;
  /** 500 unless given. */
  readonly errorCode?: (typeof FAULT_CODES)[number];
  /** The `Retry-After` a 429 or 504 carries, in seconds (default 1). */
  readonly retryAfterSeconds?: number;
  /** Apply to the next N matching requests only, then drop the rule. */
  readonly count?: number;
}

/** Bad input for a rule, naming the offending field (`error` and `field` of a 400 answer). */
export class FaultRuleError extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
    this.name = "FaultRuleError";
  }
}

/**
 * The longest delay a rule may ask for (latencyMs, jitterMs), and the longest a request waits for
 * all its matching rules together: one hour, far inside a timer's range (2^31 - 1 ms).
 */
export const MAX_FAULT_DELAY_MS = 3_600_000;

const ms = v.pipe(
  v.number("must be a number"),
  v.finite("must be a finite number"),
  v.minValue(0, "must not be negative"),
  v.maxValue(MAX_FAULT_DELAY_MS, "must be at most 3600000 (one hour)"),
);

const RESOURCE = /^(\*|([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?([a-z0-9]([-a-z0-9]*[a-z0-9])?|\*))$/;

const RULE = v.strictObject({
  id: v.pipe(
    v.string("must be a string"),
    v.nonEmpty("must not be empty"),
    v.maxLength(253, "must be at most 253 characters"),
    v.regex(/^[A-Za-z0-9][-A-Za-z0-9_.]*$/, "must be letters, digits, '-', '_' or '.'"),
  ),
  verb: v.optional(
    v.picklist(["*", ...FAULT_VERBS], `must be "*" or one of ${FAULT_VERBS.join(", ")}`),
  ),
  resource: v.optional(
    v.pipe(
      v.string("must be a string"),
      v.regex(RESOURCE, 'must be "*", a resource such as "pods", or "<group>/<resource>"'),
    ),
  ),
  latencyMs: v.optional(ms),
  jitterMs: v.optional(ms),
  errorRate: v.optional(
    v.pipe(
      v.number("must be a number"),
      v.finite("must be between 0 and 1"),
      v.minValue(0, "must be between 0 and 1"),
      v.maxValue(1, "must be between 0 and 1"),
    ),
  ),
  errorCode: v.optional(v.picklist(FAULT_CODES, `must be one of ${FAULT_CODES.join(", ")}`)),
  retryAfterSeconds: v.optional(
    v.pipe(
      v.number("must be a number"),
      v.integer("must be a whole number"),
      v.minValue(0, "must not be negative"),
      v.maxValue(3600, "must be at most 3600"),
    ),
  ),
  count: v.optional(
    v.pipe(
      v.number("must be a number"),
      v.safeInteger("must be a whole number"),
      v.minValue(1, "must be at least 1"),
    ),
  ),
});

/** Validates a rule from a request body; throws a FaultRuleError naming the first bad field. */
export function parseFaultRule(body: unknown): FaultRule {
  // valibot's object schemas take arrays too; a list of rules is a different request.
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new FaultRuleError("a fault rule must be a JSON object");
  }
  const result = v.safeParse(RULE, body);
  if (!result.success) {
    const issue = result.issues[0];
    const field = issue.path?.map((item) => String(item.key)).join(".");
    const message = issue.type === "strict_object" && issue.expected === "never"
      ? "is not a known field"
      : issue.input === undefined
      ? "is required"
      : issue.message;
    throw new FaultRuleError(field ? `${field}: ${message}` : message, field || undefined);
  }
  const rule = result.output;
  if (
    rule.latencyMs === undefined && rule.jitterMs === undefined &&
    rule.errorRate === undefined && rule.errorCode === undefined
  ) {
    throw new FaultRuleError("a rule needs latencyMs, jitterMs, errorRate or errorCode");
  }
  return rule;
}
