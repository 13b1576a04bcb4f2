// Per-cluster request rates over a sliding minute, open watches, and the per-minute breakdown.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { RequestRates } from "../../src/dashboard/mod.ts";

describe("RequestRates", () => {
  it("rates cover the last 60 seconds; 5xx and 429 count as errors; watches open and close", () => {
    let now = 1_000_000;
    const rates = new RequestRates(() => now);
    for (let i = 0; i < 120; i++) rates.record("ns/a", "list", "pods", i % 4 === 0 ? 503 : 200);
    rates.record("ns/a", "get", "nodes", 429);
    const closeWatch = rates.watchOpened("ns/a");
    assert.deepEqual(rates.summary("ns/a"), {
      requestsPerSecond: 2.02,
      errorsPerSecond: 0.52,
      watches: 1,
    });
    closeWatch();
    assert.equal(rates.summary("ns/a").watches, 0);
    assert.deepEqual(rates.byMinute("ns/a"), [{
      minute: 0,
      counts: { "list pods 200": 90, "list pods 503": 30, "get nodes 429": 1 },
    }]);
    now += 61_000;
    assert.equal(rates.summary("ns/a").requestsPerSecond, 0, "a minute later the window is empty");
    assert.equal(rates.byMinute("ns/a").length, 1, "the chart keeps five minutes");
    now += 5 * 60_000;
    assert.deepEqual(rates.byMinute("ns/a"), []);
    assert.deepEqual(rates.summary("ns/other"), {
      requestsPerSecond: 0,
      errorsPerSecond: 0,
      watches: 0,
    });
    rates.forget("ns/a");
    assert.equal(rates.summary("ns/a").watches, 0);
  });
});
