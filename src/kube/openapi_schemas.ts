// OpenAPI component schemas of a group version: built-ins from the schema source, custom resources loose.
//
// Built-in kinds are the components kube-apiserver of the catalog's release publishes, rebuilt
// from src/api/schema (types and list facts from the schema table, descriptions and defaults from
// its docs), so `kubectl explain` and kubectl's client-side strategic merge read the real schema.
// Custom resources keep a permissive schema (apiextensions-apiserver names it by reversed group).

import {
  builtinSchemas,
  kindDefinition,
  openApiComponents,
  type OpenApiSchema,
  V3_REF_PREFIX,
} from "../api/schema/mod.ts";
import type { Catalog, ResourceType } from "../resources/mod.ts";
import { kubernetesMinor } from "../api/version/mod.ts";

/** An OpenAPI schema object as JSON. */
export type Schema = OpenApiSchema;

/** Where shared apimachinery types live in the schema names: `${META}.ObjectMeta`. */
export const META = "io.k8s.apimachinery.pkg.apis.meta.v1";

// What operations refer to besides kinds, by the verb that brings them into a group version's
// document (kube-apiserver's documents carry only what their paths use).
const OPERATION_SCHEMAS: Readonly<Record<string, readonly string[]>> = {
  delete: [`${META}.DeleteOptions`, `${META}.Status`],
  deletecollection: [`${META}.DeleteOptions`, `${META}.Status`],
  patch: [`${META}.Patch`],
  watch: [`${META}.WatchEvent`],
};

// Kinds every group version serves; from 1.36 each document lists only the core's and its own.
const SHARED_KINDS = [`${META}.DeleteOptions`, `${META}.WatchEvent`];

function ownGroupVersionOnly(schema: Schema, group: string, version: string): Schema {
  const gvks = schema["x-kubernetes-group-version-kind"] as { group: string; version: string }[];
  return {
    ...schema,
    "x-kubernetes-group-version-kind": gvks.filter((gvk) =>
      (gvk.group === "" && gvk.version === "v1") ||
      (gvk.group === group && gvk.version === version)
    ),
  };
}

/** The schema name of a kind as the catalog's release publishes it (`io.k8s.api.core.v1.Pod`). */
export function schemaName(catalog: Catalog, group: string, version: string, kind: string): string {
  return kindDefinition(builtinSchemas(catalog.kubernetesVersion), group, version, kind) ??
    customSchemaName(group, version, kind);
}

/**
 * The components one group version's document carries, in v3 form (`#/components/schemas/` refs);
 * `forSwagger` keeps shared kinds whole, as /openapi/v2 (one document for all groups) lists them.
 */
export function groupVersionSchemas(
  catalog: Catalog,
  group: string,
  version: string,
  forSwagger = false,
): Record<string, Schema> {
  const source = builtinSchemas(catalog.kubernetesVersion);
  const roots = [`${META}.APIResourceList`];
  const custom: Record<string, Schema> = {};
  const add = (g: string, v: string, kind: string, verbs: readonly string[]) => {
    const name = kindDefinition(source, g, v, kind);
    if (name) roots.push(name, ...(verbs.includes("list") ? [`${name}List`] : []));
    for (const verb of verbs) roots.push(...OPERATION_SCHEMAS[verb] ?? []);
  };
  for (const resource of catalog.inGroupVersion(group, version)) {
    if (resource.custom) {
      Object.assign(custom, customSchemas(resource));
      add("", "", "", [...resource.verbs, "list"]);
      roots.push(`${META}.ObjectMeta`, `${META}.ListMeta`);
    } else add(resource.group, resource.version, resource.kind, resource.verbs);
    // A subresource's kind (pods/eviction: policy/v1 Eviction; deployments/scale:
    // autoscaling/v1 Scale) and its verbs' schemas come along.
    for (const sub of resource.subresources) {
      add(sub.group ?? resource.group, sub.version ?? resource.version, sub.kind, sub.verbs);
    }
  }
  const schemas = openApiComponents(source, [...new Set(roots)]);
  if (!forSwagger && (kubernetesMinor(source.kubernetesVersion) ?? 33) >= 36) {
    for (const name of SHARED_KINDS) {
      if (schemas[name]) schemas[name] = ownGroupVersionOnly(schemas[name], group, version);
    }
  }
  return { ...schemas, ...custom };
}

/**
 * Swagger 2.0 form of a v3 component, as kube-openapi renders /openapi/v2: `allOf: [$ref]`
 * becomes a plain `$ref`, defaults are dropped, and oneOf (IntOrString) reads as a string.
 */
