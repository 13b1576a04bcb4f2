import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { unschedulableMessage } from "../../../src/controllers/scheduler/mod.ts";
import { addNode, NODES, PODS, statusOf, workloadCluster } from "./_workload_fixture.ts";

const pod = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default" },
  spec: { containers: [{ name: "c", image: "busybox" }], ...spec },
  status: { phase: "Pending" },
});

describe("Scheduler", () => {
  it("leaves a pod no node fits Pending with PodScheduled=False, Unschedulable, and the scheduler's message", () => {
    const { store, settle } = workloadCluster();
    addNode(store, "cp", "10.0.0.1", true);
    addNode(store, "w1", "10.0.0.2");
    store.create(PODS, pod("p", { nodeSelector: { disk: "ssd" } }));
    settle();
    const status = statusOf(store.get(PODS, "default", "p"));
    assert.equal(status.phase, "Pending");
    const [scheduled] = status.conditions;
    assert.equal(scheduled.type, "PodScheduled");
    assert.equal(scheduled.status, "False");
    assert.equal(scheduled.reason, "Unschedulable");
    assert.equal(
      scheduled.message,
      "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
  });

  it("binds the waiting pod once a node gets the label it selects", () => {
    const { store, settle } = workloadCluster();
    const w1 = addNode(store, "w1", "10.0.0.2");
    store.create(PODS, pod("p", { nodeSelector: { disk: "ssd" } }));
    settle();
    const node = store.get(NODES, undefined, "w1")!;
    store.update(NODES, {
      ...node,
      metadata: { ...node.metadata, labels: { ...w1.metadata.labels, disk: "ssd" } },
    });
    settle();
    const p = store.get(PODS, "default", "p")!;
    assert.equal((p.spec as { nodeName?: string }).nodeName, "w1");
    assert.equal(statusOf(p).phase, "Running");
  });

  it("honours required node affinity, tolerations and a cordon", () => {
    const { store, settle } = workloadCluster();
    addNode(store, "cp", "10.0.0.1", true);
    const w1 = addNode(store, "w1", "10.0.0.2");
    store.update(NODES, { ...w1, spec: { ...(w1.spec as object), unschedulable: true } });
    store.create(
      PODS,
      pod("tolerant", {
        tolerations: [{
          key: "node-role.kubernetes.io/control-plane",
          operator: "Exists",
          effect: "NoSchedule",
        }],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{
                matchExpressions: [{
                  key: "node-role.kubernetes.io/control-plane",
                  operator: "Exists",
                }],
              }],
            },
          },
        },
      }),
    );
    store.create(PODS, pod("plain"));
    settle();
    assert.equal(
      (store.get(PODS, "default", "tolerant")!.spec as { nodeName?: string }).nodeName,
      "cp",
    );
    const plain = statusOf(store.get(PODS, "default", "plain"));
    assert.match(plain.conditions[0].message, /1 node\(s\) were unschedulable/);
  });

  it("counts pods against status.allocatable.pods", () => {
    const { store, settle } = workloadCluster();
    const w1 = addNode(store, "w1", "10.0.0.2");
    const status = w1.status as { allocatable: Record<string, string> };
    store.update(NODES, {
      ...w1,
      status: { ...status, allocatable: { ...status.allocatable, pods: "1" } },
    });
    store.create(PODS, pod("a"));
    store.create(PODS, pod("b"));
    settle();
    const b = statusOf(store.get(PODS, "default", "b"));
    assert.equal(
      b.conditions[0].message,
      "0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    );
    store.delete(PODS, "default", "a");
    settle();
    assert.equal(statusOf(store.get(PODS, "default", "b")).phase, "Running");
  });

  it("words no nodes at all as the scheduler does", () => {
    assert.equal(unschedulableMessage([]), "no nodes available to schedule pods");
  });
});

describe("FakeKubelets", () => {
  it("holds a bound pod Pending for podStartDelayMs, then starts it", () => {
    const timers: { delay: number; task: () => void }[] = [];
    const { store, settle } = workloadCluster({
      kubelet: () => ({ podStartDelayMs: 2000 }),
      setTimer: (delay, task) => {
        timers.push({ delay, task });
        return () => {};
      },
    });
    addNode(store, "w1", "10.0.0.2");
    store.create(PODS, pod("slow"));
    settle();
    const bound = store.get(PODS, "default", "slow")!;
    assert.equal((bound.spec as { nodeName?: string }).nodeName, "w1");
    assert.equal(statusOf(bound).phase, "Pending");
    assert.deepEqual(timers.map((t) => t.delay), [2000]);
    timers[0].task();
    settle();
    assert.equal(statusOf(store.get(PODS, "default", "slow")).phase, "Running");
  });
});

describe("Node IPAM beyond 256 nodes", () => {
  const podCidrOf = (node: unknown) => (node as { spec: { podCIDR?: string } }).spec.podCIDR;

  it("a /16 with /24s gives 256 nodes a range and the 257th none, as kube-controller-manager", () => {
    const { store, settle } = workloadCluster({ clusterCidr: "10.0.0.0/16" });
    for (let i = 0; i < 257; i++) addNode(store, `n${i}`, `172.16.${i >> 8}.${i & 255}`);
    settle();
    assert.equal(podCidrOf(store.get(NODES, undefined, "n0")), "10.0.0.0/24");
    assert.equal(podCidrOf(store.get(NODES, undefined, "n255")), "10.0.255.0/24");
    assert.equal(podCidrOf(store.get(NODES, undefined, "n256")), undefined);
  });

  it("--node-cidr-mask-size 26 fits 1,024 nodes in the same /16, and their pods run", () => {
    const { store, settle } = workloadCluster({ clusterCidr: "10.0.0.0/16", nodeCidrMaskSize: 26 });
    for (let i = 0; i < 300; i++) addNode(store, `n${i}`, `172.16.${i >> 8}.${i & 255}`);
    settle();
    const last = store.get(NODES, undefined, "n299")!;
    assert.equal(podCidrOf(last), "10.0.74.192/26");
    assert.deepEqual((last.spec as { podCIDRs?: string[] }).podCIDRs, ["10.0.74.192/26"]);
    store.create(PODS, pod("p", { nodeName: "n299" }));
    settle();
    assert.equal(statusOf(store.get(PODS, "default", "p")).podIP, "10.0.74.194");
  });
});
