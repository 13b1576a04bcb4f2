// Custom resources served through the REST handlers: pruning warnings, Strict 400, 422 causes, status, versions.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";
import { widgetCrd } from "../api/crd/_realistic_crd.ts";

const CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
const WIDGETS = "/apis/example.com/v1/namespaces/default/widgets";

function widget(name: string, spec: Record<string, unknown>, extra = {}) {
  return { apiVersion: "example.com/v1", kind: "Widget", metadata: { name }, spec, ...extra };
}

async function withCrd() {
  const fixture = kubeFixture();
  assert.equal((await fixture.call("POST", CRDS, widgetCrd())).status, 201);
  return fixture;
}

describe("custom resources against their CRD schema", () => {
  it("unknown fields are pruned with a Warning each (fieldValidation=Warn, the default)", async () => {
    const { call } = await withCrd();
    const created = await call("POST", WIDGETS, widget("a", { mode: "Strict", foo: 1 }));
    assert.equal(created.status, 201);
    assert.equal(created.headers.get("warning"), '299 - "unknown field \\"spec.foo\\""');
    assert.deepEqual(created.json.spec, { mode: "Strict", replicas: 1, minReplicas: 0 });
  });

  it("fieldValidation=Strict refuses unknown fields with 400, as the strict decoder", async () => {
    const { call } = await withCrd();
    const refused = await call(
      "POST",
      `${WIDGETS}?fieldValidation=Strict`,
      widget("a", { mode: "Strict", foo: 1 }),
    );
    assert.equal(refused.status, 400);
    assert.equal(
      refused.json.message,
      'Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.foo"',
    );
  });

  it("an invalid object is 422 Invalid with NewInvalid's message and causes", async () => {
    const { call } = await withCrd();
    const invalid = await call("POST", WIDGETS, widget("a", { mode: "Bad" }));
    assert.equal(invalid.status, 422);
    assert.equal(invalid.json.reason, "Invalid");
    assert.match(
      invalid.json.message,
      /^Widget\.example\.com "a" is invalid: \[spec\.mode: Unsupported value: "Bad": supported values: "Strict", "Loose", <nil>: /,
    );
    assert.deepEqual(invalid.json.details.causes[0], {
      reason: "FieldValueNotSupported",
      message: 'Unsupported value: "Bad": supported values: "Strict", "Loose"',
      field: "spec.mode",
    });
    assert.equal(invalid.json.details.group, "example.com");
    assert.equal(invalid.json.details.kind, "Widget");
  });

  it("merge patches and updates are validated too; transition rules see oldSelf", async () => {
    const { call } = await withCrd();
    await call("POST", WIDGETS, widget("a", { mode: "Strict", immutable: "x" }));
    const patched = await call("PATCH", `${WIDGETS}/a`, { spec: { replicas: 20 } }, {
      "content-type": "application/merge-patch+json",
    });
    assert.equal(patched.status, 422);
    assert.equal(
      patched.json.message,
      'Widget.example.com "a" is invalid: spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10',
    );
    const changed = await call("PATCH", `${WIDGETS}/a`, { spec: { immutable: "y" } }, {
      "content-type": "application/merge-patch+json",
    });
    assert.equal(changed.status, 422);
    assert.equal(
      changed.json.message,
      'Widget.example.com "a" is invalid: spec.immutable: Invalid value: "string": Value is immutable',
    );
  });

  it("status writes ignore spec, spec writes ignore status; status is validated on /status", async () => {
    const { call } = await withCrd();
    const created = (await call("POST", WIDGETS, widget("a", { mode: "Strict" }))).json;
    assert.equal(created.metadata.generation, 1);
    const status = await call("PUT", `${WIDGETS}/a/status`, {
      ...created,
      spec: { mode: "Loose" },
      status: { ready: true },
    });
    assert.equal(status.status, 200);
    assert.equal(status.json.spec.mode, "Strict");
    assert.deepEqual(status.json.status, { ready: true });
    assert.equal(status.json.metadata.generation, 1);
    const badStatus = await call("PUT", `${WIDGETS}/a/status`, {
      ...status.json,
      status: { ready: "yes" },
    });
    assert.equal(badStatus.status, 422);
    assert.equal(
      badStatus.json.details.causes[0].message,
      'Invalid value: "string": status.ready in body must be of type boolean: "string"',
    );
    const spec = await call("PUT", `${WIDGETS}/a`, {
      ...status.json,
      spec: { mode: "Loose" },
      status: { ready: false },
    });
    assert.equal(spec.json.status.ready, true);
    assert.equal(spec.json.metadata.generation, 2);
  });

  it("every served version answers with its own apiVersion (conversion None)", async () => {
    const { call } = await withCrd();
    await call("POST", WIDGETS, widget("a", { mode: "Strict" }));
    const beta = await call("GET", "/apis/example.com/v1beta1/namespaces/default/widgets/a");
    assert.equal(beta.status, 200);
    assert.equal(beta.json.apiVersion, "example.com/v1beta1");
    const list = await call("GET", "/apis/example.com/v1beta1/namespaces/default/widgets");
    assert.equal(list.json.items[0].apiVersion, "example.com/v1beta1");
  });
});

describe("custom resource generation", () => {
  it("counts changes to any top-level field but metadata and status (with a status subresource)", async () => {
    const { call } = kubeFixture();
    const open = { type: "object", "x-kubernetes-preserve-unknown-fields": true };
    assert.equal((await call("POST", CRDS, widgetCrd(open))).status, 201);
    const created = (await call("POST", WIDGETS, widget("a", { mode: "Strict" }))).json;
    const data = await call("PUT", `${WIDGETS}/a`, { ...created, data: { x: 1 } });
    assert.equal(data.status, 200);
    assert.equal(data.json.metadata.generation, 2);
    const labels = await call("PUT", `${WIDGETS}/a`, {
      ...data.json,
      metadata: { ...data.json.metadata, labels: { a: "b" } },
    });
    assert.equal(labels.json.metadata.generation, 2);
  });
});
