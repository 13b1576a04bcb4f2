// A custom resource's OpenAPI definitions as apiextensions-apiserver publishes them: the CRD
// version's structural schema (made v2-safe for /openapi/v2, unfolded for v3), with typed
// metadata and TypeMeta, and its list kind; and which components a CRD's v3 document carries.
//
// Source: k8s.io/apiextensions-apiserver v0.36.3 pkg/controller/openapi/builder/builder.go
// (buildKubeNative, addEmbeddedProperties, buildListSchema), pkg/controller/openapi/v2/
// conversion.go (ToStructuralOpenAPIV2), pkg/apiserver/schema/kubeopenapi.go (what a structural
// schema keeps) and controller.go (defaults pruned).

import { builtinSchemas, openApiComponents } from "../api/schema/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import { kubernetesMinor } from "../api/version/mod.ts";
import { inServedOrder, type Schema } from "./openapi_schemas.ts";

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
// What v3 keeps besides: defaults, nullable and the value validations' junctors.
const V3_KEPT = new Set(["default", "nullable", "allOf", "oneOf", "anyOf", "not"]);
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
  return customDefinitions(resource, kubernetesVersion, true);
}

/**
 * The same for a group version's /openapi/v3 document (`#/definitions/` refs, which the
 * document's serializer rewrites): the structural schema unfolded (int-or-string's anyOf) with
 * defaults, nullable and value validations kept, refs beside a description wrapped in allOf.
 */
export function customV3Definitions(
  resource: ResourceType,
  kubernetesVersion: string,
): Record<string, Schema> {
  return customDefinitions(resource, kubernetesVersion, false);
}

function customDefinitions(
  resource: ResourceType,
  kubernetesVersion: string,
  v2: boolean,
): Record<string, Schema> {
  const typeMeta = typeMetaProperties(kubernetesVersion);
  const described = (description: string, ref: string): Schema =>
    v2 ? { description, $ref: ref } : { description, allOf: [{ $ref: ref }] };
  const { group, version, kind, name: plural } = resource;
  const name = `${group.split(".").reverse().join(".")}.${version}.${kind}`;
  const listKind = `${kind}List`;
  const source = resource.customSchema;
  let object: Schema;
  // kubectl would refuse unknown fields of a typed schema: a preserving root is a bare object.
  if (
    !source ||
    (v2 && (source.preserveUnknownFields ||
      (source.root.props as Schema)["x-kubernetes-preserve-unknown-fields"] === true))
  ) {
    object = { type: "object" };
  } else {
    object = v2 ? v2Schema(source.root.props as Schema) : v3Schema(source.root.props as Schema);
    object.properties = {
      ...(object.properties as Record<string, Schema> | undefined),
      metadata: described(OBJECT_METADATA, `${META}.ObjectMeta`),
      apiVersion: typeMeta.apiVersion,
      kind: typeMeta.kind,
    };
    addEmbedded(object, v2, described);
  }
  object["x-kubernetes-group-version-kind"] = [{ group, kind, version }];
  // builder.go buildSelectableFields, with CustomResourceFieldSelectors (on by default from 1.31).
  const selectable =
    resource.selectableFields?.length && (kubernetesMinor(kubernetesVersion) ?? 36) >= 31
      ? resource.selectableFields.map((fieldPath) => ({ fieldPath }))
      : undefined;
  if (selectable) object["x-kubernetes-selectable-fields"] = selectable;
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
      metadata: described(LIST_METADATA, `${META}.ListMeta`),
    },
    "x-kubernetes-group-version-kind": [{ group, kind: listKind, version }],
    ...(selectable ? { "x-kubernetes-selectable-fields": selectable } : {}),
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

