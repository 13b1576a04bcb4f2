// A custom resource's /openapi/v2 definitions as apiextensions-apiserver publishes them: the CRD
// version's structural schema made v2-safe, with typed metadata and TypeMeta, and its list kind.
//
// Source: k8s.io/apiextensions-apiserver v0.36.3 pkg/controller/openapi/builder/builder.go
// (buildKubeNative, addEmbeddedProperties, buildListSchema), pkg/controller/openapi/v2/
// conversion.go (ToStructuralOpenAPIV2), pkg/apiserver/schema/kubeopenapi.go (what a structural
// schema keeps) and controller.go (defaults pruned).

import { builtinSchemas, openApiComponents } from "../api/schema/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import type { Schema } from "./openapi_schemas.ts";

const META = "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1";
const CONVENTIONS =
  "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md";
// metav1beta1.PartialObjectMetadata(List)'s SwaggerDoc for `metadata`.
const OBJECT_METADATA = `Standard object's metadata. More info: ${CONVENTIONS}#metadata`;
const LIST_METADATA = `Standard list metadata. More info: ${CONVENTIONS}#types-kinds`;
// addEmbeddedProperties' own texts for an embedded resource's apiVersion and kind.
const EMBEDDED_API_VERSION =
  `apiVersion defines the versioned schema of this representation of an object. More info: ${CONVENTIONS}#resources`;
const EMBEDDED_KIND =
  `kind is a string value representing the type of this object. In CamelCase. More info: ${CONVENTIONS}#types-kinds`;

// What a structural schema keeps (Generic, ValueValidation, Extensions, ValidationExtensions);
// `default` is pruned and allOf/oneOf/anyOf/not are dropped for v2.
const KEPT = new Set([
  "description",
  "type",
  "title",
  "externalDocs",
  "example",
  "format",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "maxItems",
  "minItems",
  "uniqueItems",
  "multipleOf",
  "enum",
  "maxProperties",
  "minProperties",
  "required",
  "x-kubernetes-list-map-keys",
  "x-kubernetes-list-type",
  "x-kubernetes-map-type",
  "x-kubernetes-validations",
]);
// Boolean extensions written only when true.
const FLAGS = [
  "x-kubernetes-preserve-unknown-fields",
  "x-kubernetes-embedded-resource",
  "x-kubernetes-int-or-string",
];

/**
 * The object and list definitions of a custom resource version in release `kubernetesVersion`
 * (v2 refs, keys in any order: the served document orders them).
 */
export function customV2Definitions(
  resource: ResourceType,
  kubernetesVersion: string,
): Record<string, Schema> {
  const typeMeta = typeMetaProperties(kubernetesVersion);
  const { group, version, kind, name: plural } = resource;
  const name = `${group.split(".").reverse().join(".")}.${version}.${kind}`;
  const listKind = `${kind}List`;
  const source = resource.customSchema;
  let object: Schema;
  // kubectl would refuse unknown fields of a typed schema: a preserving root is a bare object.
  if (
    !source || source.preserveUnknownFields ||
    (source.root.props as Schema)["x-kubernetes-preserve-unknown-fields"] === true
  ) {
    object = { type: "object" };
  } else {
    object = v2Schema(source.root.props as Schema);
    object.properties = {
      ...(object.properties as Record<string, Schema> | undefined),
      metadata: { description: OBJECT_METADATA, $ref: `${META}.ObjectMeta` },
      apiVersion: typeMeta.apiVersion,
      kind: typeMeta.kind,
    };
    addEmbedded(object);
  }
  object["x-kubernetes-group-version-kind"] = [{ group, kind, version }];
  const list: Schema = {
    description: `${listKind} is a list of ${kind}`,
    type: "object",
    required: ["items"],
    properties: {
      apiVersion: typeMeta.apiVersion,
      items: {
        description: `List of ${plural}. More info: ${CONVENTIONS}`,
        type: "array",
        items: { $ref: `#/definitions/${name}` },
      },
      kind: typeMeta.kind,
      metadata: { description: LIST_METADATA, $ref: `${META}.ListMeta` },
    },
    "x-kubernetes-group-version-kind": [{ group, kind: listKind, version }],
  };
  return { [name]: object, [`${name}List`]: list };
}

// ToStructuralOpenAPIV2 on one node (the parent's rules read its children's own `nullable`).
function v2Schema(node: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (KEPT.has(key)) out[key] = value;
  }
  for (const flag of FLAGS) if (node[flag] === true) out[flag] = true;
  const properties = isRecord(node.properties) ? node.properties as Record<string, Schema> : {};
  if (isRecord(node.properties)) {
    out.properties = Object.fromEntries(
      Object.entries(properties).map(([k, v]) => [k, v2Schema(v)]),
    );
  }
  if (isRecord(node.items)) out.items = v2Schema(node.items as Schema);
  if (isRecord(node.additionalProperties)) {
    out.additionalProperties = v2Schema(node.additionalProperties as Schema);
  } else if (typeof node.additionalProperties === "boolean") {
    out.additionalProperties = node.additionalProperties;
  }
  const preserve = node["x-kubernetes-preserve-unknown-fields"] === true;
  // kubectl breaks on untyped values with items or properties, and on preserving objects.
  if (node.nullable === true) {
    delete out.type;
    delete out.items;
    delete out.properties;
  }
  if (preserve) {
    delete out.items;
    delete out.properties;
  }
  if (!out.items && out.type === "array") delete out.type;
  if (preserve && out.type === "object") delete out.type;
  if (Array.isArray(out.required)) {
    let required = (out.required as string[]).filter((f) => properties[f]?.nullable !== true);
    if (isRecord(node.additionalProperties) && (node.additionalProperties as Schema).nullable) {
      required = [];
    }
    if (required.length === 0) delete out.required;
    else out.required = required;
  }
  return out;
}

// addEmbeddedProperties: an embedded resource gains TypeMeta and metadata (children first; a
// preserving node gains nothing, as kubectl would then refuse its unknown fields).
function addEmbedded(node: Schema): void {
  if (isRecord(node.properties)) {
    for (const child of Object.values(node.properties as Record<string, Schema>)) {
      addEmbedded(child);
    }
  }
  if (isRecord(node.items)) addEmbedded(node.items as Schema);
  if (isRecord(node.additionalProperties)) addEmbedded(node.additionalProperties as Schema);
  if (node["x-kubernetes-preserve-unknown-fields"] === true) return;
  if (node["x-kubernetes-embedded-resource"] !== true) return;
  node.properties = {
    ...(node.properties as Record<string, Schema> | undefined),
    apiVersion: { description: EMBEDDED_API_VERSION, type: "string" },
    kind: { description: EMBEDDED_KIND, type: "string" },
    metadata: { description: OBJECT_METADATA, $ref: `${META}.ObjectMeta` },
  };
  const required = Array.isArray(node.required) ? [...node.required as string[]] : [];
  if (!required.includes("kind")) required.push("kind");
  if (!required.includes("apiVersion")) required.push("apiVersion");
  node.required = required;
}

const isRecord = (value: unknown) =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// TypeMeta's properties as the release words them (Status carries the same two).
function typeMetaProperties(kubernetesVersion: string): { apiVersion: Schema; kind: Schema } {
  const status = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
  const schema = openApiComponents(builtinSchemas(kubernetesVersion), [status])[status] as Schema;
  const properties = schema.properties as Record<string, Schema>;
  return { apiVersion: properties.apiVersion, kind: properties.kind };
}
