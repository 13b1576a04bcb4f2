// PUT of a missing object (created where the kind's strategy allows it) and the fields updates may
// not change, as kube-apiserver v1.36.3 answered the same requests.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const fixture = () => kubeFixture({ kubernetesVersion: "v1.36.3", workloads: false });
const MERGE = { "content-type": "application/merge-patch+json" };

describe("create on update", () => {
  it("a Lease, a Role and a Service PUT while missing are created (201); a ConfigMap is 404", async () => {
    const { call } = fixture();
    const lease = await call("PUT", "/apis/coordination.k8s.io/v1/namespaces/default/leases/l", {
      // A resourceVersion is no precondition when the object is created.
      metadata: { name: "l", resourceVersion: "5" },
      spec: { holderIdentity: "x" },
    });
    assert.equal(lease.status, 201);
    assert.equal(lease.json.spec.holderIdentity, "x");
    const role = await call(
      "PUT",
      "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles/r",
      { metadata: { name: "r" } },
    );
    assert.equal(role.status, 201);
    const service = await call("PUT", "/api/v1/namespaces/default/services/s", {
      metadata: { name: "s" },
    });
    assert.equal(service.status, 422);
    assert.equal(service.json.message, 'Service "s" is invalid: spec.ports: Required value');
    const map = await call("PUT", "/api/v1/namespaces/default/configmaps/m", {
      metadata: { name: "m" },
    });
    assert.equal(map.status, 404);
    assert.equal(map.json.message, 'configmaps "m" not found');
  });
});

describe("fixed fields", () => {
  it("StorageClass parameters and reclaimPolicy, IngressClass controller: field is immutable", async () => {
    const { call } = fixture();
    await call("POST", "/apis/storage.k8s.io/v1/storageclasses", {
      metadata: { name: "sc" },
      provisioner: "example.com/disk",
      parameters: { a: "1" },
    });
    const storage = await call("PATCH", "/apis/storage.k8s.io/v1/storageclasses/sc", {
      parameters: { a: "2" },
      reclaimPolicy: "Retain",
    }, MERGE);
    assert.equal(storage.status, 422);
    assert.equal(
      storage.json.message,
      'StorageClass.storage.k8s.io "sc" is invalid: [parameters: Invalid value: {"a":"2"}: field is immutable, reclaimPolicy: Invalid value: "Retain": field is immutable]',
    );
    await call("POST", "/apis/networking.k8s.io/v1/ingressclasses", {
      metadata: { name: "ic" },
      spec: { controller: "example.com/a" },
    });
    const ingress = await call("PATCH", "/apis/networking.k8s.io/v1/ingressclasses/ic", {
      spec: { controller: "example.com/b" },
    }, MERGE);
    assert.equal(ingress.status, 422);
    assert.equal(
      ingress.json.message,
      'IngressClass.networking.k8s.io "ic" is invalid: spec.controller: Invalid value: "example.com/b": field is immutable',
    );
    const runtime = await call("PUT", "/apis/node.k8s.io/v1/runtimeclasses/rc", {
      metadata: { name: "rc" },
    });
    assert.equal(runtime.status, 422);
    assert.equal(
      runtime.json.message,
      'RuntimeClass.node.k8s.io "rc" is invalid: handler: Required value',
    );
  });
});
