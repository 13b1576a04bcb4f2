// Rebuilding OpenAPI components from the schema table and its docs residuals.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  applyResidual,
  fieldSkeleton,
  residualOf,
  structComponent,
} from "../../../src/api/schema/openapi_component.ts";
import { builtinSchemas, kindDefinition, openApiComponents } from "../../../src/api/schema/mod.ts";

const namer = (key: string, struct: string) => `io.k8s.api.${key}.${struct}`;

describe("openapi_component", () => {
  it("builds a field's skeleton from its code and list facts", () => {
    assert.deepEqual(
      fieldSkeleton(
        ["[#core.v1.Container", "", { l: "map", k: ["name"], s: "merge", p: "name" }],
        namer,
      ),
      {
        type: "array",
        items: {
          allOf: [{ $ref: "#/components/schemas/io.k8s.api.core.v1.Container" }],
          default: {},
        },
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": ["name"],
        "x-kubernetes-patch-merge-key": "name",
        "x-kubernetes-patch-strategy": "merge",
      },
    );
    assert.deepEqual(fieldSkeleton(["{string"], namer), {
      type: "object",
      additionalProperties: { type: "string", default: "" },
    });
  });

  it("residualOf and applyResidual round-trip: null removes, objects merge key by key", () => {
    const built = { type: "array", items: { type: "string", default: "" }, format: "x" };
    const published = { type: "array", items: { type: "string" }, description: "d" };
    const residual = residualOf(published, built)!;
    assert.deepEqual(residual, { format: null, items: { default: null }, description: "d" });
    assert.deepEqual(applyResidual(built, residual), published);
  });

  it("lays a struct's docs over its skeleton; a string residual is a description", () => {
    const component = structComponent(
      { f: { a: ["string"], b: ["int32"] }, r: ["a"] },
      { d: { description: "S" }, f: { a: "A", b: { default: 1 } } },
      namer,
    );
    assert.deepEqual(component, {
      type: "object",
      description: "S",
      required: ["a"],
      properties: {
        a: { type: "string", description: "A" },
        b: { type: "integer", format: "int32", default: 1 },
      },
    });
  });
});

describe("openApiComponents", () => {
  it("names kinds as kube-apiserver does and collects every referenced component", () => {
    const source = builtinSchemas("v1.33.1");
    assert.equal(
      kindDefinition(source, "apps", "v1", "Deployment"),
      "io.k8s.api.apps.v1.Deployment",
    );
    assert.equal(
      kindDefinition(source, "apiextensions.k8s.io", "v1", "CustomResourceDefinition"),
      "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition",
    );
    const components = openApiComponents(source, ["io.k8s.api.core.v1.Pod"]);
    for (
      const name of [
        "io.k8s.api.core.v1.PodSpec",
        "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
        "io.k8s.apimachinery.pkg.api.resource.Quantity",
        "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
      ]
    ) assert.ok(components[name], name);
    assert.equal(components["io.k8s.api.apps.v1.Deployment"], undefined);
  });

  it("reads each minor's docs: the 1.29 delta patches the 1.36 base field by field", () => {
    const description = (version: string) =>
      openApiComponents(builtinSchemas(version), ["io.k8s.api.core.v1.PodSpec"])[
        "io.k8s.api.core.v1.PodSpec"
      ].properties as Record<string, { description?: string }>;
    assert.ok(description("v1.36.3").resources?.description);
    assert.equal(description("v1.29.6").resources, undefined);
    assert.equal(
      description("v1.29.6").containers.description,
      description("v1.36.3").containers.description,
    );
  });
});
