// Objects too large for etcd: kube-apiserver's write fails as etcd's request limits make it fail,
// and nothing is stored; managedFields are dropped first if that makes the object fit.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
const BLOBS = "/apis/x.io/v1/namespaces/default/blobs";
const CM = "/api/v1/namespaces/default/configmaps";

const BLOB_CRD = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "blobs.x.io" },
  spec: {
    group: "x.io",
    scope: "Namespaced",
    names: { plural: "blobs", singular: "blob", kind: "Blob", listKind: "BlobList" },
    versions: [{
      name: "v1",
      served: true,
      storage: true,
      schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
    }],
  },
};

async function withBlobs() {
  const fixture = kubeFixture();
  assert.equal((await fixture.call("POST", CRDS, BLOB_CRD)).status, 201);
  return fixture;
}

function blob(name: string, bytes: number) {
  return { apiVersion: "x.io/v1", kind: "Blob", metadata: { name }, data: "x".repeat(bytes) };
}

// ErrorToAPIStatus of the etcd client's error: 500 without a reason.
function internal(message: string) {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, code: 500 };
}

describe("objects too large for etcd", () => {
  it("a custom resource over etcd's 1.5 MiB request limit is 500 'etcdserver: request is too large'", async () => {
    const { call } = await withBlobs();
    const refused = await call("POST", BLOBS, blob("big", 1_600_000));
    assert.equal(refused.status, 500);
    assert.deepEqual(refused.json, internal("etcdserver: request is too large"));
    assert.equal((await call("GET", `${BLOBS}/big`)).status, 404);
    assert.equal((await call("POST", BLOBS, blob("fits", 1_400_000))).status, 201);
  });

  it("past the etcd client's 2 MiB send limit the gRPC error names the message size", async () => {
    const { call } = await withBlobs();
    const refused = await call("POST", BLOBS, blob("huge", 3_000_000));
    assert.equal(refused.status, 500);
    assert.match(
      refused.json.message,
      /^rpc error: code = ResourceExhausted desc = trying to send message larger than max \(3000\d{3} vs\. 2097152\)$/,
    );
    assert.equal((await call("GET", `${BLOBS}/huge`)).status, 404);
  });

  it("an update that grows an object past the limit is refused and the stored object kept", async () => {
    const { call } = await withBlobs();
    const created = await call("POST", BLOBS, blob("grows", 10));
    assert.equal(created.status, 201);
    const patched = await call(
      "PATCH",
      `${BLOBS}/grows`,
      { data: "x".repeat(1_600_000) },
      { "content-type": "application/merge-patch+json" },
    );
    assert.deepEqual(patched.json, internal("etcdserver: request is too large"));
    const stored = await call("GET", `${BLOBS}/grows`);
    assert.equal(stored.json.data, "x".repeat(10));
    assert.equal(stored.json.metadata.resourceVersion, created.json.metadata.resourceVersion);
  });

  it("a built-in is measured as stored (protobuf): a ConfigMap of 1 MiB binaryData fits", async () => {
    const { call } = kubeFixture();
    // 1.33 MiB of base64 in JSON, 1 MiB of bytes in etcd.
    const binaryData = { b: btoa("y".repeat(1024 * 1024 - 100)) };
    const created = await call("POST", CM, { metadata: { name: "full" }, binaryData });
    assert.equal(created.status, 201);
  });

  it("an object too large only with its managedFields is stored without them (create.go's retry)", async () => {
    const { call } = kubeFixture();
    // 20,000 keys: ~0.9 MB of data, as much again of managedFields naming every key.
    const data: Record<string, string> = {};
    for (let i = 0; i < 20_000; i++) data[`key-${String(i).padStart(34, "0")}`] = "v";
    const created = await call("POST", `${CM}?fieldManager=test`, {
      metadata: { name: "keys" },
      data,
    });
    assert.equal(created.status, 201);
    assert.equal(created.json.metadata.managedFields, undefined);
    const stored = await call("GET", `${CM}/keys`);
    assert.equal(Object.keys(stored.json.data).length, 20_000);
    assert.equal(stored.json.metadata.managedFields, undefined);
  });

  it("an apply too large with its managedFields is refused (patch.go does not retry an apply)", async () => {
    const { call } = kubeFixture();
    const data: Record<string, string> = {};
    for (let i = 0; i < 20_000; i++) data[`key-${String(i).padStart(34, "0")}`] = "v";
    const applied = await call(
      "PATCH",
      `${CM}/keys?fieldManager=test`,
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "keys" }, data },
      { "content-type": "application/apply-patch+yaml" },
    );
    assert.deepEqual(applied.json, internal("etcdserver: request is too large"));
    assert.equal((await call("GET", `${CM}/keys`)).status, 404);
  });
});
