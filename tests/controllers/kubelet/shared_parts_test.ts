// Running pods of any cluster started in the same second hold their equal status parts once.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addNode, PODS, statusOf, workloadCluster } from "../workloads/_workload_fixture.ts";

const pod = (name: string) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default" },
  spec: { containers: [{ name: "c", image: "busybox" }], nodeName: "w1" },
});

function runningPod(name: string) {
  const { store, settle } = workloadCluster();
  addNode(store, "w1", "10.0.0.2");
  store.create(PODS, pod(name));
  settle();
  return statusOf(store.get(PODS, "default", name));
}

describe("the fake kubelets' pod statuses", () => {
  it("share conditions, IP lists and container states, frozen, between clusters", () => {
    const one = runningPod("p");
    const two = runningPod("p");
    assert.equal(one.phase, "Running");
    assert.equal(two.conditions, one.conditions);
    assert.equal(two.hostIPs, one.hostIPs);
    assert.equal(two.podIPs, one.podIPs);
    assert.equal(two.containerStatuses[0].state, one.containerStatuses[0].state);
    assert.equal(two.containerStatuses[0].lastState, one.containerStatuses[0].lastState);
    assert.ok(Object.isFrozen(one.conditions) && Object.isFrozen(one.conditions[0]));
    // Each pod's own container ID stays its own.
    assert.notEqual(two.containerStatuses[0], one.containerStatuses[0]);
    assert.deepEqual(one.conditions.map((c: { type: string }) => c.type), [
      "PodReadyToStartContainers",
      "Initialized",
      "Ready",
      "ContainersReady",
      "PodScheduled",
    ]);
    assert.deepEqual(one.podIPs, [{ ip: one.podIP }]);
    assert.deepEqual(one.containerStatuses[0].lastState, {});
  });
});
