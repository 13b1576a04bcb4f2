import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  CONFIGMAPS,
  DEPLOYMENTS,
  dropFinalizer,
  make,
  NAMESPACES,
  newCluster,
  newStore,
  NODES,
  PODS,
  REPLICASETS,
  reread,
} from "./controller_fixture.ts";
import type { ObjectStore } from "../../src/store/mod.ts";

// How the REST layer creates and deletes namespaces.
function makeNamespace(store: ObjectStore, name: string, metadata: Record<string, unknown> = {}) {
  return make(store, NAMESPACES, name, undefined, metadata, {
    spec: { finalizers: ["kubernetes"] },
  });
}
function deleteNamespace(store: ObjectStore, name: string) {
  store.delete(NAMESPACES, undefined, name, { keepUntilFinalized: true });
}

// Whether an update keeps a namespace with spec.finalizers (upstream ShouldDeleteNamespaceDuringUpdate).
function storeKeepsNamespacesWithSpecFinalizers(): boolean {
  const store = newStore();
  makeNamespace(store, "probe");
  deleteNamespace(store, "probe");
  store.update(NAMESPACES, { ...store.get(NAMESPACES, undefined, "probe")!, status: {} });
  return store.get(NAMESPACES, undefined, "probe") !== undefined;
}

describe("namespace controller", () => {
  it("deleting a namespace removes its content, then the namespace, and nothing elsewhere", () => {
    const { store, settle, errors } = newCluster();
    const removed: string[] = [];
    store.onChange((c) =>
      c.type === "DELETED" && removed.push(`${c.resource}/${c.object.metadata.name}`)
    );
    makeNamespace(store, "team");
    makeNamespace(store, "other");
    const deployment = make(store, DEPLOYMENTS, "web", "team");
    make(store, REPLICASETS, "web-1", "team", {
      ownerReferences: [{
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: "web",
        uid: deployment.metadata.uid!,
      }],
    });
    make(store, CONFIGMAPS, "settings", "team");
    const elsewhere = make(store, CONFIGMAPS, "settings", "other");
    const node = make(store, NODES, "node-1");
    settle();
    deleteNamespace(store, "team");
    assert.ok(store.get(NAMESPACES, undefined, "team")?.metadata.deletionTimestamp);
    settle();
    assert.equal(store.get(NAMESPACES, undefined, "team"), undefined);
    assert.deepEqual([...removed].sort(), [
      "apps/deployments/web",
      "apps/replicasets/web-1",
      "configmaps/settings",
      "namespaces/team",
      // The ServiceAccount controller's `default`, gone with its namespace.
      "serviceaccounts/default",
    ]);
    assert.equal(removed.at(-1), "namespaces/team", "the namespace goes last");
    assert.ok(reread(store, CONFIGMAPS, elsewhere));
    assert.ok(reread(store, NODES, node));
    assert.deepEqual(errors, []);
  });

  it("an object with a finalizer keeps its namespace until it is finalized", () => {
    const { store, settle } = newCluster();
    makeNamespace(store, "team");
    const held = make(store, PODS, "held", "team", { finalizers: ["example.com/hold"] });
    const plain = make(store, CONFIGMAPS, "plain", "team");
    deleteNamespace(store, "team");
    settle();
    assert.equal(reread(store, CONFIGMAPS, plain), undefined);
    assert.ok(reread(store, PODS, held)?.metadata.deletionTimestamp);
    assert.ok(store.get(NAMESPACES, undefined, "team"));
    dropFinalizer(store, PODS, held);
    settle();
    assert.equal(store.get(NAMESPACES, undefined, "team"), undefined);
  });

  it("objects created in a namespace being deleted are deleted too (no spec.finalizers needed)", () => {
    const { store, settle } = newCluster();
    make(store, NAMESPACES, "team");
    const held = make(store, PODS, "held", "team", { finalizers: ["example.com/hold"] });
    deleteNamespace(store, "team");
    settle();
    const late = make(store, CONFIGMAPS, "late", "team");
    settle();
    assert.equal(reread(store, CONFIGMAPS, late), undefined);
    dropFinalizer(store, PODS, held);
    settle();
    assert.equal(store.get(NAMESPACES, undefined, "team"), undefined);
  });

  it("with status updates, reports Terminating and what remains as upstream conditions", () => {
    const { store, settle } = newCluster({ updateNamespaceStatus: true });
    // A metadata finalizer keeps the namespace through status writes whatever the store's rule.
    makeNamespace(store, "team", { finalizers: ["example.com/ns"] });
    const held = make(store, PODS, "held", "team", { finalizers: ["example.com/hold"] });
    make(store, DEPLOYMENTS, "held", "team", { finalizers: ["example.com/hold"] });
    deleteNamespace(store, "team");
    settle();
    const terminating = store.get(NAMESPACES, undefined, "team")!;
    const status = terminating.status as {
      phase: string;
      conditions: { type: string; status: string; reason: string; message: string }[];
    };
    assert.equal(status.phase, "Terminating");
    const byType = Object.fromEntries(status.conditions.map((c) => [c.type, c]));
    assert.deepEqual(Object.keys(byType), [
      "NamespaceDeletionDiscoveryFailure",
      "NamespaceDeletionGroupVersionParsingFailure",
      "NamespaceDeletionContentFailure",
      "NamespaceContentRemaining",
      "NamespaceFinalizersRemaining",
    ]);
    assert.equal(byType.NamespaceDeletionDiscoveryFailure.status, "False");
    assert.equal(byType.NamespaceContentRemaining.reason, "SomeResourcesRemain");
    assert.equal(
      byType.NamespaceContentRemaining.message,
      "Some resources are remaining: deployments.apps has 1 resource instances, pods. has 1 resource instances",
    );
    assert.equal(
      byType.NamespaceFinalizersRemaining.message,
      "Some content in the namespace has finalizers remaining: example.com/hold in 2 resource instances",
    );
    dropFinalizer(store, PODS, held);
    dropFinalizer(store, DEPLOYMENTS, { metadata: { name: "held", namespace: "team" } });
    settle();
    const finalized = store.get(NAMESPACES, undefined, "team")!;
    assert.deepEqual(finalized.spec, {}, "the kubernetes token is removed");
    const conditions = (finalized.status as typeof status).conditions;
    assert.equal(conditions.find((c) => c.type === "NamespaceContentRemaining")?.status, "False");
    dropFinalizer(store, NAMESPACES, finalized);
    assert.equal(store.get(NAMESPACES, undefined, "team"), undefined);
  });

  (storeKeepsNamespacesWithSpecFinalizers() ? it : it.skip)(
    "with status updates and a store that keeps spec-finalized namespaces, content goes first",
    () => {
      const { store, settle } = newCluster({ updateNamespaceStatus: true });
      makeNamespace(store, "team");
      const held = make(store, PODS, "held", "team", { finalizers: ["example.com/hold"] });
      deleteNamespace(store, "team");
      settle();
      assert.equal(
        (store.get(NAMESPACES, undefined, "team")?.status as { phase: string }).phase,
        "Terminating",
      );
      dropFinalizer(store, PODS, held);
      settle();
      assert.equal(store.get(NAMESPACES, undefined, "team"), undefined);
    },
  );
});
