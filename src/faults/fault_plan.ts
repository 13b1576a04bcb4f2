// One cluster's fault rules, and the decision of what to do to each request.

import { type FaultError, faultError } from "./fault_error.ts";
import { type FaultRule, MAX_FAULT_DELAY_MS } from "./fault_rule.ts";

/** A request as a fault plan sees it: the kube verb and `pods` or `apps/deployments`. */
export interface FaultRequest {
  readonly verb: string;
  readonly resource: string;
}

/** What to do to one request: wait `delayMs`, then answer `error` if set (else serve it). */
export interface FaultDecision {
  readonly delayMs: number;
  readonly error?: FaultError;
}

/** The ordered fault rules of one cluster. */
export class FaultPlan {
  // Insertion order is rule order; the remaining count lives here so `list` can show it.
  readonly #rules = new Map<string, { rule: FaultRule; remaining?: number }>();
  #changed?: (rules: FaultRule[]) => void;
  #expired?: (ids: string[]) => void;

  /**
   * Calls `listener` with the rules after each add, remove, clear, and each match of a counted
   * rule (the journal: a restart brings back the count left, not the count the rule was added
   * with; a match of uncounted rules only is no change).
   */
  onChange(listener: (rules: FaultRule[]) => void): void {
    this.#changed = listener;
  }

  /** Calls `listener` with the ids of counted rules that a match just used up (the log). */
  onExpire(listener: (ids: string[]) => void): void {
    this.#expired = listener;
  }

  /** Adds a rule, or replaces the rule with the same id in place. */
  add(rule: FaultRule): void {
    this.#rules.set(rule.id, { rule, remaining: rule.count });
    this.#changed?.(this.list());
  }

  /** Removes a rule; false when no rule has that id. */
  remove(id: string): boolean {
    if (!this.#rules.delete(id)) return false;
    this.#changed?.(this.list());
    return true;
  }

  /** Removes every rule. */
  clear(): void {
    if (this.#rules.size === 0) return;
    this.#rules.clear();
    this.#changed?.(this.list());
  }

  /** The rules in order, `count` showing how many matches each has left. */
  list(): FaultRule[] {
    return [...this.#rules.values()].map(({ rule, remaining }) =>
      remaining === undefined ? rule : { ...rule, count: remaining }
    );
  }

  /** How many rules the plan holds (the control API caps it). */
  get size(): number {
    return this.#rules.size;
  }

  /** Whether a rule with this id exists (adding it again replaces it rather than adding one). */
  has(id: string): boolean {
    return this.#rules.has(id);
  }

  /** Whether no rule is set, so the request path can skip `decide`. */
  get empty(): boolean {
    return this.#rules.size === 0;
  }

  /**
   * Applies every matching rule in order: delays add up, the first error that fires wins, and
   * each match uses up one of a rule's `count`. `random` (0 ≤ x < 1) is drawn once per matching
   * rule for jitter (when jitterMs > 0) and once for the error (when 0 < errorRate < 1).
   * The total delay is capped at MAX_FAULT_DELAY_MS, so many slow rules never add up past a
   * timer's range (which would fire at once). Undefined when no rule matches.
   */
  decide(request: FaultRequest, random: () => number): FaultDecision | undefined {
    let matched = false;
    let delayMs = 0;
    let error: FaultError | undefined;
    let expired: string[] | undefined;
    let counted = false;
    for (const [id, entry] of this.#rules) {
      const { rule } = entry;
      if (
        !matchesVerb(rule.verb, request.verb) || !matchesResource(rule.resource, request.resource)
      ) {
        continue;
      }
      matched = true;
      if (entry.remaining !== undefined) {
        counted = true;
        if (--entry.remaining <= 0) {
          this.#rules.delete(id);
          (expired ??= []).push(id);
        }
      }
      delayMs += rule.latencyMs ?? 0;
      if (rule.jitterMs) delayMs += random() * rule.jitterMs;
      const rate = rule.errorRate ?? (rule.errorCode !== undefined ? 1 : 0);
      const fires = rate >= 1 || (rate > 0 && random() < rate);
      if (fires && !error) error = faultError(rule);
    }
    if (!matched) return undefined;
    if (counted) this.#changed?.(this.list());
    if (expired) this.#expired?.(expired);
    delayMs = Math.min(delayMs, MAX_FAULT_DELAY_MS);
    return error ? { delayMs, error } : { delayMs };
  }
}

function matchesVerb(pattern: string | undefined, verb: string): boolean {
  return pattern === undefined || pattern === "*" || pattern === verb;
}

// `pods` matches pods of any group; `apps/deployments` one group's; `apps/*` a whole group.
function matchesResource(pattern: string | undefined, resource: string): boolean {
  if (pattern === undefined || pattern === "*" || pattern === resource) return true;
  const slash = resource.indexOf("/");
  const name = resource.slice(slash + 1);
  if (!pattern.includes("/")) return pattern === name;
  const group = slash < 0 ? "" : resource.slice(0, slash);
  return pattern === `${group}/*`;
}
