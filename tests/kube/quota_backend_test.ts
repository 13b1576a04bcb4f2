// A cluster's store past its byte bound: clients' writes fail as kube-apiserver's do once etcd is
// past --quota-backend-bytes (500 'etcdserver: mvcc: database space exceeded'), nothing is stored,
// other clusters keep writing, and deleting frees the space.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const CM = "/api/v1/namespaces/default/configmaps";

function configMap(name: string, bytes: number) {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name },
    data: { x: "x".repeat(bytes) },
  };
}

// ErrorToAPIStatus of the etcd client's ErrGRPCNoSpace: 500 without a reason.
const NO_SPACE = {
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Failure",
  message: "etcdserver: mvcc: database space exceeded",
  code: 500,
};

describe("a cluster past its quota-backend-bytes", () => {
  it("a create past the bound is 500 'etcdserver: mvcc: database space exceeded' and stores nothing; another cluster keeps writing", async () => {
    const full = kubeFixture({ byteLimit: 2_500_000 });
    const other = kubeFixture({ byteLimit: 2_500_000 });
    for (const name of ["a", "b"]) {
      assert.equal((await full.call("POST", CM, configMap(name, 1_000_000))).status, 201);
    }
    const revision = full.cluster.store.revision;
    const refused = await full.call("POST", CM, configMap("c", 1_000_000));
    assert.equal(refused.status, 500);
    assert.deepEqual(refused.json, NO_SPACE);
    assert.equal((await full.call("GET", `${CM}/c`)).status, 404);
    assert.equal(full.cluster.store.revision, revision);
    assert.ok(full.cluster.store.bytes <= 2_500_000);
    for (const name of ["a", "b"]) {
      assert.equal((await other.call("POST", CM, configMap(name, 1_000_000))).status, 201);
    }
    // Small writes fit still: only what takes the store past the bound fails.
    assert.equal((await full.call("POST", CM, configMap("small", 10))).status, 201);
  });

  it("an update or patch that grows an object past the bound is refused and the stored object stays", async () => {
    const { call } = kubeFixture({ byteLimit: 1_030_000 });
    assert.equal((await call("POST", CM, configMap("a", 1_000_000))).status, 201);
    const stored = (await call("GET", `${CM}/a`)).json;
    const grown = { ...stored, data: { x: "y".repeat(1_040_000) } };
    const refused = await call("PUT", `${CM}/a`, grown);
    assert.equal(refused.status, 500);
    assert.deepEqual(refused.json, NO_SPACE);
    const patched = await call("PATCH", `${CM}/a`, { data: { x: "y".repeat(1_040_000) } }, {
      "content-type": "application/merge-patch+json",
    });
    assert.equal(patched.status, 500);
    assert.deepEqual(patched.json, NO_SPACE);
    assert.deepEqual((await call("GET", `${CM}/a`)).json, stored);
    // A shrinking update is no growth: it fits.
    const shrunk = { ...stored, data: { x: "z" } };
    assert.equal((await call("PUT", `${CM}/a`, shrunk)).status, 200);
  });

  it("deleting objects brings the cluster back under its bound", async () => {
    const { call, cluster } = kubeFixture({ byteLimit: 2_500_000 });
    for (const name of ["a", "b"]) {
      assert.equal((await call("POST", CM, configMap(name, 1_000_000))).status, 201);
    }
    assert.equal((await call("POST", CM, configMap("c", 1_000_000))).status, 500);
    const before = cluster.store.bytes;
    assert.equal((await call("DELETE", `${CM}/a`)).status, 200);
    assert.ok(cluster.store.bytes < before - 1_000_000 + 1);
    assert.equal((await call("POST", CM, configMap("c", 1_000_000))).status, 201);
  });

  it("seeded objects never fail a cluster's boot, however small the bound", async () => {
    const { call, cluster } = kubeFixture({ byteLimit: 1, workloads: true });
    try {
      assert.ok(
        cluster.store.count({ key: "namespaces", namespaced: false, tracksGeneration: false }) > 0,
      );
      const refused = await call("POST", CM, configMap("a", 1));
      assert.deepEqual(refused.json, NO_SPACE);
    } finally {
      await cluster.close();
    }
  });

  it("a Deployment's pods count: 1,000 replicas of a 1.4 MB template stop at the bound, the ReplicaSet says why and retries with backoff, and deleting the Deployment frees the space", async () => {
    const limit = 12_000_000;
    const errors: unknown[] = [];
    const { call, cluster } = kubeFixture({
      byteLimit: limit,
      workloads: true,
      onControllerError: (error) => errors.push(error),
    });
    const pods = () =>
      cluster.store.count({ key: "pods", namespaced: true, tracksGeneration: false });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      const created = await call("POST", "/apis/apps/v1/namespaces/default/deployments", {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "bomb" },
        spec: {
          replicas: 1_000,
          selector: { matchLabels: { app: "bomb" } },
          template: {
            metadata: { labels: { app: "bomb" } },
            spec: { containers: [{ name: "c", image: "nginx", args: ["x".repeat(1_400_000)] }] },
          },
        },
      });
      assert.equal(created.status, 201, created.text);
      let failure: Record<string, unknown> | undefined;
      for (let i = 0; i < 100 && !failure; i++) {
        await sleep(20);
        const list = (await call("GET", "/apis/apps/v1/namespaces/default/replicasets")).json;
        failure = list.items[0]?.status?.conditions?.find((c: { type: string }) =>
          c.type === "ReplicaFailure"
        );
      }
      // The Deployment, its ReplicaSet and each pod hold the template: the bound's worth of them.
      assert.ok(pods() > 0 && pods() <= Math.floor(limit / 1_400_000) - 2, `${pods()} pods`);
      assert.ok(cluster.store.bytes <= limit, `${cluster.store.bytes} bytes`);
      assert.ok(cluster.store.bytes > limit - 1_500_000, `${cluster.store.bytes} bytes`);
      // calculateStatus's condition, worded as client-go reads the apiserver's 500.
      const { lastTransitionTime: _, ...condition } = failure!;
      assert.deepEqual(condition, {
        type: "ReplicaFailure",
        status: "True",
        reason: "FailedCreate",
        message: "etcdserver: mvcc: database space exceeded",
      });
      // The Deployment shows its ReplicaSet's failure (getReplicaFailures).
      let copied: Record<string, unknown> | undefined;
      for (let i = 0; i < 100 && !copied; i++) {
        const path = "/apis/apps/v1/namespaces/default/deployments/bomb";
        const deployment = (await call("GET", path)).json;
        copied = deployment.status?.conditions?.find((c: { type: string }) =>
          c.type === "ReplicaFailure"
        );
        if (!copied) await sleep(20);
      }
      assert.deepEqual(copied, {
        type: "ReplicaFailure",
        status: "True",
        lastUpdateTime: failure!.lastTransitionTime,
        lastTransitionTime: failure!.lastTransitionTime,
        reason: "FailedCreate",
        message: "etcdserver: mvcc: database space exceeded",
      });
      // Retried after 5 ms doubled per failure: a handful of tries in half a second, no busy loop.
      const tries = errors.length;
      await sleep(500);
      assert.ok(errors.length - tries <= 8, `${errors.length - tries} more failures`);
      const stuck = pods();
      // Another client's small write still fits.
      assert.equal((await call("POST", CM, configMap("small", 10))).status, 201);
      assert.equal(pods(), stuck);

      const deleted = await call("DELETE", "/apis/apps/v1/namespaces/default/deployments/bomb");
      assert.equal(deleted.status, 200, deleted.text);
      for (let i = 0; i < 100 && pods() > 0; i++) await sleep(20);
      assert.equal(pods(), 0);
      assert.ok(cluster.store.bytes < 100_000, `${cluster.store.bytes} bytes`);
      assert.equal((await call("POST", CM, configMap("big", 1_000_000))).status, 201);
    } finally {
      await cluster.close();
    }
  });
});
