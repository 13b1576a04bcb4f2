// The namespace controller and the garbage collector delete pods through the API as any client:
// a pod a node runs is marked for its grace period first (podStrategy.CheckGracefulDelete), then
// its kubelet reports it stopped and confirms with grace 0; an unbound pod goes at once.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { StoreChange } from "../../src/store/mod.ts";
import { BUILTIN_RESOURCES } from "../../src/resources/mod.ts";
import { newCluster } from "./controller_fixture.ts";
import { addNode, PODS } from "./workloads/_workload_fixture.ts";

const NAMESPACES = BUILTIN_RESOURCES.find((r) => r.key === "namespaces")!;
const CONFIG_MAPS = BUILTIN_RESOURCES.find((r) => r.key === "configmaps")!;

const pod = (name: string, namespace: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace, ...extra },
  spec: {
    nodeName: "w1",
    terminationGracePeriodSeconds: 45,
    containers: [{ name: "c", image: "busybox" }],
  },
  status: { phase: "Running" },
});

function podEvents(store: { onChange(listener: (change: StoreChange) => void): unknown }) {
  const seen: [string, string, number | undefined][] = [];
  store.onChange((change) => {
    if (change.resource !== "pods") return;
    const { name, deletionGracePeriodSeconds } = change.object.metadata;
    seen.push([change.type, name ?? "", deletionGracePeriodSeconds]);
  });
  return () => seen.splice(0);
}

describe("controllers' pod deletes", () => {
  it("the garbage collector marks a bound pod for its grace period before the kubelet confirms", () => {
    const { store, settle } = newCluster();
    addNode(store, "w1", "10.0.0.2");
    const owner = store.create(CONFIG_MAPS, { metadata: { name: "owner", namespace: "default" } });
    const reference = {
      apiVersion: "v1",
      kind: "ConfigMap",
      name: "owner",
      uid: owner.metadata.uid,
    };
    store.create(PODS, pod("dependent", "default", { ownerReferences: [reference] }));
    settle();
    const events = podEvents(store);
    store.delete(CONFIG_MAPS, "default", "owner");
    settle();
    assert.deepEqual(events(), [
      ["MODIFIED", "dependent", 45],
      ["MODIFIED", "dependent", 0],
      ["DELETED", "dependent", 0],
    ]);
  });

  it("the namespace controller does the same for the pods of a namespace being deleted", () => {
    const { store, settle } = newCluster();
    addNode(store, "w1", "10.0.0.2");
    store.create(NAMESPACES, { metadata: { name: "team" }, spec: { finalizers: ["kubernetes"] } });
    store.create(PODS, pod("bound", "team"));
    store.create(PODS, { ...pod("unbound", "team"), spec: { containers: [{ name: "c" }] } });
    settle();
    const events = podEvents(store);
    store.delete(NAMESPACES, undefined, "team", { keepUntilFinalized: true });
    settle();
    const seen = events();
    assert.deepEqual(seen.filter(([, name]) => name === "bound"), [
      ["MODIFIED", "bound", 45],
      ["MODIFIED", "bound", 0],
      ["DELETED", "bound", 0],
    ]);
    assert.deepEqual(seen.filter(([, name]) => name === "unbound"), [
      ["MODIFIED", "unbound", 0],
      ["DELETED", "unbound", 0],
    ]);
  });
});
