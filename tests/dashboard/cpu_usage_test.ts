import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { CpuUsage } from "../../src/dashboard/cpu_usage.ts";

describe("cpu usage", () => {
  it("reports the cores used between readings, keeping the last figure for close readings", () => {
    let now = 0;
    let cpu = 5;
    const usage = new CpuUsage(() => cpu, () => now);
    assert.equal(usage.cores(), undefined, "no interval has passed yet");
    now = 2;
    cpu = 6.5;
    assert.equal(usage.cores(), 0.75);
    now = 2.1;
    cpu = 7;
    assert.equal(usage.cores(), 0.75, "a reading 0.1 s later is noise");
    now = 4;
    cpu = 10.5;
    assert.equal(usage.cores(), 2);
  });
});
