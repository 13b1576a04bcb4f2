// The fake kubelet's in-place resize (InPlacePodVerticalScaling, on from 1.33): container
// statuses report `resources` and `allocatedResources` as a 1.33+ kubelet does, and follow a
// resize of the running pod's spec; a 1.32 kubelet reports neither.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { addNode, PODS, statusOf, workloadCluster } from "../workloads/_workload_fixture.ts";

const resources = { limits: { memory: "128Mi" }, requests: { cpu: "100m", memory: "64Mi" } };
const pod = (name: string) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default" },
  spec: {
    containers: [
      { name: "c", image: "busybox", resources },
      { name: "d", image: "busybox", resources: {} },
    ],
  },
  status: { phase: "Pending" },
});

describe("FakeKubelets resize", () => {
  it("reports the allocated resources and actuates a resize of a running pod (1.33+)", () => {
    const { store, settle } = workloadCluster({ kubernetesVersion: () => "v1.36.3" });
    addNode(store, "w1", "10.0.0.2");
    store.create(PODS, pod("p"));
    settle();
    const running = store.get(PODS, "default", "p")!;
    const [c, d] = statusOf(running).containerStatuses;
    assert.equal(statusOf(running).phase, "Running");
    assert.deepEqual(c.resources, resources);
    assert.deepEqual(c.allocatedResources, resources.requests);
    assert.deepEqual(d.resources, {});
    assert.equal("allocatedResources" in d, false);
    const resized = { limits: { memory: "256Mi" }, requests: { cpu: "300m", memory: "64Mi" } };
    const spec = running.spec as { containers: Record<string, unknown>[] };
    store.update(PODS, {
      ...running,
      spec: {
        ...spec,
        containers: [{ ...spec.containers[0], resources: resized }, spec.containers[1]],
      },
    });
    settle();
    const after = statusOf(store.get(PODS, "default", "p")).containerStatuses;
    assert.deepEqual(after[0].resources, resized);
    assert.deepEqual(after[0].allocatedResources, resized.requests);
    assert.equal(after[0].containerID, c.containerID);
    assert.deepEqual(after[1], d);
  });

  it("reports no resources before 1.33", () => {
    const { store, settle } = workloadCluster({ kubernetesVersion: () => "v1.32.13" });
    addNode(store, "w1", "10.0.0.2");
    store.create(PODS, pod("p"));
    settle();
    const [c] = statusOf(store.get(PODS, "default", "p")).containerStatuses;
    assert.equal(c.state.running !== undefined, true);
    assert.equal("resources" in c, false);
    assert.equal("allocatedResources" in c, false);
  });
});