export function toV2Schema(schema: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "default") continue;
    if (key === "oneOf") out.type = "string";
    else if (key === "allOf" && Array.isArray(value) && value.length === 1 && isRef(value[0])) {
      out.$ref = v2Ref((value[0] as Schema).$ref as string);
    } else if (key === "$ref" && typeof value === "string") out.$ref = v2Ref(value);
    else if (key === "properties" && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, toV2Schema(v)]),
      );
    } else if ((key === "items" || key === "additionalProperties") && isObject(value)) {
      out[key] = toV2Schema(value as Schema);
    } else out[key] = value;
  }
  if (out["x-kubernetes-preserve-unknown-fields"] === true && !out.properties) delete out.type;
  return out;
}

// apiextensions-apiserver's names: the group reversed (`example.com` → `com.example`).
function customSchemaName(group: string, version: string, kind: string): string {
  return `${group.split(".").reverse().join(".")}.${version}.${kind}`;
}

// A custom resource's object and list: metadata typed, everything else accepted as it comes.
function customSchemas(resource: ResourceType): Record<string, Schema> {
  const { group, version, kind } = resource;
  const name = customSchemaName(group, version, kind);
  const ref = (to: string) => ({ allOf: [{ $ref: V3_REF_PREFIX + to }] });
  const loose = { type: "object", "x-kubernetes-preserve-unknown-fields": true };
  const common = { apiVersion: { type: "string" }, kind: { type: "string" } };
  return {
    [name]: {
      type: "object",
      properties: { ...common, metadata: ref(`${META}.ObjectMeta`), spec: loose, status: loose },
      "x-kubernetes-group-version-kind": [{ group, version, kind }],
    },
    [`${name}List`]: {
      type: "object",
      required: ["items"],
      properties: {
        ...common,
        items: { type: "array", items: ref(name) },
        metadata: ref(`${META}.ListMeta`),
      },
      "x-kubernetes-group-version-kind": [{ group, version, kind: `${kind}List` }],
    },
  };
}

const isObject = (value: unknown) =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isRef = (value: unknown) => isObject(value) && typeof (value as Schema).$ref === "string";
const v2Ref = (ref: string) => ref.replace(V3_REF_PREFIX, "#/definitions/");

// kube-openapi's spec.Schema field order (SchemaProps, SwaggerSchemaProps, $schema, $ref), then
// the extensions sorted: how kube-apiserver's JSON v2 marshaller writes every schema.
const SCHEMA_KEYS = [
  "id",
  "description",
  "type",
  "nullable",
  "format",
  "title",
  "default",
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
  "items",
  "allOf",
  "oneOf",
  "anyOf",
  "not",
  "properties",
  "additionalProperties",
  "patternProperties",
  "dependencies",
  "additionalItems",
  "definitions",
  "discriminator",
  "readOnly",
  "xml",
  "externalDocs",
  "example",
  "$schema",
  "$ref",
];
const SCHEMA_RANK = new Map(SCHEMA_KEYS.map((key, i) => [key, i]));
const byName = (a: string, b: string) => a < b ? -1 : a > b ? 1 : 0;

/**
 * A schema with its keys in the order kube-apiserver writes them: spec.Schema's fields, then
 * extensions sorted; maps (properties, defaults, extension values) sorted by key, as Go writes maps.
 */
export function inServedOrder(schema: Schema): Schema {
  const keys = Object.keys(schema).sort((a, b) =>
    (SCHEMA_RANK.get(a) ?? SCHEMA_KEYS.length) - (SCHEMA_RANK.get(b) ?? SCHEMA_KEYS.length) ||
    byName(a, b)
  );
  const out: Schema = {};
  for (const key of keys) {
    const value = schema[key];
    if (key === "properties" || key === "patternProperties" || key === "definitions") {
      out[key] = Object.fromEntries(
        Object.keys(value as Schema).sort(byName).map((name) => [
          name,
          inServedOrder((value as Record<string, Schema>)[name]),
        ]),
      );
    } else if (
      key === "items" || key === "not" || key === "additionalProperties" ||
      key === "additionalItems"
    ) {
      out[key] = Array.isArray(value)
        ? value.map((s) => inServedOrder(s as Schema))
        : isObject(value)
        ? inServedOrder(value as Schema)
        : value;
    } else if (key === "allOf" || key === "oneOf" || key === "anyOf") {
      out[key] = (value as Schema[]).map(inServedOrder);
    } else out[key] = sortedJson(value);
  }
  return out;
}

// Arbitrary JSON (defaults, enums, extension values) as Go writes its maps: keys sorted.
function sortedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value as Schema).sort(byName).map((k) => [k, sortedJson((value as Schema)[k])]),
  );
}
