import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  addNode,
  deployment,
  DEPLOYMENTS,
  podsIn,
  REPLICASETS,
  statusOf,
  workloadCluster,
} from "./_workload_fixture.ts";

describe("Deployment → ReplicaSet → scheduler → kubelet", () => {
  it("a Deployment's pods run on the workers, and its status says 3/3 available", () => {
    const { store, settle, errors } = workloadCluster();
    addNode(store, "cp", "10.0.0.1", true);
    addNode(store, "w1", "10.0.0.2");
    addNode(store, "w2", "10.0.0.3");
    store.create(DEPLOYMENTS, deployment("web", 3));
    settle();
    assert.deepEqual(errors, []);
    const [rs] = store.list(REPLICASETS, "default");
    assert.match(rs.metadata.name!, /^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    assert.equal(rs.metadata.annotations?.["deployment.kubernetes.io/revision"], "1");
    const pods = podsIn(store);
    assert.equal(pods.length, 3);
    // The pods of one sync hold one ownerReferences list: the ReplicaSet as controller.
    assert.deepEqual(pods[0].metadata.ownerReferences, [{
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      name: rs.metadata.name,
      uid: rs.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    }]);
    for (const pod of pods) {
      assert.equal(pod.metadata.ownerReferences, pods[0].metadata.ownerReferences);
    }
    for (const pod of pods) {
      const status = statusOf(pod);
      assert.equal(status.phase, "Running");
      assert.notEqual((pod.spec as { nodeName: string }).nodeName, "cp");
      assert.match(status.podIP, /^192\.168\.\d+\.\d+$/);
      assert.deepEqual(status.conditions.map((c: { type: string }) => c.type), [
        "PodReadyToStartContainers",
        "Initialized",
        "Ready",
        "ContainersReady",
        "PodScheduled",
      ]);
      assert.equal(status.containerStatuses[0].image, "docker.io/library/nginx:1.27");
      assert.equal(
        pod.metadata.labels?.["pod-template-hash"],
        rs.metadata.labels?.["pod-template-hash"],
      );
    }
    const d = store.get(DEPLOYMENTS, "default", "web")!;
    const status = statusOf(d);
    assert.equal(status.availableReplicas, 3);
    assert.equal(status.updatedReplicas, 3);
    assert.equal(status.observedGeneration, 1);
    assert.deepEqual(
      status.conditions.map((c: { type: string; reason: string }) => [c.type, c.reason]),
      [["Available", "MinimumReplicasAvailable"], ["Progressing", "NewReplicaSetAvailable"]],
    );
    assert.equal(d.metadata.annotations?.["deployment.kubernetes.io/revision"], "1");
  });
});
