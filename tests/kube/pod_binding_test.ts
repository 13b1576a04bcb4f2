// POST pods/<name>/binding: kube-apiserver v1.36.3's answers (probed against it): the pod gets its
// node, the Binding's annotations and labels and PodScheduled=True; refusals as BindingREST words them.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const PODS = "/api/v1/namespaces/default/pods";
const pod = {
  metadata: { name: "bp", labels: { a: "1" } },
  spec: { containers: [{ name: "a", image: "nginx:1.27" }] },
};

function setUp(kubernetesVersion = "v1.36.3") {
  const fixture = kubeFixture({ kubernetesVersion });
  const bind = (body: unknown, name = "bp", query = "") =>
    fixture.call("POST", `${PODS}/${name}/binding${query}`, body);
  return { ...fixture, bind };
}

describe("pods/binding", () => {
  it("binds an unassigned pod: 201 Success, node, annotations, labels, PodScheduled", async () => {
    const { call, bind } = setUp();
    assert.equal((await call("POST", PODS, pod)).status, 201);
    const before = (await call("GET", `${PODS}/bp`)).json;
    const answer = await bind({
      apiVersion: "v1",
      kind: "Binding",
      metadata: { name: "bp", annotations: { x: "y" }, labels: { b: "2" } },
      target: { kind: "Node", name: "n1" },
    });
    assert.equal(answer.status, 201);
    assert.equal(
      answer.text,
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}\n',
    );
    const bound = (await call("GET", `${PODS}/bp`)).json;
    assert.equal(bound.spec.nodeName, "n1");
    assert.deepEqual(bound.metadata.labels, { a: "1", b: "2" });
    assert.deepEqual(bound.metadata.annotations, { x: "y" });
    assert.deepEqual(bound.status.conditions, [{
      type: "PodScheduled",
      status: "True",
      lastProbeTime: null,
      lastTransitionTime: "2026-01-02T03:04:05Z",
    }]);
    // Straight to storage: the managers stay as they were, and so does the generation (no
    // strategy counts the new nodeName).
    assert.deepEqual(bound.metadata.managedFields, before.metadata.managedFields);
    assert.equal(before.metadata.generation, 1);
    assert.equal(bound.metadata.generation, 1);
  });

  it("refuses as BindingREST does", async () => {
    const { call, bind } = setUp();
    await call("POST", PODS, pod);
    const refusal = async (body: unknown, name?: string) => {
      const { status, json } = await bind(body, name);
      return [status, json.reason, json.message, json.details];
    };
    assert.deepEqual(await refusal({ metadata: { name: "zzz" }, target: { name: "n1" } }), [
      400,
      "BadRequest",
      "name in URL does not match name in Binding object",
      undefined,
    ]);
    // ValidatePodBinding's aggregate is no API status: a 500 without a reason.
    const invalid = await bind({ metadata: { name: "bp" }, target: {} });
    assert.equal(
      invalid.text,
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"target.name: Required value","code":500}\n',
    );
    assert.deepEqual(
      await refusal({ metadata: { name: "nope" }, target: { name: "n1" } }, "nope"),
      [
        404,
        "NotFound",
        'pods "nope" not found',
        { name: "nope", kind: "pods" },
      ],
    );
    const { json: current } = await call("GET", `${PODS}/bp`);
    assert.deepEqual(
      await refusal({ metadata: { name: "bp", resourceVersion: "1" }, target: { name: "n3" } }),
      [
        409,
        "Conflict",
        `Operation cannot be fulfilled on pods "bp": StorageError: invalid object, Code: 4, Key: /registry/pods/default/bp, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
        { name: "bp", kind: "pods" },
      ],
    );
    assert.equal((await bind({ metadata: { name: "bp" }, target: { name: "n1" } })).status, 201);
    assert.deepEqual(await refusal({ metadata: { name: "bp" }, target: { name: "n2" } }), [
      409,
      "Conflict",
      'Operation cannot be fulfilled on pods/binding "bp": pod bp is already assigned to node "n1"',
      { name: "bp", kind: "pods/binding" },
    ]);
  });

  it("a dry run binds nothing; before 1.35 the Binding's labels are not copied", async () => {
    const { call, bind } = setUp("v1.33.1");
    await call("POST", PODS, pod);
    const dry = await bind(
      { metadata: { name: "bp" }, target: { name: "n1" } },
      "bp",
      "?dryRun=All",
    );
    assert.equal(dry.status, 201);
    assert.equal((await call("GET", `${PODS}/bp`)).json.spec.nodeName, undefined);
    await bind({ metadata: { name: "bp", labels: { b: "2" } }, target: { name: "n1" } });
    assert.deepEqual((await call("GET", `${PODS}/bp`)).json.metadata.labels, { a: "1" });
  });
});

describe("bindings (the legacy collection)", () => {
  it("POST bindings binds the pod its metadata names, stores no Binding", async () => {
    const { call } = setUp();
    await call("POST", PODS, pod);
    const answer = await call("POST", "/api/v1/namespaces/default/bindings", {
      metadata: { name: "bp" },
      target: { name: "n1" },
    });
    assert.equal(answer.status, 201);
    assert.equal(answer.json.status, "Success");
    assert.equal((await call("GET", `${PODS}/bp`)).json.spec.nodeName, "n1");
    const missing = await call("POST", "/api/v1/namespaces/default/bindings", {
      metadata: { name: "nope" },
      target: { name: "n1" },
    });
    assert.equal(missing.status, 404);
    assert.equal(missing.json.message, 'pods "nope" not found');
  });
});
