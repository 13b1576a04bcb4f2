import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { KubeObject, ObjectStore } from "../../../src/store/mod.ts";
import {
  addNode,
  deployment,
  DEPLOYMENTS,
  NODES,
  podsIn,
  workloadCluster,
} from "./_workload_fixture.ts";

function setReady(store: ObjectStore, name: string, status: string) {
  const node = store.get(NODES, undefined, name)!;
  const nodeStatus = node.status as { conditions: { type: string; status: string }[] };
  const conditions = nodeStatus.conditions.map((c) => c.type === "Ready" ? { ...c, status } : c);
  store.update(NODES, { ...node, status: { ...nodeStatus, conditions } });
}

const taintsOf = (node: KubeObject | undefined) =>
  ((node?.spec as { taints?: { key: string; effect: string }[] }).taints ?? [])
    .map((t) => `${t.key}:${t.effect}`);

const nodeOf = (pod: KubeObject) => (pod.spec as { nodeName?: string }).nodeName;

describe("NodeLifecycleController", () => {
  it("taints a NotReady node, evicts after tolerationSeconds, and the pods come back elsewhere", () => {
    const timers: { delay: number; task: () => void }[] = [];
    const { store, settle, errors } = workloadCluster({
      setTimer: (delay, task) => {
        timers.push({ delay, task });
        return () => {};
      },
    });
    addNode(store, "w1", "10.0.0.2");
    store.create(DEPLOYMENTS, deployment("web", 2));
    settle();
    assert.deepEqual(podsIn(store).map(nodeOf), ["w1", "w1"]);
    addNode(store, "w2", "10.0.0.3");
    setReady(store, "w1", "False");
    settle();
    assert.deepEqual(taintsOf(store.get(NODES, undefined, "w1")), [
      "node.kubernetes.io/not-ready:NoSchedule",
      "node.kubernetes.io/not-ready:NoExecute",
    ]);
    assert.equal(podsIn(store).filter((p) => nodeOf(p) === "w1").length, 2, "tolerated for 300 s");
    assert.deepEqual(timers.map((t) => t.delay), [300_000, 300_000]);
    for (const t of timers) t.task();
    settle();
    assert.deepEqual(errors, []);
    assert.deepEqual(podsIn(store).map(nodeOf), ["w2", "w2"]);
  });

  it("an unreachable node (Ready=Unknown) gets the unreachable taints; Ready again clears them", () => {
    const { store, settle } = workloadCluster();
    addNode(store, "w1", "10.0.0.2");
    setReady(store, "w1", "Unknown");
    settle();
    assert.deepEqual(taintsOf(store.get(NODES, undefined, "w1")), [
      "node.kubernetes.io/unreachable:NoSchedule",
      "node.kubernetes.io/unreachable:NoExecute",
    ]);
    setReady(store, "w1", "True");
    settle();
    assert.deepEqual(taintsOf(store.get(NODES, undefined, "w1")), []);
  });

  it("a pod that does not tolerate the NoExecute taint goes at once", () => {
    const { store, settle } = workloadCluster();
    addNode(store, "w1", "10.0.0.2");
    store.create(DEPLOYMENTS, deployment("web", 1));
    settle();
    const [pod] = podsIn(store);
    const node = store.get(NODES, undefined, "w1")!;
    const taints = [{ key: "example.com/gone", effect: "NoExecute" }];
    store.update(NODES, { ...node, spec: { ...(node.spec as object), taints } });
    settle();
    assert.equal(podsIn(store).some((p) => p.metadata.uid === pod.metadata.uid), false);
  });
});

describe("NodeLifecycleController's evictions", () => {
  it("delete gracefully: the pod is marked for its grace period, then its node agent confirms", () => {
    const { store, settle, errors } = workloadCluster();
    addNode(store, "w1", "10.0.0.2");
    store.create(DEPLOYMENTS, deployment("web", 1));
    settle();
    const [pod] = podsIn(store);
    const seen: [string, number | undefined, string[]][] = [];
    store.onChange((change) => {
      if (change.resource !== "pods" || change.object.metadata.uid !== pod.metadata.uid) return;
      const conditions = ((change.object.status as { conditions?: { type: string }[] })
        .conditions ?? []).map((c) => c.type);
      seen.push([change.type, change.object.metadata.deletionGracePeriodSeconds, conditions]);
    });
    const node = store.get(NODES, undefined, "w1")!;
    const taints = [{ key: "example.com/gone", effect: "NoExecute" }];
    store.update(NODES, { ...node, spec: { ...(node.spec as object), taints } });
    settle();
    assert.deepEqual(errors, []);
    const grace = (pod.spec as { terminationGracePeriodSeconds: number })
      .terminationGracePeriodSeconds;
    assert.equal(grace, 30);
    // DisruptionTarget first, then the graceful mark (30 s), then the confirming grace-0 delete.
    assert.deepEqual(seen.map(([type, period]) => [type, period]).slice(0, 2), [
      ["MODIFIED", undefined],
      ["MODIFIED", 30],
    ]);
    assert.ok(seen[0][2].includes("DisruptionTarget"));
    assert.deepEqual(seen.at(-1)?.[0], "DELETED");
  });
});
