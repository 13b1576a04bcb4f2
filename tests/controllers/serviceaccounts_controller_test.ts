// The ServiceAccount controller: a `default` ServiceAccount in every active namespace.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BUILTIN_RESOURCES } from "../../src/resources/mod.ts";
import { renderNamespace } from "../../src/seed/mod.ts";
import { NAMESPACES, newCluster, newStore } from "./controller_fixture.ts";

const SERVICE_ACCOUNTS = BUILTIN_RESOURCES.find((r) => r.key === "serviceaccounts")!;

describe("ServiceAccount controller", () => {
  it("creates `default` when a namespace appears and again when it is deleted", () => {
    const cluster = newCluster();
    cluster.store.create(NAMESPACES, renderNamespace("team"));
    cluster.settle();
    const account = cluster.store.get(SERVICE_ACCOUNTS, "team", "default");
    assert.deepEqual(account && { ...account, metadata: { ...account.metadata, uid: "x" } }, {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: {
        name: "default",
        namespace: "team",
        uid: "x",
        creationTimestamp: "2026-01-02T03:04:05Z",
        resourceVersion: account?.metadata.resourceVersion,
      },
    });
    cluster.store.delete(SERVICE_ACCOUNTS, "team", "default");
    cluster.settle();
    assert.ok(cluster.store.get(SERVICE_ACCOUNTS, "team", "default"));
    assert.deepEqual(cluster.errors, []);
  });

  it("catches up on existing namespaces and skips ones being deleted or not Active", () => {
    const store = newStore();
    store.create(NAMESPACES, renderNamespace("old"));
    store.create(NAMESPACES, {
      ...renderNamespace("going"),
      status: { phase: "Terminating" },
    });
    const cluster = newCluster({}, store);
    cluster.settle();
    assert.ok(store.get(SERVICE_ACCOUNTS, "old", "default"));
    assert.equal(store.get(SERVICE_ACCOUNTS, "going", "default"), undefined);
  });

  it("leaves other accounts alone and writes nothing when `default` exists", () => {
    const cluster = newCluster();
    cluster.store.create(NAMESPACES, renderNamespace("team"));
    cluster.settle();
    const version = cluster.store.get(SERVICE_ACCOUNTS, "team", "default")!.metadata
      .resourceVersion;
    cluster.store.create(SERVICE_ACCOUNTS, {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "robot", namespace: "team" },
    });
    cluster.store.delete(SERVICE_ACCOUNTS, "team", "robot");
    cluster.settle();
    assert.equal(cluster.store.get(SERVICE_ACCOUNTS, "team", "robot"), undefined);
    assert.equal(
      cluster.store.get(SERVICE_ACCOUNTS, "team", "default")!.metadata.resourceVersion,
      version,
    );
  });
});
