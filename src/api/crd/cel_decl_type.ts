// What CEL's cost estimator knows of a schema: each node's kind, its longest size and its smallest serialization.
//
// Source: k8s.io/apiserver pkg/cel/common/schemas.go (`SchemaDeclType`, the estimate helpers),
// pkg/cel/types.go and limits.go at v0.36.3 (same at v0.29.6 but for int-or-string's maxLength,
// honoured from 1.34). Sizes are what `size()` would return at most: characters (×4 for a
// maxLength, as bytes), items, properties; a scalar's is 0 (DeclType.MaxElements unset).

import { celPropertyName } from "./cel_library.ts";
import { isRecord, type SchemaProps } from "./schema_props.ts";

/** apiserver pkg/apis/cel/config.go `MaxRequestSizeBytes`. */
export const MAX_REQUEST_SIZE_BYTES = 3 * 1024 * 1024;

/** The kind of a CEL declaration (its CEL type, without names). */
export type DeclKind =
  | "object"
  | "map"
  | "list"
  | "string"
  | "bytes"
  | "int"
  | "double"
  | "bool"
  | "duration"
  | "timestamp"
  | "dyn";

/** apiserver's DeclType, reduced to what cost estimation reads. */
export interface DeclType {
  readonly kind: DeclKind;
  /** `MaxElements`: the largest size of a value. */
  readonly maxElements: number;
  /** `MinSerializedSize`: the fewest JSON bytes a value takes. */
  readonly minSize: number;
  /** An object's fields, by their CEL (escaped) names. */
  readonly fields?: ReadonlyMap<string, DeclType>;
  readonly elem?: DeclType;
  readonly key?: DeclType;
}

const MAX_STRING = MAX_REQUEST_SIZE_BYTES - 2;
// limits.go: MaxDurationSizeJSON, JSONDateSize, MaxDatetimeSizeJSON, MinDatetimeSizeJSON.
const MAX_DURATION = 32;
const DATE_SIZE = 12;
const MAX_DATETIME = 32;
const MIN_DATETIME = 21;
/** types.go `StringType`, a map's key type: no MaxElements. */
const MAP_KEY: DeclType = { kind: "string", maxElements: 0, minSize: 2 };
const STRING_PROP: SchemaProps = { type: "string" };

// A CRD's nodes with rules each need their subtree's declaration: converted once per schema
// object (a parent's conversion serves its children).
const declared = new WeakMap<SchemaProps, Map<string, DeclType | undefined>>();

/** `SchemaDeclType`: the declaration of `s`, or undefined where CEL cannot see it. */
export function declTypeOf(
  s: SchemaProps,
  isResourceRoot: boolean,
  minor: number,
): DeclType | undefined {
  let byOptions = declared.get(s);
  if (!byOptions) {
    byOptions = new Map();
    declared.set(s, byOptions);
  }
  const key = `${minor >= 34}:${isResourceRoot}`;
  if (byOptions.has(key)) return byOptions.get(key);
  const decl = convert(s, isResourceRoot, minor);
  byOptions.set(key, decl);
  return decl;
}

function convert(s: SchemaProps, isResourceRoot: boolean, minor: number): DeclType | undefined {
  if (s["x-kubernetes-int-or-string"] === true) {
    const bounded = minor >= 34 && typeof s.maxLength === "number";
    return {
      kind: "dyn",
      minSize: 1,
      maxElements: bounded ? zeroIfNegative(s.maxLength!) * 4 : MAX_STRING,
    };
  }
  if (isResourceRoot) s = withTypeAndObjectMeta(s);
  switch (s.type) {
    case "array": {
      if (!isRecord(s.items)) return undefined;
      const items = declTypeOf(s.items, s.items["x-kubernetes-embedded-resource"] === true, minor);
      if (!items) return undefined;
      const maxElements = typeof s.maxItems === "number"
        ? zeroIfNegative(s.maxItems)
        : Math.floor(MAX_STRING / (items.minSize + 1));
      return { kind: "list", elem: items, maxElements, minSize: 2 };
    }
    case "object":
      return objectDecl(s, minor);
    case "string":
      return stringDecl(s);
    case "boolean":
      return { kind: "bool", maxElements: 0, minSize: 4 };
    case "number":
      return { kind: "double", maxElements: 0, minSize: 1 };
    case "integer":
      return { kind: "int", maxElements: 0, minSize: 1 };
  }
  return undefined;
}

