// Rebuilds the OpenAPI v3 component schemas kube-apiserver publishes from the schema source and its docs.
//
// A field's type code and list facts give its skeleton (type, format, items, additionalProperties,
// `$ref`s and the x-kubernetes-* list extensions); the docs residual adds what the code cannot
// carry (descriptions, defaults). The generator proves rebuild + residual equals upstream.

import type { DocEntry, Residual } from "./docs_table.ts";
import type { FieldEntry, StructEntry } from "./schema_table.ts";

/** An OpenAPI schema object as JSON. */
export type OpenApiSchema = Record<string, unknown>;

/** Where a v3 document's references point. */
export const V3_REF_PREFIX = "#/components/schemas/";

// The apimachinery types a code stands for, by definition name (their schemas live in the docs).
const SPECIAL_REFS: Readonly<Record<string, string>> = {
  quantity: "io.k8s.apimachinery.pkg.api.resource.Quantity",
  intstr: "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
  time: "io.k8s.apimachinery.pkg.apis.meta.v1.Time",
  microtime: "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime",
};

const PRIMITIVES: Readonly<Record<string, OpenApiSchema>> = {
  string: { type: "string" },
  duration: { type: "string" },
  byte: { type: "string", format: "byte" },
  int32: { type: "integer", format: "int32" },
  int64: { type: "integer", format: "int64" },
  float64: { type: "number", format: "double" },
  bool: { type: "boolean" },
  any: {},
};

/** Turns a package key and struct name into a definition name (`io.k8s.api.core.v1.Pod`). */
export type DefinitionNamer = (packageKey: string, struct: string) => string;

/** The definition a struct code (`#core.v1.PodSpec`) or special code (`quantity`) refers to. */
export function referencedDefinition(code: string, name: DefinitionNamer): string | undefined {
  if (code.startsWith("#")) {
    const dot = code.lastIndexOf(".");
    return name(code.slice(1, dot), code.slice(dot + 1));
  }
  return SPECIAL_REFS[code];
}

/** The rebuilt v3 schema of one field (a property: top level; items/values: nested). */
export function fieldSkeleton(entry: FieldEntry, name: DefinitionNamer): OpenApiSchema {
  const [code, , facts] = entry;
  const schema = codeSkeleton(code, name, false);
  if (facts?.l) schema["x-kubernetes-list-type"] = facts.l;
  if (facts?.k) schema["x-kubernetes-list-map-keys"] = facts.k;
  if (facts?.m) schema["x-kubernetes-map-type"] = facts.m;
  if (facts?.p) schema["x-kubernetes-patch-merge-key"] = facts.p;
  if (facts?.s) schema["x-kubernetes-patch-strategy"] = facts.s;
  return schema;
}

function codeSkeleton(code: string, name: DefinitionNamer, nested: boolean): OpenApiSchema {
  if (code.startsWith("[")) {
    return { type: "array", items: codeSkeleton(code.slice(1), name, true) };
  }
  if (code.startsWith("{")) {
    return { type: "object", additionalProperties: codeSkeleton(code.slice(1), name, true) };
  }
  const ref = referencedDefinition(code, name);
  if (ref) {
    // Structs are wrapped in allOf (so a sibling description is allowed) and, as list items or
    // map values, defaulted to {}; special types inside lists and maps are bare references.
    if (!nested) return { allOf: [{ $ref: V3_REF_PREFIX + ref }] };
    return code.startsWith("#")
      ? { allOf: [{ $ref: V3_REF_PREFIX + ref }], default: {} }
      : { $ref: V3_REF_PREFIX + ref };
  }
  const primitive = { ...PRIMITIVES[code] ?? {} };
  if (nested && code === "string") primitive.default = "";
  return primitive;
}

/** The rebuilt v3 schema of a struct, before its residual. */
export function structSkeleton(struct: StructEntry, name: DefinitionNamer): OpenApiSchema {
  const properties: Record<string, OpenApiSchema> = {};
  // The table lists fields in Go order; the published spec lists them sorted.
  for (const field of Object.keys(struct.f).sort()) {
    properties[field] = fieldSkeleton(struct.f[field], name);
  }
  const schema: OpenApiSchema = { type: "object" };
  if (Object.keys(properties).length) schema.properties = properties;
  if (struct.r?.length) schema.required = [...struct.r];
  if (struct.m) schema["x-kubernetes-map-type"] = struct.m;
  return schema;
}

/** A struct's published v3 component: its skeleton with the docs residual laid over. */
export function structComponent(
  struct: StructEntry,
  docs: DocEntry | undefined,
  name: DefinitionNamer,
): OpenApiSchema {
  const schema = structSkeleton(struct, name);
  const properties = schema.properties as Record<string, OpenApiSchema> | undefined;
  for (const [field, residual] of Object.entries(docs?.f ?? {})) {
    if (!properties || !Object.hasOwn(properties, field)) continue;
    properties[field] = applyResidual(
      properties[field],
      typeof residual === "string" ? { description: residual } : residual,
    );
  }
  return docs?.d ? applyResidual(schema, docs.d) : schema;
}

/** Lays a residual over a schema: null removes a key, objects merge key by key, anything else replaces. */
export function applyResidual(schema: OpenApiSchema, residual: Residual): OpenApiSchema {
  const out: OpenApiSchema = { ...schema };
  for (const [key, value] of Object.entries(residual)) {
    if (value === null) delete out[key];
    else if (isPlainObject(value) && isPlainObject(out[key])) {
      out[key] = applyResidual(out[key] as OpenApiSchema, value as Residual);
    } else out[key] = value;
  }
  return out;
}

/** What a published schema has that differs from a rebuilt one (the generator's inverse of applyResidual). */
export function residualOf(published: OpenApiSchema, built: OpenApiSchema): Residual | undefined {
  const residual: Record<string, unknown> = {};
  for (const key of Object.keys(built)) {
    if (!Object.hasOwn(published, key)) residual[key] = null;
  }
  for (const [key, value] of Object.entries(published)) {
    const mine = built[key];
    if (JSON.stringify(sortKeys(value)) === JSON.stringify(sortKeys(mine))) continue;
    const nested = isPlainObject(value) && isPlainObject(mine)
      ? residualOf(value as OpenApiSchema, mine as OpenApiSchema)
      : undefined;
    residual[key] = nested ?? value;
  }
  return Object.keys(residual).length ? residual : undefined;
}

/** A copy with object keys sorted, so that equal schemas serialize equally. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isPlainObject(value)) {
    const object = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(object).sort().map((k) => [k, sortKeys(object[k])]));
  }
  return value;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
