import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  addNode,
  DAEMONSETS,
  deployment,
  DEPLOYMENTS,
  NODES,
  PODS,
  REPLICASETS,
  statusOf,
  workloadCluster,
} from "./_workload_fixture.ts";

const daemonSet = (name: string, podSpec: Record<string, unknown> = {}) => ({
  apiVersion: "apps/v1",
  kind: "DaemonSet",
  metadata: { name, namespace: "kube-system" },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: name, image: "registry.k8s.io/pause:3.9" }], ...podSpec },
    },
  },
});

describe("DaemonSetController", () => {
  it("runs one pod per node the taints allow; a tolerate-all DaemonSet also runs on control planes", () => {
    const { store, settle, errors } = workloadCluster();
    addNode(store, "cp", "10.0.0.1", true);
    addNode(store, "w1", "10.0.0.2");
    addNode(store, "w2", "10.0.0.3");
    store.create(DAEMONSETS, daemonSet("agent"));
    store.create(
      DAEMONSETS,
      daemonSet("proxy", { tolerations: [{ operator: "Exists" }], hostNetwork: true }),
    );
    settle();
    assert.deepEqual(errors, []);
    const nodesOf = (app: string) =>
      store.list(PODS, "kube-system").filter((p) => p.metadata.labels?.app === app)
        .map((p) => (p.spec as { nodeName: string }).nodeName).sort();
    assert.deepEqual(nodesOf("agent"), ["w1", "w2"]);
    assert.deepEqual(nodesOf("proxy"), ["cp", "w1", "w2"]);
    const proxy = store.list(PODS, "kube-system").find((p) => p.metadata.labels?.app === "proxy")!;
    assert.equal(statusOf(proxy).podIP, statusOf(proxy).hostIP);
    assert.ok(proxy.metadata.labels?.["controller-revision-hash"]);
    assert.deepEqual(statusOf(store.get(DAEMONSETS, "kube-system", "agent")), {
      currentNumberScheduled: 2,
      numberMisscheduled: 0,
      desiredNumberScheduled: 2,
      numberReady: 2,
      observedGeneration: 1,
      updatedNumberScheduled: 2,
      numberAvailable: 2,
    });
  });

  it("follows nodes: a new node gets a pod, a removed node's pod goes", () => {
    const { store, settle } = workloadCluster();
    addNode(store, "w1", "10.0.0.2");
    store.create(DAEMONSETS, daemonSet("agent"));
    settle();
    addNode(store, "w2", "10.0.0.3");
    settle();
    assert.equal(store.list(PODS, "kube-system").length, 2);
    store.delete(NODES, undefined, "w1");
    settle();
    const left = store.list(PODS, "kube-system");
    assert.deepEqual(left.map((p) => (p.spec as { nodeName: string }).nodeName), ["w2"]);
    assert.equal(statusOf(store.get(DAEMONSETS, "kube-system", "agent")).desiredNumberScheduled, 1);
  });

  it("writes a DaemonSet's or ReplicaSet's status once its new pods run, not also when it creates them", () => {
    const { store, settle, errors } = workloadCluster();
    addNode(store, "w1", "10.0.0.2");
    addNode(store, "w2", "10.0.0.3");
    settle();
    const statusWrites: string[] = [];
    store.onChange((change) => {
      if (change.type !== "MODIFIED") return;
      if (change.resource === DAEMONSETS.key || change.resource === REPLICASETS.key) {
        statusWrites.push(`${change.resource} ${JSON.stringify(change.object.status)}`);
      }
    });
    store.create(DAEMONSETS, daemonSet("agent"));
    store.create(DEPLOYMENTS, deployment("web", 2));
    settle();
    assert.deepEqual(errors, []);
    // Before: a status with the pods scheduled and none ready, then another with them ready.
    assert.equal(statusWrites.length, 2, statusWrites.join("\n"));
    assert.equal(statusOf(store.get(DAEMONSETS, "kube-system", "agent")).numberReady, 2);
    const [rs] = store.list(REPLICASETS, "default");
    assert.equal(statusOf(rs).readyReplicas, 2);
  });
});