function objectDecl(s: SchemaProps, minor: number): DeclType | undefined {
  if (isRecord(s.additionalProperties)) {
    const values = s.additionalProperties as SchemaProps;
    const elem = declTypeOf(values, values["x-kubernetes-embedded-resource"] === true, minor);
    if (!elem) return undefined;
    const maxElements = typeof s.maxProperties === "number"
      ? zeroIfNegative(s.maxProperties)
      : Math.floor(MAX_STRING / (elem.minSize + 6));
    return { kind: "map", key: MAP_KEY, elem, maxElements, minSize: 2 };
  }
  const fields = new Map<string, DeclType>();
  const required = new Set(s.required ?? []);
  let minSize = 2;
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    if (!isRecord(prop)) continue;
    const field = declTypeOf(prop, prop["x-kubernetes-embedded-resource"] === true, minor);
    if (!field) continue;
    const escaped = celPropertyName(name);
    if (escaped !== undefined) fields.set(escaped, field);
    // Required fields without a default are serialized at least once: "name":<value>, plus 4.
    if (required.has(name) && prop.default === undefined) {
      minSize += utf8Length(name) + field.minSize + 4;
    }
  }
  return { kind: "object", fields, maxElements: 0, minSize };
}

function stringDecl(s: SchemaProps): DeclType {
  switch (s.format) {
    case "byte":
      return {
        kind: "bytes",
        minSize: 2,
        maxElements: typeof s.maxLength === "number" ? zeroIfNegative(s.maxLength) : MAX_STRING,
      };
    case "duration":
      return { kind: "duration", minSize: 3, maxElements: MAX_DURATION };
    case "date":
      return { kind: "timestamp", minSize: DATE_SIZE, maxElements: DATE_SIZE };
    case "date-time":
      return { kind: "timestamp", minSize: MIN_DATETIME, maxElements: MAX_DATETIME };
  }
  let maxElements = MAX_STRING;
  if (typeof s.maxLength === "number") maxElements = zeroIfNegative(s.maxLength) * 4;
  else if (Array.isArray(s.enum) && s.enum.length > 0) {
    // estimateMaxStringEnumLength: the longest enum value, in bytes.
    maxElements = Math.max(0, ...s.enum.map((v) => typeof v === "string" ? utf8Length(v) : 0));
  }
  return { kind: "string", minSize: 2, maxElements };
}

// `WithTypeAndObjectMeta`: the root of a resource always shows kind, apiVersion and
// metadata.name/generateName; a metadata declared otherwise is replaced by just those two.
function withTypeAndObjectMeta(s: SchemaProps): SchemaProps {
  const p = s.properties ?? {};
  const meta = p.metadata;
  if (
    p.kind?.type === "string" && p.apiVersion?.type === "string" && meta?.type === "object" &&
    meta.properties?.name?.type === "string" && meta.properties?.generateName?.type === "string"
  ) {
    return s;
  }
  return {
    ...s,
    properties: {
      ...p,
      kind: STRING_PROP,
      apiVersion: STRING_PROP,
      metadata: { type: "object", properties: { name: STRING_PROP, generateName: STRING_PROP } },
    },
  };
}

/**
 * compilation.go `maxCardinality`: how many times a value of `minSize` bytes could repeat in one
 * request, when nothing above it bounds the count.
 */
export function maxCardinality(minSize: number): number {
  return Math.floor(MAX_REQUEST_SIZE_BYTES / (minSize + 1));
}

function zeroIfNegative(value: number): number {
  return value < 0 ? 0 : value;
}

const UTF8 = new TextEncoder();

function utf8Length(text: string): number {
  return UTF8.encode(text).length;
}
