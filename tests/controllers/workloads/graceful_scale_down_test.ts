// The ReplicaSet, StatefulSet and DaemonSet controllers delete pods as kube-controller-manager's
// DELETEs do, naming no grace period: a running pod is marked Terminating for its own
// terminationGracePeriodSeconds (30 by default), then its kubelet reports it stopped and
// confirms, so a scale-down shows Terminating pods as on a real cluster.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BUILTIN_RESOURCES } from "../../../src/resources/mod.ts";
import type { StoreChange } from "../../../src/store/mod.ts";
import { addNode, DAEMONSETS, podsIn, REPLICASETS, workloadCluster } from "./_workload_fixture.ts";

const SETS = BUILTIN_RESOURCES.find((r) => r.key === "apps/statefulsets")!;

const template = (app: string, grace?: number) => ({
  metadata: { labels: { app } },
  spec: {
    ...(grace === undefined ? {} : { terminationGracePeriodSeconds: grace }),
    containers: [{ name: "c", image: "nginx:1.27" }],
  },
});

// The deletes the pods went through: [type, name, deletionGracePeriodSeconds] of each change
// after a pod was marked, in order: the mark, the kubelet's stopped status, its confirmation.
function deletions(store: { onChange(listener: (change: StoreChange) => void): unknown }) {
  const seen: [string, string, number | undefined][] = [];
  store.onChange((change) => {
    if (change.resource !== "pods") return;
    const { name, deletionTimestamp, deletionGracePeriodSeconds } = change.object.metadata;
    if (deletionTimestamp || change.type === "DELETED") {
      seen.push([change.type, name ?? "", deletionGracePeriodSeconds]);
    }
  });
  return () => seen.splice(0);
}

describe("workload controllers' pod deletes", () => {
  it("a ReplicaSet scaled down marks its pod for the pod's grace period before the kubelet confirms", () => {
    const { store, settle, errors } = workloadCluster();
    addNode(store, "w1", "10.0.0.2");
    const rs = (replicas: number) => ({
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "web", namespace: "default" },
      spec: { replicas, selector: { matchLabels: { app: "web" } }, template: template("web") },
    });
    store.create(REPLICASETS, rs(2));
    settle();
    assert.equal(podsIn(store).length, 2);
    const seen = deletions(store);
    const current = store.get(REPLICASETS, "default", "web")!;
    store.update(REPLICASETS, { ...current, spec: rs(1).spec });
    settle();
    assert.deepEqual(errors, []);
    const [first, ...rest] = seen();
    assert.equal(first[0], "MODIFIED");
    assert.equal(first[2], 30, "the defaulted terminationGracePeriodSeconds");
    assert.deepEqual(rest.map(([type, , grace]) => [type, grace]), [
      ["MODIFIED", 30],
      ["MODIFIED", 0],
      ["DELETED", 0],
    ]);
    assert.equal(podsIn(store).length, 1);
  });

  it("a StatefulSet scaled down does the same for its highest ordinal", () => {
    const { store, settle } = workloadCluster();
    addNode(store, "w1", "10.0.0.2");
    const set = (replicas: number) => ({
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "db", namespace: "default" },
      spec: {
        replicas,
        serviceName: "db",
        selector: { matchLabels: { app: "db" } },
        template: template("db", 45),
      },
    });
    store.create(SETS, set(2));
    settle();
    const seen = deletions(store);
    store.update(SETS, { ...store.get(SETS, "default", "db")!, spec: set(1).spec });
    settle();
    assert.deepEqual(seen(), [
      ["MODIFIED", "db-1", 45],
      ["MODIFIED", "db-1", 45],
      ["MODIFIED", "db-1", 0],
      ["DELETED", "db-1", 0],
    ]);
  });

  it("a DaemonSet deletes the pod of a node it no longer selects the same way", () => {
    const { store, settle } = workloadCluster();
    addNode(store, "w1", "10.0.0.2");
    const ds = (nodeSelector: Record<string, string>) => ({
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "agent", namespace: "default" },
      spec: {
        selector: { matchLabels: { app: "agent" } },
        template: {
          ...template("agent", 10),
          spec: { ...template("agent", 10).spec, nodeSelector },
        },
      },
    });
    store.create(DAEMONSETS, ds({}));
    settle();
    const [pod] = podsIn(store);
    const seen = deletions(store);
    store.update(DAEMONSETS, {
      ...store.get(DAEMONSETS, "default", "agent")!,
      spec: ds({ role: "none" }).spec,
    });
    settle();
    assert.deepEqual(seen().filter(([, name]) => name === pod.metadata.name), [
      ["MODIFIED", pod.metadata.name, 10],
      ["MODIFIED", pod.metadata.name, 10],
      ["MODIFIED", pod.metadata.name, 0],
      ["DELETED", pod.metadata.name, 0],
    ]);
  });
});
