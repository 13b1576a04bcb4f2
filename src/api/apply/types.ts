// The schema apply walks: atoms (scalar, list, map) resolved per value, from built-in tables or CRD schemas.
//
// As structured-merge-diff's schema: a list is atomic or associative (keys: a map-list; none: a set),
// a map is atomic or granular with declared fields (a struct) and an element type for other keys.
// Lists default to atomic; `x-kubernetes-patch-strategy: merge` makes one associative, as
// schemaconv does for built-in types. An untyped value (`any`, preserve-unknown-fields) is deduced
// from the value: maps granular, lists atomic.

import type { FieldEntry, SchemaSource, StructSchema } from "../schema/mod.ts";
import type { Json } from "./path_element.ts";

/** A list's relationship and, for map-lists, its keys and their defaults. */
export interface ListAtom {
  readonly kind: "list";
  readonly atomic: boolean;
  /** `x-kubernetes-list-map-keys`; empty for a set. */
  readonly keys: readonly string[];
  /** Defaults of key fields an item may omit (`protocol: TCP` of ports). */
  readonly keyDefaults?: Readonly<Record<string, Json>>;
  readonly element: TypeRef;
}

/** A map or struct: atomic or granular, its declared fields and the type of other keys. */
export interface MapAtom {
  readonly kind: "map";
  readonly atomic: boolean;
  /** A built-in struct: a key it does not declare is "field not declared in schema". */
  readonly closed?: boolean;
  /** The declared field's type (a struct field), or undefined for a key of the element type. */
  field(name: string): TypeRef | undefined;
  readonly element: TypeRef;
}

/** structured-merge-diff's scalar kinds (schema.Scalar); undefined is `untyped`. */
export type ScalarKind = "string" | "numeric" | "boolean" | "untyped";

/** A scalar and, for built-in fields, which kind of scalar. */
export interface ScalarAtom {
  readonly kind: "scalar";
  readonly scalar?: ScalarKind;
}

/** What a value is under its schema. */
export type Atom = ScalarAtom | ListAtom | MapAtom;

/** A type: its atom for a given value (deduced types look at the value). */
export interface TypeRef {
  atom(value: Json | undefined): Atom;
}

const SCALAR: Atom = { kind: "scalar" };
const scalarType: TypeRef = { atom: () => SCALAR };

// Built-in type codes as schemaconv makes scalars of their OpenAPI types. Int-or-string and
// times stay unchecked: kube-apiserver v1.36.3 takes a list for a targetPort or a number for a
// creationTimestamp at this step and refuses them only when converting.
const SCALAR_KINDS: Readonly<Record<string, ScalarKind>> = {
  string: "string",
  byte: "string",
  duration: "string",
  int32: "numeric",
  int64: "numeric",
  float64: "numeric",
  bool: "boolean",
  quantity: "untyped",
};
const scalarTypes = new Map<string, TypeRef>(
  Object.entries(SCALAR_KINDS).map(([code, scalar]) => {
    const atom: Atom = { kind: "scalar", scalar };
    return [code, { atom: () => atom }];
  }),
);

/** The untyped, deduced type (`__untyped_deduced_`): maps granular, lists atomic, else scalars. */
export const deducedType: TypeRef = {
  atom(value) {
    if (Array.isArray(value)) return DEDUCED_LIST;
    if (value !== null && typeof value === "object") return DEDUCED_MAP;
    return SCALAR;
  },
};
const DEDUCED_LIST: ListAtom = { kind: "list", atomic: true, keys: [], element: deducedType };
const DEDUCED_MAP: MapAtom = {
  kind: "map",
  atomic: false,
  field: () => undefined,
  element: deducedType,
};

function fixed(atom: Atom): TypeRef {
  return { atom: () => atom };
}

// Key fields the built-in schema defaults (`+default="TCP"`, `+default=""`): an item without them
// still has a key. Read from the release's OpenAPI docs (a LocalObjectReference's `name` defaults
// to "" from 1.30), else these (k8s.io/api core/v1 types.go v1.33).
const KEY_DEFAULTS: Readonly<Record<string, Readonly<Record<string, Json>>>> = {
  "core.v1.ContainerPort": { protocol: "TCP" },
  "core.v1.ServicePort": { protocol: "TCP" },
};

// The published defaults of an element struct's key fields (`core.v1.LocalObjectReference`).
function keyDefaultsOf(
  source: SchemaSource,
  ref: string,
  keys: readonly string[],
): Readonly<Record<string, Json>> | undefined {
  if (keys.length === 0 || ref === "") return undefined;
  const dot = ref.lastIndexOf(".");
  const fields = source.docs.entry(ref.slice(0, dot), ref.slice(dot + 1))?.f;
  let defaults: Record<string, Json> | undefined;
  for (const key of keys) {
    const doc = fields?.[key] as { default?: Json } | string | undefined;
    if (doc !== undefined && typeof doc === "object" && doc.default !== undefined) {
      (defaults ??= { ...KEY_DEFAULTS[ref] })[key] = doc.default;
    }
  }
  return defaults ?? KEY_DEFAULTS[ref];
}

const builtinTypes = new WeakMap<SchemaSource, Map<string, TypeRef>>();

/** The type of a built-in kind (`apps`, `v1`, `Deployment`), or undefined when unknown. */
export function builtinType(
  source: SchemaSource,
  group: string,
  version: string,
  kind: string,
): TypeRef | undefined {
  const struct = source.kind(group, version, kind);
  return struct ? structType(source, struct) : undefined;
}

