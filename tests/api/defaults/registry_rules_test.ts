// The registry strategies' computed fields: a Pod's QoS class, a DaemonSet's template generation.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  defaultOnCreate,
  defaultOnUpdate,
  podQOSClass,
  podStatusOnCreate,
  quantityValue,
} from "../../../src/api/defaults/mod.ts";
import { target, testContext } from "./_context.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const withResources = (...resources: Loose[]) => ({
  spec: { containers: resources.map((r, i) => ({ name: `c${i}`, resources: r })) },
});

describe("registry rules", () => {
  it("quantities parse with decimal and binary suffixes", () => {
    assert.deepEqual(
      ["500m", "1", "1.5", "1Gi", "2k", "1e3", "x"].map(quantityValue),
      [0.5, 1, 1.5, 2 ** 30, 2000, 1000, NaN],
    );
  });

  it("QoS: BestEffort, Burstable, Guaranteed (limits only: requests follow)", () => {
    assert.equal(podQOSClass(withResources({}), 33), "BestEffort");
    assert.equal(podQOSClass(withResources({ requests: { cpu: "100m" } }), 33), "Burstable");
    const limited = {
      limits: { cpu: "1", memory: "1Gi" },
      requests: { cpu: "1000m", memory: "1Gi" },
    };
    assert.equal(podQOSClass(withResources(limited, limited), 33), "Guaranteed");
    assert.equal(podQOSClass(withResources(limited, {}), 33), "Burstable");
    const pod: Loose = {
      metadata: { name: "p" },
      ...withResources({ limits: { cpu: "2", memory: "1Gi" } }),
    };
    defaultOnCreate(target("", "Pod", "pods"), pod, testContext());
    assert.equal(podQOSClass(pod, 33), "Guaranteed");
  });

  it("QoS: pod-level resources decide from 1.34 on", () => {
    const pod = { spec: { resources: { requests: { cpu: "1" } }, containers: [{ name: "c" }] } };
    assert.equal(podQOSClass(pod, 33), "BestEffort");
    assert.equal(podQOSClass(pod, 34), "Burstable");
  });

  it("a gated Pod starts with PodScheduled=False, SchedulingGated", () => {
    const now = new Date("2026-12-06T19:00:00.123Z");
    assert.deepEqual(podStatusOnCreate({ spec: { containers: [] } }, 33, now), {
      phase: "Pending",
      qosClass: "BestEffort",
    });
    const gated = { spec: { schedulingGates: [{ name: "g" }], containers: [] } };
    assert.deepEqual(podStatusOnCreate(gated, 33, now).conditions, [{
      type: "PodScheduled",
      status: "False",
      lastProbeTime: null,
      lastTransitionTime: "2026-12-06T19:00:00Z",
      reason: "SchedulingGated",
      message: "Scheduling is blocked due to non-empty scheduling gates",
    }]);
  });

  it("DaemonSet: template generation 1 on create, +1 only when the template changes", () => {
    const ds = (image: string, annotations?: Loose): Loose => ({
      metadata: { name: "d", ...(annotations ? { annotations } : {}) },
      spec: { template: { spec: { containers: [{ name: "c", image }] } } },
    });
    const DS = target("apps", "DaemonSet", "apps/daemonsets");
    const created = ds("a:1");
    defaultOnCreate(DS, created, testContext());
    assert.equal(created.metadata.annotations["deprecated.daemonset.template.generation"], "1");
    const same = ds("a:1", { "deprecated.daemonset.template.generation": "9" });
    defaultOnUpdate(DS, same, created, testContext());
    assert.equal(same.metadata.annotations["deprecated.daemonset.template.generation"], "1");
    const changed = ds("a:2");
    defaultOnUpdate(DS, changed, created, testContext());
    assert.equal(changed.metadata.annotations["deprecated.daemonset.template.generation"], "2");
  });
});
