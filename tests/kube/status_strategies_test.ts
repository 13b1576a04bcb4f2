// /status writes keep per kind what kube-apiserver's status strategy resets, and record the rest.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";

const MERGE = { "content-type": "application/merge-patch+json" };
const OWNER = { apiVersion: "v1", kind: "ConfigMap", name: "o", uid: "u-1" };

// deno-lint-ignore no-explicit-any
type Loose = any;

const statusEntry = (object: Loose) =>
  object.metadata.managedFields.find((e: Loose) => e.subresource === "status");

describe("/status writes per kind", () => {
  it("pods/status changes labels and annotations but not ownerReferences or spec", async () => {
    const { call } = kubeFixture({ workloads: false }); // no controller rewrites what a test writes
    const pods = "/api/v1/namespaces/default/pods";
    await call("POST", pods, {
      metadata: { name: "p", labels: { a: "1" } },
      spec: { containers: [{ name: "c", image: "busybox" }] },
    });
    const patched = await call("PATCH", `${pods}/p/status?fieldManager=kubelet`, {
      metadata: { labels: { b: "2" }, ownerReferences: [OWNER] },
      spec: { activeDeadlineSeconds: 5 },
      status: { message: "hi" },
    }, MERGE);
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.json.metadata.labels, { a: "1", b: "2" });
    assert.equal(patched.json.metadata.ownerReferences, undefined);
    assert.equal(patched.json.spec.activeDeadlineSeconds, undefined);
    assert.equal(patched.json.status.message, "hi");
    assert.deepEqual(statusEntry(patched.json), {
      manager: "kubelet",
      operation: "Update",
      apiVersion: "v1",
      time: "2026-01-02T03:04:05Z",
      fieldsType: "FieldsV1",
      fieldsV1: {
        "f:metadata": { "f:labels": { "f:b": {} } },
        "f:status": { "f:message": {} },
      },
      subresource: "status",
    });
  });

  it("deployments/status keeps labels (a reset field) but takes annotations", async () => {
    const { call } = kubeFixture({ workloads: false }); // no controller rewrites what a test writes
    const deployments = "/apis/apps/v1/namespaces/default/deployments";
    await call("POST", deployments, {
      metadata: { name: "d", labels: { a: "1" } },
      spec: {
        selector: { matchLabels: { a: "1" } },
        template: {
          metadata: { labels: { a: "1" } },
          spec: { containers: [{ name: "c", image: "busybox" }] },
        },
      },
    });
    const patched = await call(
      "PATCH",
      `${deployments}/d/status?fieldManager=kube-controller-manager`,
      {
        metadata: { labels: { b: "2" }, annotations: { n: "1" } },
        status: { observedGeneration: 1 },
      },
      MERGE,
    );
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.json.metadata.labels, { a: "1" });
    assert.deepEqual(patched.json.metadata.annotations, { n: "1" });
    assert.deepEqual(statusEntry(patched.json).fieldsV1, {
      "f:metadata": { "f:annotations": { ".": {}, "f:n": {} } },
      "f:status": { "f:observedGeneration": {} },
    });
  });

  it("a PUT to nodes/status replaces metadata as sent (finalizers too), never the spec", async () => {
    const { call } = kubeFixture({ workloads: false }); // no controller rewrites what a test writes
    const nodes = "/api/v1/nodes";
    const created = (await call("POST", nodes, {
      metadata: { name: "n1", labels: { a: "1" } },
      spec: { podCIDR: "10.0.0.0/24" },
    })).json;
    const put = await call("PUT", `${nodes}/n1/status?fieldManager=kubelet`, {
      ...created,
      metadata: { ...created.metadata, labels: { b: "2" }, finalizers: ["x/y"] },
      spec: {},
      status: { phase: "Running" },
    });
    assert.equal(put.status, 200);
    assert.deepEqual(put.json.metadata.finalizers, ["x/y"]);
    assert.deepEqual(put.json.metadata.labels, { b: "2" });
    assert.equal(put.json.spec.podCIDR, "10.0.0.0/24");
  });

  it("customresourcedefinitions/status keeps labels, annotations and ownerReferences", async () => {
    const { call } = kubeFixture({ workloads: false }); // no controller rewrites what a test writes
    const crds = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    const created = await call("POST", crds, {
      metadata: { name: "widgets.example.com", labels: { a: "1" } },
      spec: {
        group: "example.com",
        scope: "Namespaced",
        names: { plural: "widgets", singular: "widget", kind: "Widget" },
        versions: [{
          name: "v1",
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
          },
        }],
      },
    });
    assert.equal(created.status, 201);
    const patched = await call("PATCH", `${crds}/widgets.example.com/status?fieldManager=m`, {
      metadata: { labels: { b: "2" }, annotations: { n: "1" }, finalizers: ["x/y"] },
      status: { storedVersions: ["v1"] },
    }, MERGE);
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.json.metadata.labels, { a: "1" });
    assert.equal(patched.json.metadata.annotations, undefined);
    assert.deepEqual(patched.json.metadata.finalizers, ["x/y"]);
    // Only reset fields changed: the write records nothing under status (the one status entry is
    // kube-apiserver's establishing controllers').
    assert.deepEqual(
      patched.json.metadata.managedFields.map((e: Loose) =>
        `${e.manager ?? ""}/${e.subresource ?? ""}`
      ).sort(),
      ["/", "kube-apiserver/status"],
    );
  });
});
