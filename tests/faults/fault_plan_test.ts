import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  FaultPlan,
  type FaultRule,
  MAX_FAULT_DELAY_MS,
  seededRandom,
} from "../../src/faults/mod.ts";

const never = () => {
  throw new Error("random should not be drawn");
};

function planWith(...rules: FaultRule[]): FaultPlan {
  const plan = new FaultPlan();
  for (const rule of rules) plan.add(rule);
  return plan;
}

describe("fault plan", () => {
  it("matches nothing when empty", () => {
    const plan = new FaultPlan();
    assert.equal(plan.empty, true);
    assert.equal(plan.decide({ verb: "get", resource: "pods" }, never), undefined);
  });

  it("matches verbs exactly or by wildcard", () => {
    const plan = planWith({ id: "slow-lists", verb: "list", latencyMs: 100 });
    assert.deepEqual(plan.decide({ verb: "list", resource: "pods" }, never), { delayMs: 100 });
    assert.equal(plan.decide({ verb: "get", resource: "pods" }, never), undefined);
    const any = planWith({ id: "all", verb: "*", latencyMs: 5 });
    assert.deepEqual(any.decide({ verb: "deletecollection", resource: "pods" }, never), {
      delayMs: 5,
    });
  });

  it("matches resources by name in any group, by group/name, by group/* and by *", () => {
    const decide = (pattern: string, resource: string) =>
      planWith({ id: "r", resource: pattern, latencyMs: 1 })
        .decide({ verb: "get", resource }, never) !== undefined;
    assert.equal(decide("pods", "pods"), true);
    assert.equal(decide("pods", "metrics.k8s.io/pods"), true);
    assert.equal(decide("pods", "secrets"), false);
    assert.equal(decide("apps/deployments", "apps/deployments"), true);
    assert.equal(decide("apps/deployments", "deployments"), false);
    assert.equal(decide("apps/deployments", "extensions/deployments"), false);
    assert.equal(decide("apps/*", "apps/statefulsets"), true);
    assert.equal(decide("apps/*", "pods"), false);
    assert.equal(decide("*", "cluster.x-k8s.io/machines"), true);
  });

  it("applies a counted rule to the next N matching requests, then drops it", () => {
    const plan = planWith({ id: "twice", verb: "create", errorCode: 503, count: 2 });
    assert.equal(plan.decide({ verb: "get", resource: "pods" }, never), undefined);
    assert.equal(plan.list()[0].count, 2);
    assert.equal(plan.decide({ verb: "create", resource: "pods" }, never)?.error?.code, 503);
    assert.equal(plan.list()[0].count, 1);
    assert.equal(plan.decide({ verb: "create", resource: "pods" }, never)?.error?.code, 503);
    assert.deepEqual(plan.list(), []);
    assert.equal(plan.decide({ verb: "create", resource: "pods" }, never), undefined);
  });

  it("tells its expiry listener which counted rules a match used up", () => {
    const plan = planWith(
      { id: "once", verb: "create", count: 1 },
      { id: "twice", verb: "create", count: 2 },
      { id: "always", verb: "create" },
    );
    const expired: string[][] = [];
    plan.onExpire((ids) => expired.push(ids));
    plan.decide({ verb: "create", resource: "pods" }, never);
    plan.decide({ verb: "create", resource: "pods" }, never);
    plan.decide({ verb: "create", resource: "pods" }, never);
    assert.deepEqual(expired, [["once"], ["twice"]]);
  });

  it("tells its change listener the counts left after each counted match, not after others", () => {
    const plan = planWith(
      { id: "twice", verb: "create", count: 2 },
      { id: "always", verb: "get" },
    );
    const changes: unknown[] = [];
    plan.onChange((rules) => changes.push(rules.map((r) => [r.id, r.count])));
    plan.decide({ verb: "get", resource: "pods" }, never);
    assert.deepEqual(changes, []);
    plan.decide({ verb: "create", resource: "pods" }, never);
    plan.decide({ verb: "create", resource: "pods" }, never);
    assert.deepEqual(changes, [
      [["twice", 1], ["always", undefined]],
      [["always", undefined]],
    ]);
  });

  it("fails about errorRate of requests, the same way for the same seed", () => {
    const run = (seed: number) => {
      const plan = planWith({ id: "flaky", errorRate: 0.25, errorCode: 500 });
      const random = seededRandom(seed);
      return Array.from(
        { length: 2000 },
        () => plan.decide({ verb: "get", resource: "pods" }, random)?.error !== undefined,
      );
    };
    const first = run(42);
    assert.deepEqual(run(42), first);
    const failures = first.filter(Boolean).length;
    assert.ok(failures > 400 && failures < 600, `${failures} of 2000 failed`);
  });

  it("fails always at errorRate 1 and never at 0 without drawing random numbers", () => {
    assert.equal(
      planWith({ id: "a", errorRate: 1 }).decide({ verb: "get", resource: "pods" }, never)?.error
        ?.reason,
      "InternalError",
    );
    assert.deepEqual(
      planWith({ id: "b", errorRate: 0, latencyMs: 3 }).decide(
        { verb: "get", resource: "pods" },
        never,
      ),
      { delayMs: 3 },
    );
  });

  it("keeps latency plus jitter within [latencyMs, latencyMs + jitterMs]", () => {
    const plan = planWith({ id: "j", latencyMs: 200, jitterMs: 50 });
    assert.equal(plan.decide({ verb: "get", resource: "pods" }, () => 0)?.delayMs, 200);
    assert.equal(plan.decide({ verb: "get", resource: "pods" }, () => 0.5)?.delayMs, 225);
    const random = seededRandom(7);
    for (let i = 0; i < 1000; i++) {
      const delay = plan.decide({ verb: "get", resource: "pods" }, random)!.delayMs;
      assert.ok(delay >= 200 && delay <= 250, `delay ${delay}`);
    }
  });

  it("adds up delays of all matching rules and answers the first error that fires", () => {
    const plan = planWith(
      { id: "slow", latencyMs: 10 },
      { id: "throttle", verb: "list", errorCode: 429, retryAfterSeconds: 5 },
      { id: "broken", errorCode: 500, latencyMs: 5 },
    );
    const decision = plan.decide({ verb: "list", resource: "pods" }, never);
    assert.equal(decision?.delayMs, 15);
    assert.deepEqual(decision?.error, {
      code: 429,
      reason: "TooManyRequests",
      message: "Too many requests, please try again later.",
      details: { retryAfterSeconds: 5 },
    });
  });

  it("shapes each error code as the apiserver's Status reason", () => {
    const error = (errorCode: 500 | 503 | 504) =>
      planWith({ id: "f", errorCode }).decide({ verb: "get", resource: "pods" }, never)?.error;
    assert.deepEqual(error(500), {
      code: 500,
      reason: "InternalError",
      message: "Internal error occurred: injected fault f",
      details: { causes: [{ message: "injected fault f" }] },
    });
    assert.equal(error(503)?.reason, "ServiceUnavailable");
    assert.equal(error(504)?.reason, "Timeout");
    assert.match(
      error(504)!.message,
      /^Timeout: request did not complete within requested timeout/,
    );
    assert.deepEqual(error(504)?.details, { retryAfterSeconds: 1 });
  });

  it("replaces a rule with the same id in place, removes by id and clears", () => {
    const plan = planWith({ id: "a", latencyMs: 1 }, { id: "b", latencyMs: 2 });
    plan.add({ id: "a", latencyMs: 9 });
    assert.deepEqual(plan.list().map((rule) => [rule.id, rule.latencyMs]), [["a", 9], ["b", 2]]);
    assert.equal(plan.remove("a"), true);
    assert.equal(plan.remove("a"), false);
    assert.deepEqual(plan.list().map((rule) => rule.id), ["b"]);
    plan.clear();
    assert.equal(plan.empty, true);
  });

  it("delays of many matching rules add up to at most MAX_FAULT_DELAY_MS (a timer's range)", () => {
    const rules = Array.from({ length: 1000 }, (_, i) => ({
      id: `slow-${i}`,
      latencyMs: MAX_FAULT_DELAY_MS,
    }));
    const plan = planWith(...rules);
    assert.deepEqual(plan.decide({ verb: "get", resource: "pods" }, never), {
      delayMs: MAX_FAULT_DELAY_MS,
    });
  });

  it("counts its rules; adding an existing id replaces it", () => {
    const plan = planWith({ id: "a", latencyMs: 1 }, { id: "b", latencyMs: 1 });
    plan.add({ id: "a", latencyMs: 2 });
    assert.equal(plan.size, 2);
    assert.equal(plan.has("a"), true);
    assert.equal(plan.has("c"), false);
  });
});
