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

  it("seeded and controller objects never fail a cluster's boot, however small the bound", async () => {
    const { call, cluster } = kubeFixture({ byteLimit: 1, workloads: true });
    assert.ok(
      cluster.store.count({ key: "namespaces", namespaced: false, tracksGeneration: false }) > 0,
    );
    const refused = await call("POST", CM, configMap("a", 1));
    assert.deepEqual(refused.json, NO_SPACE);
  });
});
