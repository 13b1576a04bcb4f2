// What deletes and writes to objects being deleted answer: a namespace turns Terminating in the
// DELETE's own answer, new finalizers on a deleting object are 422, 202 only for
// orphanDependents=false, and a failed JSON patch is the generic 422 with empty details.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const CM = "/api/v1/namespaces/default/configmaps";
const MERGE = { "content-type": "application/merge-patch+json" };

describe("deletion answers", () => {
  it("DELETE of a namespace answers the namespace with status.phase Terminating", async () => {
    const { call } = kubeFixture();
    await call("POST", "/api/v1/namespaces", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "doomed" },
    });
    const answer = await call("DELETE", "/api/v1/namespaces/doomed");
    assert.equal(answer.status, 200);
    assert.equal(answer.json.kind, "Namespace");
    assert.equal(answer.json.status.phase, "Terminating");
    assert.ok(answer.json.metadata.deletionTimestamp);
    // The namespace registry's Delete sets no grace period.
    assert.equal(answer.json.metadata.deletionGracePeriodSeconds, undefined);
  });

  it("a Service, ServiceAccount or Pod removed at once answers the object, a ConfigMap a Status", async () => {
    const { call } = kubeFixture();
    const service = "/api/v1/namespaces/default/services/s";
    await call("POST", "/api/v1/namespaces/default/services", {
      metadata: { name: "s" },
      spec: { ports: [{ port: 80 }] },
    });
    const before = (await call("GET", service)).json;
    const answer = await call("DELETE", service);
    assert.equal(answer.status, 200);
    // As kube-apiserver v1.36.3: the stored object, at the delete's resourceVersion.
    assert.deepEqual(answer.json, {
      ...before,
      metadata: { ...before.metadata, resourceVersion: answer.json.metadata.resourceVersion },
    });
    assert.ok(
      Number(answer.json.metadata.resourceVersion) > Number(before.metadata.resourceVersion),
    );
    await call("POST", "/api/v1/namespaces/default/serviceaccounts", { metadata: { name: "sa" } });
    const account = await call("DELETE", "/api/v1/namespaces/default/serviceaccounts/sa");
    assert.equal(account.json.kind, "ServiceAccount");
    await call("POST", "/api/v1/namespaces/default/pods", {
      metadata: { name: "p" },
      spec: { containers: [{ name: "c", image: "nginx:1.27" }] },
    });
    const pod = await call("DELETE", "/api/v1/namespaces/default/pods/p");
    assert.equal(pod.json.kind, "Pod");
    assert.equal(pod.json.metadata.name, "p");
    await call("POST", CM, { metadata: { name: "plain" } });
    const plain = await call("DELETE", `${CM}/plain`);
    assert.equal(plain.json.kind, "Status");
    assert.equal(plain.json.status, "Success");
  });

  it("adding a finalizer to an object being deleted is 422 Invalid on metadata.finalizers", async () => {
    const { call } = kubeFixture();
    await call("POST", CM, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "x", finalizers: ["example.com/keep"] },
    });
    await call("DELETE", `${CM}/x`);
    const { status, json } = await call("PATCH", `${CM}/x`, {
      metadata: { finalizers: ["example.com/keep", "z.io/b", "a.io/a"] },
    }, MERGE);
    assert.equal(status, 422);
    const detail =
      'no new finalizers can be added if the object is being deleted, found new finalizers []string{"a.io/a", "z.io/b"}';
    assert.deepEqual(json, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: `ConfigMap "x" is invalid: metadata.finalizers: Forbidden: ${detail}`,
      reason: "Invalid",
      details: {
        name: "x",
        kind: "ConfigMap",
        causes: [{
          reason: "FieldValueForbidden",
          message: `Forbidden: ${detail}`,
          field: "metadata.finalizers",
        }],
      },
      code: 422,
    });
  });

  it("a delete left pending is 202 only with orphanDependents=false (handlers/delete.go)", async () => {
    const { call } = kubeFixture();
    for (const name of ["a", "b", "c"]) {
      await call("POST", CM, {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name, finalizers: ["example.com/keep"] },
      });
    }
    assert.equal((await call("DELETE", `${CM}/a`, { orphanDependents: false })).status, 202);
    assert.equal(
      (await call("DELETE", `${CM}/b`, { propagationPolicy: "Foreground" })).status,
      200,
    );
    assert.equal((await call("DELETE", `${CM}/c?orphanDependents=true`)).status, 200);
  });

  it("a JSON patch that fails to apply is the generic 422 with empty details", async () => {
    const { call } = kubeFixture();
    await call("POST", CM, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } });
    const { status, json } = await call(
      "PATCH",
      `${CM}/x`,
      [{ op: "test", path: "/metadata/name", value: "y" }],
      { "content-type": "application/json-patch+json" },
    );
    assert.equal(status, 422);
    assert.deepEqual(json, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "the server rejected our request due to an error in our request",
      reason: "Invalid",
      details: {},
      code: 422,
    });
  });
});
