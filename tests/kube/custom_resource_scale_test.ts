// The scale subresource of custom resources through the REST handlers: GET, PUT and PATCH of a Scale.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
const GADGETS = "/apis/example.com/v1/namespaces/default/gadgets";
const MERGE = { "content-type": "application/merge-patch+json" };

// Replicas nested below the spec, without a default, and a selector in the status.
function gadgetCrd(): Record<string, unknown> {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "gadgets.example.com" },
    spec: {
      group: "example.com",
      scope: "Namespaced",
      names: { plural: "gadgets", singular: "gadget", kind: "Gadget", listKind: "GadgetList" },
      versions: [{
        name: "v1",
        served: true,
        storage: true,
        subresources: {
          status: {},
          scale: {
            specReplicasPath: ".spec.size.count",
            statusReplicasPath: ".status.count",
            labelSelectorPath: ".status.selector",
          },
        },
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: {
                type: "object",
                properties: {
                  size: {
                    type: "object",
                    properties: { count: { type: "integer", maximum: 10 } },
                  },
                  note: { type: "string" },
                },
              },
              status: {
                type: "object",
                properties: { count: { type: "integer" }, selector: { type: "string" } },
              },
            },
          },
        },
      }],
    },
  };
}

async function withGadget(spec: Record<string, unknown>) {
  const fixture = kubeFixture();
  assert.equal((await fixture.call("POST", CRDS, gadgetCrd())).status, 201);
  const created = await fixture.call("POST", GADGETS, {
    apiVersion: "example.com/v1",
    kind: "Gadget",
    metadata: { name: "g" },
    spec,
  });
  assert.equal(created.status, 201);
  return fixture;
}

describe("custom resource scale subresource", () => {
  it("GET answers an autoscaling/v1 Scale from the CRD's replica and selector paths", async () => {
    const { call } = await withGadget({ size: { count: 3 } });
    await call("PATCH", `${GADGETS}/g/status`, { status: { count: 2, selector: "app=g" } }, MERGE);
    const scale = await call("GET", `${GADGETS}/g/scale`);
    assert.equal(scale.status, 200);
    const { metadata, ...rest } = scale.json;
    assert.deepEqual(rest, {
      kind: "Scale",
      apiVersion: "autoscaling/v1",
      spec: { replicas: 3 },
      status: { replicas: 2, selector: "app=g" },
    });
    assert.equal(metadata.name, "g");
    assert.equal(metadata.namespace, "default");
    assert.ok(metadata.uid && metadata.resourceVersion && metadata.creationTimestamp);
  });

  it("PUT writes spec replicas at the path; the object and its generation follow", async () => {
    const { call } = await withGadget({ size: { count: 3 }, note: "kept" });
    const before = await call("GET", `${GADGETS}/g`);
    const put = await call("PUT", `${GADGETS}/g/scale`, {
      apiVersion: "autoscaling/v1",
      kind: "Scale",
      metadata: { name: "g", namespace: "default" },
      spec: { replicas: 5 },
    });
    assert.equal(put.status, 200);
    assert.deepEqual(put.json.spec, { replicas: 5 });
    assert.deepEqual(put.json.status, { replicas: 0 });
    const after = await call("GET", `${GADGETS}/g`);
    assert.deepEqual(after.json.spec, { size: { count: 5 }, note: "kept" });
    assert.equal(after.json.metadata.generation, before.json.metadata.generation + 1);
    assert.equal(put.json.metadata.resourceVersion, after.json.metadata.resourceVersion);
  });

  it("PATCH (merge and JSON patch) scales; a stale resourceVersion is a 409 Conflict", async () => {
    const { call } = await withGadget({ size: { count: 3 } });
    const merged = await call("PATCH", `${GADGETS}/g/scale`, { spec: { replicas: 0 } }, MERGE);
    assert.equal(merged.status, 200);
    // Zero replicas print no field (omitempty), as for built-in kinds.
    assert.deepEqual(merged.json.spec, {});
    const json = await call(
      "PATCH",
      `${GADGETS}/g/scale`,
      [{ op: "replace", path: "/spec/replicas", value: 4 }],
      { "content-type": "application/json-patch+json" },
    );
    assert.equal(json.status, 200);
    assert.equal((await call("GET", `${GADGETS}/g`)).json.spec.size.count, 4);
    const stale = await call("PUT", `${GADGETS}/g/scale`, {
      metadata: { name: "g", resourceVersion: "1" },
      spec: { replicas: 2 },
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.json.reason, "Conflict");
  });

  it("negative or too many replicas are the custom kind's 422, from its own validation", async () => {
    const { call } = await withGadget({ size: { count: 3 } });
    const negative = await call("PATCH", `${GADGETS}/g/scale`, { spec: { replicas: -1 } }, MERGE);
    assert.equal(negative.status, 422);
    assert.equal(
      negative.json.message,
      'Gadget.example.com "g" is invalid: .spec.size.count: Invalid value: -1: should be a non-negative integer',
    );
    assert.equal(negative.json.details.kind, "Gadget");
    const many = await call("PATCH", `${GADGETS}/g/scale`, { spec: { replicas: 11 } }, MERGE);
    assert.equal(many.status, 422);
    assert.equal(
      many.json.message,
      'Gadget.example.com "g" is invalid: spec.size.count: Invalid value: 11: spec.size.count in body should be less than or equal to 10',
    );
  });

  it("an object without spec replicas: GET is 500, a PATCH leaving them is 400, a PUT sets them", async () => {
    const { call } = await withGadget({ note: "none" });
    const got = await call("GET", `${GADGETS}/g/scale`);
    assert.equal(got.status, 500);
    assert.equal(
      got.json.message,
      'Internal error occurred: the spec replicas field ".spec.size.count" does not exist',
    );
    const patched = await call("PATCH", `${GADGETS}/g/scale`, { metadata: {} }, MERGE);
    assert.equal(patched.status, 400);
    assert.equal(
      patched.json.message,
      'the spec replicas field ".spec.size.count" cannot be empty',
    );
    const put = await call("PUT", `${GADGETS}/g/scale`, {
      metadata: { name: "g" },
      spec: { replicas: 2 },
    });
    assert.equal(put.status, 200);
    assert.deepEqual((await call("GET", `${GADGETS}/g`)).json.spec, {
      note: "none",
      size: { count: 2 },
    });
  });

  it("a missing object is the custom resource's own NotFound", async () => {
    const { call } = await withGadget({});
    const missing = await call("GET", `${GADGETS}/nope/scale`);
    assert.equal(missing.status, 404);
    assert.equal(missing.json.message, 'gadgets.example.com "nope" not found');
    assert.deepEqual(missing.json.details, { name: "nope", group: "example.com", kind: "gadgets" });
  });

  it("discovery lists gadgets/scale as an autoscaling/v1 Scale with get, patch, update", async () => {
    const { call } = await withGadget({});
    const list = await call("GET", "/apis/example.com/v1");
    const scale = list.json.resources.find((r: { name: string }) => r.name === "gadgets/scale");
    assert.deepEqual(
      { ...scale, verbs: [...scale.verbs].sort() },
      {
        name: "gadgets/scale",
        singularName: "",
        namespaced: true,
        group: "autoscaling",
        version: "v1",
        kind: "Scale",
        verbs: ["get", "patch", "update"],
      },
    );
  });
});
