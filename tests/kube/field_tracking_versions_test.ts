// managedFields of a custom resource served at several versions: each entry names the version written.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";
import { widgetCrd } from "../api/crd/_realistic_crd.ts";

const CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
const at = (version: string) => `/apis/example.com/${version}/namespaces/default/widgets`;
const APPLY = { "content-type": "application/apply-patch+yaml" };

function widget(version: string, spec: Record<string, unknown>) {
  return { apiVersion: `example.com/${version}`, kind: "Widget", metadata: { name: "a" }, spec };
}

// deno-lint-ignore no-explicit-any
type Loose = any;
const who = (object: Loose) =>
  object.metadata.managedFields.map((e: Loose) =>
    `${e.manager}/${e.operation}/${e.apiVersion}: ${JSON.stringify(e.fieldsV1)}`
  );

describe("managedFields across a CRD's versions (conversion None)", () => {
  it("an Update manager gets one entry per version it wrote at, and takes fields from its other", async () => {
    const fixture = kubeFixture();
    const { call } = fixture;
    assert.equal((await call("POST", CRDS, widgetCrd())).status, 201);
    const created = await call(
      "POST",
      `${at("v1beta1")}?fieldManager=m`,
      widget("v1beta1", { mode: "Strict" }),
    );
    assert.equal(created.status, 201);
    // The decoded object's defaults are the creator's too.
    assert.deepEqual(who(created.json), [
      'm/Update/example.com/v1beta1: {"f:spec":{".":{},"f:minReplicas":{},"f:mode":{},"f:replicas":{}}}',
    ]);
    fixture.advance(1_000);
    const current = await call("GET", `${at("v1")}/a`);
    const updated = await call("PUT", `${at("v1")}/a?fieldManager=m`, {
      ...current.json,
      spec: { ...current.json.spec, mode: "Loose" },
    });
    assert.equal(updated.status, 200);
    // The v1 write took spec.mode from the v1beta1 entry of the same manager (another identity).
    assert.deepEqual(who(updated.json), [
      'm/Update/example.com/v1beta1: {"f:spec":{".":{},"f:minReplicas":{},"f:replicas":{}}}',
      'm/Update/example.com/v1: {"f:spec":{"f:mode":{}}}',
    ]);
    // Served at either version, the entries keep the versions they were written at.
    const beta = await call("GET", `${at("v1beta1")}/a`);
    assert.deepEqual(beta.json.metadata.managedFields, updated.json.metadata.managedFields);
  });

  it("an Apply manager keeps one entry, at the version it applied last", async () => {
    const { call } = kubeFixture();
    assert.equal((await call("POST", CRDS, widgetCrd())).status, 201);
    const first = await call(
      "PATCH",
      `${at("v1beta1")}/a?fieldManager=ops`,
      widget("v1beta1", { mode: "Strict" }),
      APPLY,
    );
    assert.equal(first.status, 201);
    const second = await call(
      "PATCH",
      `${at("v1")}/a?fieldManager=ops`,
      widget("v1", { mode: "Loose" }),
      APPLY,
    );
    assert.equal(second.status, 200);
    assert.deepEqual(who(second.json), ['ops/Apply/example.com/v1: {"f:spec":{"f:mode":{}}}']);
  });
});
