// The fake kubelets report the pod generation they acted on from 1.34 (PodObservedGenerationTracking
// on by default), as upstream's kubelet: status.observedGeneration and their own conditions'.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addNode, PODS, statusOf, workloadCluster } from "../workloads/_workload_fixture.ts";

const pod = (name: string, nodeName?: string) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default" },
  spec: { containers: [{ name: "c", image: "busybox" }], ...(nodeName ? { nodeName } : {}) },
});

function runningPod(version: string, nodeName?: string) {
  const { store, settle } = workloadCluster({ kubernetesVersion: () => version });
  addNode(store, "w1", "10.0.0.2");
  store.create(PODS, pod("p", nodeName));
  settle();
  return store.get(PODS, "default", "p")!;
}

describe("the fake kubelets' observed generations", () => {
  it("are the pod's generation on the status and every condition from 1.34", () => {
    const running = runningPod("v1.34.4", "w1");
    assert.equal(running.metadata.generation, 1);
    const status = statusOf(running);
    assert.equal(status.phase, "Running");
    assert.equal(Object.keys(status)[0], "observedGeneration");
    assert.equal(status.observedGeneration, 1);
    for (const condition of status.conditions) {
      assert.equal(condition.observedGeneration, 1, condition.type);
      // PodCondition's Go field order: type, observedGeneration, status...
      assert.deepEqual(Object.keys(condition).slice(0, 3), [
        "type",
        "observedGeneration",
        "status",
      ]);
    }
  });

  it("leave the condition the binding wrote without one", () => {
    const bound = runningPod("v1.36.3");
    // The scheduler's binding goes past the pod strategy: no new generation for the nodeName.
    assert.equal(bound.metadata.generation, 1);
    const status = statusOf(bound);
    const scheduled = status.conditions.find((c: { type: string }) => c.type === "PodScheduled");
    assert.equal(scheduled.status, "True");
    assert.equal(scheduled.observedGeneration, undefined);
    const ready = status.conditions.find((c: { type: string }) => c.type === "Ready");
    assert.equal(ready.observedGeneration, 1);
    assert.equal(status.observedGeneration, 1);
  });

  it("are not reported before 1.34", () => {
    const status = statusOf(runningPod("v1.33.1", "w1"));
    assert.equal(status.phase, "Running");
    assert.equal(status.observedGeneration, undefined);
    for (const condition of status.conditions) {
      assert.equal(condition.observedGeneration, undefined, condition.type);
    }
  });
});
