import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BootTimeline } from "../../src/dashboard/boot_timeline.ts";

describe("boot timeline", () => {
  it("records when a machine was reported and when each phase finished", () => {
    let now = 1000;
    const timeline = new BootTimeline(() => now);
    timeline.record("ns/a", { kind: "nodeReported", node: "cp-0", controlPlane: true });
    now = 1500;
    timeline.record("ns/a", { kind: "phaseDone", node: "cp-0", phase: "node" });
    now = 2500;
    timeline.record("ns/a", { kind: "phaseDone", node: "cp-0", phase: "etcd" });
    assert.deepEqual(timeline.of("ns/a"), [{
      node: "cp-0",
      role: "control-plane",
      reportedAt: 1000,
      phases: [{ phase: "node", at: 1500 }, { phase: "etcd", at: 2500 }],
    }]);
    assert.deepEqual(timeline.of("ns/b"), []);
  });

  it("starts a new boot when a node is reported again, and forgets a deleted cluster", () => {
    let now = 0;
    const timeline = new BootTimeline(() => now);
    timeline.record("ns/a", { kind: "nodeReported", node: "w-0", controlPlane: false });
    timeline.record("ns/a", { kind: "phaseDone", node: "w-0", phase: "node" });
    now = 10;
    timeline.record("ns/a", { kind: "nodeReported", node: "w-0", controlPlane: false });
    assert.deepEqual(timeline.of("ns/a").map((b) => [b.reportedAt, b.phases.length]), [[10, 0]]);
    assert.equal(timeline.size, 1);
    timeline.record("ns/a", { kind: "deleted", port: 20000 });
    assert.deepEqual(timeline.of("ns/a"), []);
    assert.equal(timeline.size, 0);
  });

  it("keeps only the latest boots over all clusters", () => {
    const timeline = new BootTimeline(() => 0, 3);
    for (let i = 0; i < 5; i++) {
      timeline.record(`ns/c${i}`, { kind: "nodeReported", node: "n", controlPlane: true });
    }
    assert.equal(timeline.size, 3);
    assert.deepEqual(timeline.of("ns/c1"), []);
    assert.equal(timeline.of("ns/c4").length, 1);
  });

  it("stays bounded when clusters come and go", () => {
    const timeline = new BootTimeline(() => 0, 10);
    for (let i = 0; i < 10_000; i++) {
      timeline.record(`ns/c${i}`, { kind: "nodeReported", node: "n", controlPlane: true });
      timeline.record(`ns/c${i}`, { kind: "deleted", port: 1 });
    }
    assert.equal(timeline.size, 0);
    // The private order list is not visible; a fresh cluster still records and evicts correctly.
    for (let i = 0; i < 12; i++) {
      timeline.record("ns/last", { kind: "nodeReported", node: `n${i}`, controlPlane: false });
    }
    assert.deepEqual(timeline.of("ns/last").map((b) => b.node), [
      "n2",
      "n3",
      "n4",
      "n5",
      "n6",
      "n7",
      "n8",
      "n9",
      "n10",
      "n11",
    ]);
  });
});
