// The kubelets' confirmation of graceful pod deletes: after the stop delay (capped by the grace
// period), the stopped status (containers terminated, phase Succeeded) then a grace-0 DELETE with
// the pod's uid; with or without the workload controllers.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { StoreChange } from "../../../src/store/mod.ts";
import { newCluster, newStore } from "../controller_fixture.ts";
import { addNode, PODS, statusOf, workloadCluster } from "../workloads/_workload_fixture.ts";

const pod = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default" },
  spec: { containers: [{ name: "c", image: "busybox" }], ...spec },
  status: { phase: "Pending" },
});

function recordPods(store: { onChange(listener: (change: StoreChange) => void): unknown }) {
  const seen: [string, number | undefined][] = [];
  store.onChange((change) => {
    if (change.resource === "pods") {
      seen.push([change.type, change.object.metadata.deletionGracePeriodSeconds]);
    }
  });
  return () => seen.splice(0);
}

function timed(podStopDelayMs: number) {
  const timers: { delay: number; task: () => void; cancelled: boolean }[] = [];
  const cluster = workloadCluster({
    kubelet: () => ({ podStartDelayMs: 0, podStopDelayMs }),
    setTimer: (delay, task) => {
      const timer = { delay, task, cancelled: false };
      timers.push(timer);
      return () => timer.cancelled = true;
    },
  });
  return { ...cluster, timers };
}

describe("PodTermination", () => {
  it("confirms a running pod's graceful delete after the kubelet's stop delay", () => {
    const { store, settle, timers } = timed(5000);
    addNode(store, "w1", "10.0.0.2");
    store.create(PODS, pod("web"));
    settle();
    assert.equal(statusOf(store.get(PODS, "default", "web")).phase, "Running");
    const events = recordPods(store);
    const outcome = store.delete(PODS, "default", "web", { graceful: { period: 30 } });
    assert.equal(outcome.removed, false);
    settle();
    assert.deepEqual(timers.map((t) => t.delay), [5000]);
    assert.ok(store.get(PODS, "default", "web"), "still there while its containers stop");
    timers[0].task();
    settle();
    assert.equal(store.get(PODS, "default", "web"), undefined);
    // The marked pod, its stopped status, the grace-0 delete.
    assert.deepEqual(events(), [["MODIFIED", 30], ["MODIFIED", 30], ["MODIFIED", 0], [
      "DELETED",
      0,
    ]]);
  });

  it("reports the containers stopped (exit 0) and the pod Succeeded before confirming", () => {
    const { store, settle, timers } = timed(5000);
    addNode(store, "w1", "10.0.0.2");
    store.create(PODS, pod("web"));
    settle();
    const running = statusOf(store.get(PODS, "default", "web"));
    const statuses: Record<string, unknown>[] = [];
    store.onChange((change) => {
      if (change.resource === "pods" && change.type === "MODIFIED") {
        statuses.push(change.object.status as Record<string, unknown>);
      }
    });
    store.delete(PODS, "default", "web", { graceful: { period: 30 } });
    settle();
    timers[0].task();
    settle();
    // deno-lint-ignore no-explicit-any
    const stopped = statuses[1] as Record<string, any>;
    assert.equal(stopped.phase, "Succeeded");
    assert.equal(stopped.podIP, running.podIP);
    assert.equal(stopped.startTime, running.startTime);
    const container = stopped.containerStatuses[0];
    assert.equal(container.ready, false);
    assert.equal(container.started, false);
    // deno-lint-ignore no-explicit-any
    const startedAt = (running.containerStatuses as any)[0].state.running.startedAt;
    assert.deepEqual(Object.keys(container.state), ["terminated"]);
    assert.equal(container.state.terminated.exitCode, 0);
    assert.equal(container.state.terminated.reason, "Completed");
    assert.equal(container.state.terminated.startedAt, startedAt);
    assert.equal(container.state.terminated.containerID, container.containerID);
    const byType = Object.fromEntries(
      stopped.conditions.map((c: Record<string, string>) => [c.type, c]),
    );
    assert.equal(byType.Ready.status, "False");
    assert.equal(byType.Ready.reason, "PodCompleted");
    assert.equal(byType.ContainersReady.status, "False");
    assert.equal(byType.PodReadyToStartContainers.status, "False");
    assert.equal(byType.Initialized.status, "True");
    assert.equal(byType.PodScheduled.status, "True");
  });

  it("confirms a pod no container ran in without a status write", () => {
    const { store, settle } = newCluster();
    addNode(store, "w1", "10.0.0.2");
    store.create(PODS, pod("pending", { nodeName: "w1" }));
    const events = recordPods(store);
    store.delete(PODS, "default", "pending", { graceful: { period: 30 } });
    settle();
    assert.deepEqual(events(), [["MODIFIED", 30], ["MODIFIED", 0], ["DELETED", 0]]);
  });

  it("never waits longer than the grace period; a forced delete cancels the wait", () => {
    const { store, settle, timers } = timed(60_000);
    addNode(store, "w1", "10.0.0.2");
    store.create(PODS, pod("short", { terminationGracePeriodSeconds: 2 }));
    store.create(PODS, pod("forced"));
    settle();
    store.delete(PODS, "default", "short", { graceful: { period: 2 } });
    store.delete(PODS, "default", "forced", { graceful: { period: 30 } });
    settle();
    assert.deepEqual(timers.map((t) => t.delay), [2000, 30_000]);
    store.delete(PODS, "default", "forced", { graceful: { requested: 0, period: 0 } });
    assert.equal(timers[1].cancelled, true);
  });

  it("confirms promptly without the workload controllers (fkas's node agents), on known nodes only", () => {
    const { store, settle } = newCluster();
    addNode(store, "w1", "10.0.0.2");
    store.create(PODS, pod("on-node", { nodeName: "w1" }));
    store.create(PODS, pod("nowhere", { nodeName: "gone" }));
    for (const name of ["on-node", "nowhere"]) {
      store.delete(PODS, "default", name, { graceful: { period: 30 } });
    }
    settle();
    assert.equal(store.get(PODS, "default", "on-node"), undefined);
    // No kubelet runs on a node that does not exist: the pod waits, as on kube-apiserver.
    assert.equal(store.get(PODS, "default", "nowhere")?.metadata.deletionGracePeriodSeconds, 30);
  });

  it("confirms deletes pending before the controllers started", () => {
    const store = newStore();
    addNode(store, "w1", "10.0.0.2");
    store.create(PODS, pod("late", { nodeName: "w1" }));
    store.delete(PODS, "default", "late", { graceful: { period: 30 } });
    assert.ok(store.get(PODS, "default", "late"));
    const { settle } = newCluster({}, store);
    settle();
    assert.equal(store.get(PODS, "default", "late"), undefined);
  });
});
