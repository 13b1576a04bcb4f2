// Writes through the REST layer meet validation once: POST, PUT and every PATCH, after defaults, as 422 Invalid.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const CM = "/api/v1/namespaces/default/configmaps";
const DEPLOY = "/apis/apps/v1/namespaces/default/deployments";
const LEASES = "/apis/coordination.k8s.io/v1/namespaces/default/leases";
const MERGE = { "content-type": "application/merge-patch+json" };

const web = {
  metadata: { name: "web" },
  spec: {
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "web", image: "nginx" }] },
    },
  },
};

describe("validation on the write path", () => {
  it("POST of an invalid object is 422 Invalid with details naming group, kind and causes", async () => {
    const { call } = kubeFixture();
    const { status, json } = await call("POST", CM, {
      metadata: { name: "c", labels: { a: "b c" } },
    });
    assert.equal(status, 422);
    assert.equal(json.reason, "Invalid");
    assert.equal(json.details.kind, "ConfigMap");
    assert.equal(json.details.name, "c");
    assert.equal(json.details.causes[0].field, "metadata.labels");
    assert.match(
      json.message,
      /^ConfigMap "c" is invalid: metadata.labels: Invalid value: "b c": a valid label/,
    );
  });

  it("a namespace that does not exist answers 404 before the name is validated", async () => {
    const { call } = kubeFixture();
    const missing = await call("POST", "/api/v1/namespaces/nope/configmaps", {
      metadata: { name: "Bad" },
    });
    assert.equal(missing.status, 404);
  });

  it("a merge patch that breaks the selector match is 422; the object is unchanged", async () => {
    const { call } = kubeFixture();
    assert.equal((await call("POST", DEPLOY, web)).status, 201);
    const patch = { spec: { template: { metadata: { labels: { app: "other" } } } } };
    const patched = await call("PATCH", `${DEPLOY}/web`, patch, MERGE);
    assert.equal(patched.status, 422);
    assert.equal(
      patched.json.message,
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    );
    const stored = await call("GET", `${DEPLOY}/web`);
    assert.deepEqual(stored.json.spec.template.metadata.labels, { app: "web" });
  });

  it("a Lease update needs a resourceVersion (422 on the resource, not the kind)", async () => {
    const { call } = kubeFixture();
    const created = (await call("POST", LEASES, { metadata: { name: "l" }, spec: {} })).json;
    const { resourceVersion: _rv, ...metadata } = created.metadata;
    const put = await call("PUT", `${LEASES}/l`, { ...created, metadata });
    assert.equal(put.status, 422);
    assert.equal(
      put.json.message,
      'leases.coordination.k8s.io "l" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update',
    );
    assert.equal(put.json.details.kind, "leases");
    assert.equal((await call("PUT", `${LEASES}/l`, created)).status, 200);
  });

  it("/status writes skip spec validation", async () => {
    // No Deployment controller: its status write would make `created` stale (409).
    const { call } = kubeFixture({ workloads: false });
    const created = (await call("POST", DEPLOY, web)).json;
    const status = await call("PUT", `${DEPLOY}/web/status`, {
      ...created,
      status: { replicas: 1 },
    });
    assert.equal(status.status, 200);
  });
});