function cacheOf(source: SchemaSource): Map<string, TypeRef> {
  let cache = builtinTypes.get(source);
  if (cache === undefined) builtinTypes.set(source, cache = new Map());
  return cache;
}

function structType(source: SchemaSource, struct: StructSchema): TypeRef {
  const cache = cacheOf(source);
  const id = `#${struct.ref}`;
  let type = cache.get(id);
  if (type === undefined) {
    const fields = new Map<string, TypeRef>();
    const atom: MapAtom = {
      kind: "map",
      atomic: struct.entry.m === "atomic",
      closed: true,
      field(name) {
        let t = fields.get(name);
        if (t === undefined && Object.hasOwn(struct.fields, name)) {
          t = fieldType(source, struct.fields[name]);
          fields.set(name, t);
        }
        return t;
      },
      element: deducedType,
    };
    type = fixed(atom);
    cache.set(id, type);
  }
  return type;
}

function fieldType(source: SchemaSource, entry: FieldEntry): TypeRef {
  const facts = entry[2];
  return codeType(source, entry[0], facts);
}

function codeType(source: SchemaSource, code: string, facts?: FieldEntry[2]): TypeRef {
  if (code.startsWith("[")) {
    const element = codeType(source, code.slice(1));
    const merge = facts?.s?.split(",").includes("merge") ?? false;
    const listType = facts?.l ?? (merge ? (facts?.p ? "map" : "set") : "atomic");
    const keys = listType === "map" ? (facts?.k ?? (facts?.p ? [facts.p] : [])) : [];
    const ref = code.slice(1).startsWith("#") ? code.slice(2) : "";
    return fixed({
      kind: "list",
      atomic: listType === "atomic",
      keys,
      keyDefaults: keyDefaultsOf(source, ref, keys),
      element,
    });
  }
  if (code.startsWith("{")) {
    return fixed({
      kind: "map",
      atomic: facts?.m === "atomic",
      field: () => undefined,
      element: codeType(source, code.slice(1)),
    });
  }
  if (code.startsWith("#")) {
    const struct = source.structOf(code);
    if (!struct) return deducedType;
    const type = structType(source, struct);
    if (facts?.m !== "atomic") return type;
    const atom = type.atom(undefined) as MapAtom;
    return fixed({ ...atom, field: (n) => atom.field(n), atomic: true });
  }
  return scalarTypes.get(code) ?? (code === "any" ? deducedType : scalarType);
}

/** A CRD's `openAPIV3Schema` node, as far as apply reads it. */
export interface JsonSchemaProps {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, JsonSchemaProps>>;
  readonly additionalProperties?: JsonSchemaProps | boolean;
  readonly items?: JsonSchemaProps;
  readonly "x-kubernetes-preserve-unknown-fields"?: boolean;
  readonly "x-kubernetes-int-or-string"?: boolean;
  readonly "x-kubernetes-list-type"?: string;
  readonly "x-kubernetes-list-map-keys"?: readonly string[];
  readonly "x-kubernetes-map-type"?: string;
  readonly "x-kubernetes-embedded-resource"?: boolean;
  readonly default?: Json;
}

/**
 * The type of a custom resource from its version's `openAPIV3Schema`; `metadata` at the root is
 * ObjectMeta from the built-in source, as kube-apiserver's type converter adds it.
 */
export function crdType(schema: JsonSchemaProps | undefined, source: SchemaSource): TypeRef {
  const root = schemaType(schema ?? { "x-kubernetes-preserve-unknown-fields": true });
  const meta = source.struct("meta.v1.ObjectMeta");
  const metaType = meta ? structType(source, meta) : deducedType;
  return {
    atom(value) {
      const atom = root.atom(value);
      if (atom.kind !== "map") return atom;
      return { ...atom, field: (n) => n === "metadata" ? metaType : atom.field(n) };
    },
  };
}

function schemaType(s: JsonSchemaProps): TypeRef {
  if (s["x-kubernetes-int-or-string"]) return scalarType;
  const preserve = s["x-kubernetes-preserve-unknown-fields"] === true;
  switch (s.type) {
    case "object": {
      const props = s.properties ?? {};
      const fields = new Map<string, TypeRef>();
      const extra = s.additionalProperties;
      const element = typeof extra === "object"
        ? schemaType(extra)
        : (preserve || extra === true ? deducedType : deducedType);
      return fixed({
        kind: "map",
        atomic: s["x-kubernetes-map-type"] === "atomic",
        field(name) {
          if (!Object.hasOwn(props, name)) return undefined;
          let t = fields.get(name);
          if (t === undefined) fields.set(name, t = schemaType(props[name]));
          return t;
        },
        element,
      });
    }
    case "array": {
      const listType = s["x-kubernetes-list-type"] ?? "atomic";
      const item = s.items;
      const keyDefaults: Record<string, Json> = {};
      const keys = listType === "map" ? s["x-kubernetes-list-map-keys"] ?? [] : [];
      for (const key of keys) {
        const d = item?.properties?.[key]?.default;
        if (d !== undefined) keyDefaults[key] = d;
      }
      return fixed({
        kind: "list",
        atomic: listType === "atomic",
        keys,
        keyDefaults,
        element: item ? schemaType(item) : deducedType,
      });
    }
    case undefined:
      return deducedType;
    default:
      return scalarType;
  }
}
