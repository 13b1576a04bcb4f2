import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  CONFIGMAPS,
  DEPLOYMENTS,
  dropFinalizer,
  make,
  newCluster,
  NODES,
  ownedBy,
  PODS,
  REPLICASETS,
  reread,
} from "./controller_fixture.ts";

describe("garbage collector", () => {
  it("background deletion cascades owner → dependent → grand-dependent after the store event", () => {
    const { store, settle, errors } = newCluster();
    const deployment = make(store, DEPLOYMENTS, "web", "ns");
    const rs = make(store, REPLICASETS, "web-1", "ns", { ownerReferences: [ownedBy(deployment)] });
    const pod = make(store, PODS, "web-1-a", "ns", { ownerReferences: [ownedBy(rs)] });
    const unrelated = make(store, PODS, "other", "ns");
    settle();
    store.delete(DEPLOYMENTS, "ns", "web");
    assert.ok(reread(store, REPLICASETS, rs), "nothing happens inside the store event");
    settle();
    assert.equal(reread(store, REPLICASETS, rs), undefined);
    assert.equal(reread(store, PODS, pod), undefined);
    assert.ok(reread(store, PODS, unrelated));
    assert.deepEqual(errors, []);
  });

  it("a dependent with another live owner loses only the dangling reference", () => {
    const { store, settle } = newCluster();
    const a = make(store, REPLICASETS, "a", "ns");
    const b = make(store, REPLICASETS, "b", "ns");
    const pod = make(store, PODS, "p", "ns", { ownerReferences: [ownedBy(a), ownedBy(b)] });
    store.delete(REPLICASETS, "ns", "a");
    settle();
    assert.deepEqual(reread(store, PODS, pod)?.metadata.ownerReferences, [ownedBy(b)]);
  });

  it("foreground deletion removes dependents first, recursively, then the owner", () => {
    const { store, settle } = newCluster();
    const removed: string[] = [];
    store.onChange((c) => c.type === "DELETED" && removed.push(c.object.metadata.name!));
    const deployment = make(store, DEPLOYMENTS, "web", "ns");
    const rs = make(store, REPLICASETS, "web-1", "ns", {
      ownerReferences: [ownedBy(deployment, { blockOwnerDeletion: true })],
    });
    make(store, PODS, "web-1-a", "ns", {
      ownerReferences: [ownedBy(rs, { blockOwnerDeletion: true })],
    });
    make(store, CONFIGMAPS, "loose", "ns", { ownerReferences: [ownedBy(deployment)] });
    store.delete(DEPLOYMENTS, "ns", "web", { addFinalizers: ["foregroundDeletion"] });
    settle();
    assert.deepEqual([...removed].sort(), ["loose", "web", "web-1", "web-1-a"]);
    assert.equal(removed.at(-1), "web", "the owner goes last");
  });

  it("a blocking dependent with a finalizer keeps a foreground owner until it is finalized", () => {
    const { store, settle } = newCluster();
    const deployment = make(store, DEPLOYMENTS, "web", "ns");
    const rs = make(store, REPLICASETS, "web-1", "ns", {
      finalizers: ["example.com/hold"],
      ownerReferences: [ownedBy(deployment, { blockOwnerDeletion: true })],
    });
    store.delete(DEPLOYMENTS, "ns", "web", { addFinalizers: ["foregroundDeletion"] });
    settle();
    assert.ok(reread(store, REPLICASETS, rs)?.metadata.deletionTimestamp);
    assert.deepEqual(reread(store, DEPLOYMENTS, deployment)?.metadata.finalizers, [
      "foregroundDeletion",
    ]);
    dropFinalizer(store, REPLICASETS, rs);
    settle();
    assert.equal(reread(store, REPLICASETS, rs), undefined);
    assert.equal(reread(store, DEPLOYMENTS, deployment), undefined);
  });

  it("orphan deletion strips the owner's references from dependents, then removes the owner", () => {
    const { store, settle } = newCluster();
    const deployment = make(store, DEPLOYMENTS, "web", "ns");
    const other = make(store, DEPLOYMENTS, "other", "ns");
    const rs = make(store, REPLICASETS, "web-1", "ns", {
      ownerReferences: [ownedBy(deployment, { blockOwnerDeletion: true })],
    });
    const shared = make(store, PODS, "shared", "ns", {
      ownerReferences: [ownedBy(deployment), ownedBy(other)],
    });
    store.delete(DEPLOYMENTS, "ns", "web", { addFinalizers: ["orphan"] });
    settle();
    assert.equal(reread(store, DEPLOYMENTS, deployment), undefined);
    assert.equal(reread(store, REPLICASETS, rs)?.metadata.ownerReferences, undefined);
    assert.deepEqual(reread(store, PODS, shared)?.metadata.ownerReferences, [ownedBy(other)]);
  });

  it("a dependent with a finalizer is marked, and its own dependents wait for its removal", () => {
    const { store, settle } = newCluster();
    const deployment = make(store, DEPLOYMENTS, "web", "ns");
    const rs = make(store, REPLICASETS, "web-1", "ns", {
      finalizers: ["example.com/hold"],
      ownerReferences: [ownedBy(deployment)],
    });
    const pod = make(store, PODS, "web-1-a", "ns", { ownerReferences: [ownedBy(rs)] });
    store.delete(DEPLOYMENTS, "ns", "web");
    settle();
    assert.ok(reread(store, REPLICASETS, rs)?.metadata.deletionTimestamp);
    assert.ok(reread(store, PODS, pod));
    dropFinalizer(store, REPLICASETS, rs);
    settle();
    assert.equal(reread(store, PODS, pod), undefined);
  });

  it("an object created with a reference to an owner that never existed is collected", () => {
    const { store, settle } = newCluster();
    const live = make(store, REPLICASETS, "live", "ns");
    const ghost = { apiVersion: "apps/v1", kind: "ReplicaSet", name: "ghost", uid: "no-such-uid" };
    const orphan = make(store, PODS, "orphan", "ns", { ownerReferences: [ghost] });
    const half = make(store, PODS, "half", "ns", { ownerReferences: [ghost, ownedBy(live)] });
    settle();
    assert.equal(reread(store, PODS, orphan), undefined);
    assert.deepEqual(reread(store, PODS, half)?.metadata.ownerReferences, [ownedBy(live)]);
  });

  it("a reference whose name or kind does not match the uid's object counts as absent", () => {
    const { store, settle } = newCluster();
    const rs = make(store, REPLICASETS, "rs", "ns");
    const renamed = make(store, PODS, "a", "ns", {
      ownerReferences: [{ ...ownedBy(rs), name: "other" }],
    });
    const rekinded = make(store, PODS, "b", "ns", {
      ownerReferences: [{ ...ownedBy(rs), apiVersion: "apps/v1", kind: "Deployment" }],
    });
    settle();
    assert.equal(reread(store, PODS, renamed), undefined);
    assert.equal(reread(store, PODS, rekinded), undefined);
  });

  it("a namespaced owner in another namespace counts as absent; a cluster-scoped owner does not", () => {
    const { store, settle } = newCluster();
    const rs = make(store, REPLICASETS, "rs", "a");
    const node = make(store, NODES, "node-1");
    const crossing = make(store, PODS, "crossing", "b", { ownerReferences: [ownedBy(rs)] });
    const onNode = make(store, PODS, "on-node", "b", { ownerReferences: [ownedBy(node)] });
    settle();
    assert.equal(reread(store, PODS, crossing), undefined);
    assert.ok(reread(store, PODS, onNode));
    store.delete(NODES, undefined, "node-1");
    settle();
    assert.equal(reread(store, PODS, onNode), undefined);
  });

  it("leaves alone references it cannot resolve, as upstream gives up on them", () => {
    const { store, settle } = newCluster();
    const rs = make(store, REPLICASETS, "rs", "ns");
    const clusterScoped = make(store, NODES, "n", undefined, { ownerReferences: [ownedBy(rs)] });
    const unknownKind = make(store, PODS, "p", "ns", {
      ownerReferences: [{ apiVersion: "example.com/v1", kind: "Widget", name: "w", uid: "x" }],
    });
    store.delete(REPLICASETS, "ns", "rs");
    settle();
    assert.ok(reread(store, NODES, clusterScoped));
    assert.ok(reread(store, PODS, unknownKind));
  });
});
