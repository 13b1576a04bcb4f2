// A CRD version's selectableFields: field selectors on its objects (the value at the path as
// fmt.Sprint prints it) and `x-kubernetes-selectable-fields` on its OpenAPI definitions (from 1.31,
// CustomResourceFieldSelectors on by default), as apiextensions-apiserver v1.36.3 serves them.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
const GADGETS = "/apis/sel.example.com/v1/namespaces/default/gadgets";

const crd = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "gadgets.sel.example.com" },
  spec: {
    group: "sel.example.com",
    scope: "Namespaced",
    names: { plural: "gadgets", singular: "gadget", kind: "Gadget", listKind: "GadgetList" },
    versions: [{
      name: "v1",
      served: true,
      storage: true,
      selectableFields: [{ jsonPath: ".spec.color" }, { jsonPath: ".spec.size" }],
      schema: {
        openAPIV3Schema: {
          type: "object",
          properties: {
            spec: {
              type: "object",
              properties: { color: { type: "string" }, size: { type: "integer" } },
            },
          },
        },
      },
    }],
  },
};

async function withGadgets(kubernetesVersion = "v1.36.3") {
  const fixture = kubeFixture({ kubernetesVersion });
  assert.equal((await fixture.call("POST", CRDS, crd)).status, 201);
  for (const [name, spec] of [["a", { color: "red", size: 1 }], ["b", { size: 2 }]] as const) {
    const gadget = { apiVersion: "sel.example.com/v1", kind: "Gadget", metadata: { name }, spec };
    assert.equal((await fixture.call("POST", GADGETS, gadget)).status, 201);
  }
  return fixture;
}

const names = (answer: { json: Loose }) => answer.json.items.map((o: Loose) => o.metadata.name);

describe("CRD selectableFields", () => {
  it("select objects by the field's value; a missing one reads as empty", async () => {
    const { call } = await withGadgets();
    assert.deepEqual(names(await call("GET", `${GADGETS}?fieldSelector=spec.color%3Dred`)), ["a"]);
    assert.deepEqual(names(await call("GET", `${GADGETS}?fieldSelector=spec.size%3D2`)), ["b"]);
    assert.deepEqual(names(await call("GET", `${GADGETS}?fieldSelector=spec.color%3D`)), ["b"]);
    assert.deepEqual(
      names(await call("GET", `${GADGETS}?fieldSelector=spec.color!%3Dred,metadata.name%3Db`)),
      ["b"],
    );
    const refused = await call("GET", `${GADGETS}?fieldSelector=spec.nope%3D1`);
    assert.equal(refused.status, 400);
  });

  it("are published on the kind's and the list's OpenAPI definitions from 1.31", async () => {
    const selectable = [{ fieldPath: "spec.color" }, { fieldPath: "spec.size" }];
    const schemas = async (version: string) => {
      const { call } = await withGadgets(version);
      const doc = (await call("GET", "/openapi/v3/apis/sel.example.com/v1")).json;
      return doc.components.schemas;
    };
    const current = await schemas("v1.36.3");
    assert.deepEqual(
      current["com.example.sel.v1.Gadget"]["x-kubernetes-selectable-fields"],
      selectable,
    );
    assert.deepEqual(
      current["com.example.sel.v1.GadgetList"]["x-kubernetes-selectable-fields"],
      selectable,
    );
    const keys = Object.keys(current["com.example.sel.v1.Gadget"]);
    assert.deepEqual(keys.slice(-2), [
      "x-kubernetes-group-version-kind",
      "x-kubernetes-selectable-fields",
    ]);
    const old = await schemas("v1.30.14");
    assert.equal(old["com.example.sel.v1.Gadget"]["x-kubernetes-selectable-fields"], undefined);
  });
});
