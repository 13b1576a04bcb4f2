// kubectl against a CRD with a schema and CEL rules: apply, Strict pruning, 422s worded as kube-apiserver's.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { stringify } from "yaml";
import { type FkasProcess, startWithCluster } from "./fkas_process.ts";
import { WIDGET_SCHEMA, widgetCrd } from "../api/crd/_realistic_crd.ts";
import { hasKubectl, runKubectl } from "./kubectl_runner.ts";

const widget = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: "example.com/v1",
  kind: "Widget",
  metadata: { name, namespace: "default" },
  spec,
});

describe("kubectl and a CRD with a schema", {
  skip: hasKubectl ? false : "kubectl is not installed",
}, () => {
  let fkas: FkasProcess;
  let kc: string;
  before(async () => ({ fkas, kc } = await startWithCluster("crd")));
  after(() => fkas.stop());
  const file = (name: string, value: unknown) => fkas.writeFile(name, stringify(value));

  it("applies the CRD, then a valid widget (defaults filled in)", () => {
    const crd = runKubectl(kc, ["apply", "-f", file("crd.yaml", widgetCrd())]);
    assert.equal(crd.status, 0, crd.stderr);
    assert.match(
      crd.stdout,
      /customresourcedefinition.apiextensions.k8s.io\/widgets.example.com created/,
    );
    const applied = runKubectl(kc, [
      "apply",
      "-f",
      file("ok.yaml", widget("ok", { mode: "Strict" })),
    ]);
    assert.equal(applied.status, 0, applied.stderr);
    const replicas = runKubectl(kc, ["get", "widget", "ok", "-o", "jsonpath={.spec.replicas}"]);
    assert.equal(replicas.stdout, "1");
    const table = runKubectl(kc, ["get", "widgets"]);
    // Declared columns replace the default AGE column (apiextensions `serveDefaultColumnsIfEmpty`).
    assert.equal(table.stdout, "NAME   MODE     REPLICAS\nok     Strict   1\n");
  });

  it("kubectl scale writes the replicas path through widgets/scale", () => {
    const scaled = runKubectl(kc, ["scale", "widget", "ok", "--replicas=3"]);
    assert.equal(scaled.status, 0, scaled.stderr);
    assert.equal(scaled.stdout, "widget.example.com/ok scaled\n");
    const replicas = runKubectl(kc, ["get", "widget", "ok", "-o", "jsonpath={.spec.replicas}"]);
    assert.equal(replicas.stdout, "3");
    const guarded = runKubectl(kc, [
      "scale",
      "widget",
      "ok",
      "--current-replicas=2",
      "--replicas=4",
    ]);
    assert.equal(guarded.status, 1);
    assert.match(guarded.stderr, /Expected replicas to be 2, was 3/);
    const tooMany = runKubectl(kc, ["scale", "widget", "ok", "--replicas=20"]);
    assert.equal(tooMany.status, 1);
    assert.equal(
      tooMany.stderr.trim(),
      'The Widget "ok" is invalid: spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10',
    );
  });

  it("a CRD with an untyped field prints kube-apiserver's structural-schema 422", () => {
    const schema = structuredClone(WIDGET_SCHEMA) as { properties: Record<string, unknown> };
    schema.properties.extra = { properties: { a: { type: "string" } } };
    const crd = widgetCrd(schema);
    crd.metadata = { name: "gadgets.example.com" };
    (crd.spec as { names: Record<string, string> }).names = {
      plural: "gadgets",
      singular: "gadget",
      kind: "Gadget",
      listKind: "GadgetList",
    };
    const refused = runKubectl(kc, ["apply", "-f", file("bad-crd.yaml", crd)]);
    assert.equal(refused.status, 1);
    assert.equal(
      refused.stderr.trim(),
      'The CustomResourceDefinition "gadgets.example.com" is invalid: spec.validation.openAPIV3Schema.properties[extra].type: Required value: must not be empty for specified object fields',
    );
  });

  it("an invalid widget prints kube-apiserver's 422", () => {
    const bad = runKubectl(kc, [
      "apply",
      "-f",
      file("bad.yaml", widget("bad", { mode: "Strict", replicas: 20 })),
    ]);
    assert.equal(bad.status, 1);
    assert.equal(
      bad.stderr.trim(),
      'The Widget "bad" is invalid: spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10',
    );
    const cel = runKubectl(kc, [
      "apply",
      "-f",
      file("cel.yaml", widget("cel", { mode: "Strict", replicas: 1, minReplicas: 2 })),
    ]);
    assert.equal(
      cel.stderr.trim(),
      'The Widget "cel" is invalid: spec: Invalid value: "object": minReplicas must not exceed replicas',
    );
  });

  it("kubectl's strict field validation refuses an unknown field with 400", () => {
    const unknown = runKubectl(kc, [
      "apply",
      "-f",
      file("unknown.yaml", widget("unknown", { mode: "Strict", foo: 1 })),
    ]);
    assert.equal(unknown.status, 1);
    assert.match(
      unknown.stderr,
      /Error from server \(BadRequest\): error when creating ".*unknown\.yaml": Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec\.foo"/,
    );
  });
});
