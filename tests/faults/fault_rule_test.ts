import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { FaultRuleError, parseFaultRule } from "../../src/faults/mod.ts";

function failure(body: unknown): FaultRuleError {
  try {
    parseFaultRule(body);
  } catch (error) {
    assert.ok(error instanceof FaultRuleError);
    return error;
  }
  assert.fail("expected a FaultRuleError");
}

describe("fault rule validation", () => {
  it("accepts a full rule as it is", () => {
    const rule = {
      id: "flaky-deployments",
      verb: "list",
      resource: "apps/deployments",
      latencyMs: 100,
      jitterMs: 50,
      errorRate: 0.1,
      errorCode: 503,
      count: 10,
    };
    assert.deepEqual(parseFaultRule(rule), rule);
    assert.deepEqual(parseFaultRule({ id: "a", resource: "apps/*", errorCode: 429 }), {
      id: "a",
      resource: "apps/*",
      errorCode: 429,
    });
  });

  it("names the field that is wrong", () => {
    const cases: [unknown, string, RegExp][] = [
      [{ latencyMs: 1 }, "id", /^id: is required$/],
      [{ id: "", latencyMs: 1 }, "id", /^id: must not be empty$/],
      [{ id: "a", verb: "GET", latencyMs: 1 }, "verb", /^verb: must be "\*" or one of get, list/],
      [{ id: "a", resource: "Pods", latencyMs: 1 }, "resource", /^resource: must be "\*"/],
      [{ id: "a", latencyMs: -1 }, "latencyMs", /^latencyMs: must not be negative$/],
      [{ id: "a", jitterMs: "5" }, "jitterMs", /^jitterMs: must be a number$/],
      [{ id: "a", errorRate: 1.5 }, "errorRate", /^errorRate: must be between 0 and 1$/],
      [{ id: "a", errorCode: 502 }, "errorCode", /^errorCode: must be one of 429, 500, 503, 504$/],
      [{ id: "a", errorCode: 429, count: 0 }, "count", /^count: must be at least 1$/],
      [{ id: "a", errorCode: 429, count: 1.5 }, "count", /^count: must be a whole number$/],
      [{ id: "a", latency: 5 }, "latency", /^latency: is not a known field$/],
    ];
    for (const [body, field, message] of cases) {
      const error = failure(body);
      assert.equal(error.field, field, JSON.stringify(body));
      assert.match(error.message, message);
    }
  });

  it("refuses a body that is not an object, and a rule that does nothing", () => {
    assert.equal(failure([]).field, undefined);
    assert.match(failure("x").message, /must be a JSON object/);
    assert.match(failure(null).message, /must be a JSON object/);
    assert.match(
      failure({ id: "idle" }).message,
      /needs latencyMs, jitterMs, errorRate or errorCode/,
    );
  });
});
