import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  CONFIGMAPS,
  make,
  NAMESPACES,
  newCluster,
  newStore,
  ownedBy,
  PODS,
  REPLICASETS,
  reread,
  RESOLVERS,
} from "./controller_fixture.ts";

describe("startClusterControllers", () => {
  it("stop() unsubscribes and drops pending work", () => {
    const { store, settle, controllers, tasks } = newCluster();
    const rs = make(store, REPLICASETS, "rs", "ns");
    const pod = make(store, PODS, "p", "ns", { ownerReferences: [ownedBy(rs)] });
    settle();
    store.delete(REPLICASETS, "ns", "rs");
    controllers.stop();
    settle();
    store.create(PODS, { metadata: { name: "q", namespace: "ns" } });
    assert.equal(tasks.length, 0);
    assert.ok(reread(store, PODS, pod));
  });

  it("changes that concern no controller schedule no work", () => {
    const { store, settle, tasks } = newCluster();
    const settings = make(store, CONFIGMAPS, "settings", "ns");
    store.update(CONFIGMAPS, { ...settings, data: { a: "1" } });
    store.delete(CONFIGMAPS, "ns", "settings");
    assert.equal(tasks.length, 0);
    settle();
  });

  it("catches up at start with what the store already holds", () => {
    const store = newStore();
    const ghost = { apiVersion: "apps/v1", kind: "ReplicaSet", name: "gone", uid: "gone" };
    const pod = make(store, PODS, "p", "ns", { ownerReferences: [ghost] });
    make(store, NAMESPACES, "team", undefined, {}, { spec: { finalizers: ["kubernetes"] } });
    make(store, CONFIGMAPS, "c", "team");
    store.delete(NAMESPACES, undefined, "team", { keepUntilFinalized: true });
    const { settle } = newCluster({}, store);
    settle();
    assert.equal(reread(store, PODS, pod), undefined);
    assert.equal(store.get(NAMESPACES, undefined, "team"), undefined);
  });

  it("a failing reaction reaches onError, never the store or its other listeners", () => {
    const { store, settle, errors } = newCluster({
      resources: (key) => {
        if (key === "configmaps") throw new Error("boom");
        return RESOLVERS.resources(key);
      },
      resourceForKind: () => {
        throw new Error("no mapper");
      },
    });
    const seen: string[] = [];
    store.onChange((c) => seen.push(c.object.metadata.name!));
    make(store, CONFIGMAPS, "c", "ns");
    make(store, PODS, "p", "ns", { ownerReferences: [ownedBy(make(store, PODS, "o", "ns"))] });
    settle();
    assert.deepEqual(seen, ["c", "o", "p"]);
    assert.equal(errors.length, 2);
    assert.match(String(errors[0]), /boom/);
    assert.match(
      (errors[1] as Error).message,
      /^Cannot run controller work gc\/dependent\/.*: no mapper$/,
    );
  });
});