// A structural node as published in v3: what it keeps, defaults and nullable included, the
// junctors as given, and int-or-string unfolded (Structural.Unfold).
function v3Schema(node: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (KEPT.has(key) || V3_KEPT.has(key)) out[key] = value;
  }
  if (node.nullable !== true) delete out.nullable;
  for (const flag of FLAGS) if (node[flag] === true) out[flag] = true;
  if (isRecord(node.properties)) {
    out.properties = Object.fromEntries(
      Object.entries(node.properties as Record<string, Schema>).map(([k, v]) => [k, v3Schema(v)]),
    );
  }
  if (isRecord(node.items)) out.items = v3Schema(node.items as Schema);
  if (isRecord(node.additionalProperties)) {
    out.additionalProperties = v3Schema(node.additionalProperties as Schema);
  } else if (typeof node.additionalProperties === "boolean") {
    out.additionalProperties = node.additionalProperties;
  }
  if (node["x-kubernetes-int-or-string"] === true && !isIntOrStringPattern(node)) {
    const anyOf = [{ type: "integer" }, { type: "string" }];
    if (!Array.isArray(node.anyOf)) out.anyOf = anyOf;
    else out.allOf = [{ anyOf }, ...(Array.isArray(node.allOf) ? node.allOf : [])];
  }
  return out;
}

// isIntOrStringAnyOfPattern / isIntOrStringAllOfPattern: already unfolded.
function isIntOrStringPattern(node: Schema): boolean {
  const pair = (list: unknown) =>
    Array.isArray(list) && list.length === 2 &&
    (list[0] as Schema)?.type === "integer" && (list[1] as Schema)?.type === "string";
  if (pair(node.anyOf)) return true;
  const first = Array.isArray(node.allOf) ? node.allOf[0] as Schema : undefined;
  return first !== undefined && pair(first.anyOf);
}

// addEmbeddedProperties: an embedded resource gains TypeMeta and metadata (children first; in
// v2 a preserving node gains nothing, as kubectl would then refuse its unknown fields).
function addEmbedded(
  node: Schema,
  v2: boolean,
  described: (description: string, ref: string) => Schema,
): void {
  if (isRecord(node.properties)) {
    for (const child of Object.values(node.properties as Record<string, Schema>)) {
      addEmbedded(child, v2, described);
    }
  }
  if (isRecord(node.items)) addEmbedded(node.items as Schema, v2, described);
  if (isRecord(node.additionalProperties)) {
    addEmbedded(node.additionalProperties as Schema, v2, described);
  }
  if (v2 && node["x-kubernetes-preserve-unknown-fields"] === true) return;
  if (node["x-kubernetes-embedded-resource"] !== true) return;
  node.properties = {
    ...(node.properties as Record<string, Schema> | undefined),
    apiVersion: { description: EMBEDDED_API_VERSION, type: "string" },
    kind: { description: EMBEDDED_KIND, type: "string" },
    metadata: described(OBJECT_METADATA, `${META}.ObjectMeta`),
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

// The groups of kube-apiserver's scheme that apiextensions' generated definitions lack: a CRD
// document's shared kinds (DeleteOptions) list no kind of theirs.
const NOT_IN_CRD_SCHEME = new Set([
  "admission.k8s.io",
  "apiextensions.k8s.io",
  "apiregistration.k8s.io",
  "imagepolicy.k8s.io",
]);

/** A CRD document's components: what its paths refer to, transitively, sorted by name. */
export function crdComponents(
  paths: Record<string, Schema>,
  pool: Record<string, Schema>,
): Record<string, Schema> {
  const wanted = new Set<string>();
  const visit = (value: unknown) => {
    for (
      const [, name] of JSON.stringify(value).matchAll(
        /"#\/(?:definitions|components\/schemas)\/([^"]+)"/g,
      )
    ) {
      if (wanted.has(name) || !pool[name]) continue;
      wanted.add(name);
      visit(pool[name]);
    }
  };
  visit(paths);
  const out: Record<string, Schema> = {};
  for (const name of [...wanted].sort()) {
    const schema = { ...pool[name] };
    const gvks = schema["x-kubernetes-group-version-kind"];
    if (Array.isArray(gvks)) {
      schema["x-kubernetes-group-version-kind"] = gvks.filter((gvk) =>
        !NOT_IN_CRD_SCHEME.has((gvk as { group: string }).group)
      );
    }
    out[name] = inServedOrder(schema);
  }
  return out;
}
