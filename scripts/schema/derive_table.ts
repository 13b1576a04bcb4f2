// Derives one Kubernetes release's schema table from its OpenAPI v3 spec and Go types.
//
// Sources, fetched through the Go module proxy (`go mod download`), pinned by the version given:
//   k8s.io/kubernetes@<version>        api/openapi-spec/v3/*.json: kinds, fields, list and patch facts,
//                                      descriptions and defaults (swagger.json: shared kinds' GVKs;
//                                      pkg/generated/openapi/zz_generated.openapi.go: enums)
//   k8s.io/api, apimachinery,          the Go types behind each field (`v1.Protocol`), which
//   apiextensions-apiserver,           kube-apiserver's decoding errors name
//   kube-aggregator @v0.<minor>.<patch>

import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { type GoPackage, readGoPackage } from "./go_types.ts";
import { readEnums } from "./go_openapi_enums.ts";
import type { DocEntry } from "../../src/api/schema/docs_table.ts";
import {
  residualOf,
  sortKeys,
  structComponent,
  structSkeleton,
} from "../../src/api/schema/openapi_component.ts";
import {
  type FieldEntry,
  type FieldFacts,
  type GoZero,
  impliedGoType,
  type PackageTable,
  type StructEntry,
} from "../../src/api/schema/schema_table.ts";

/** One release's table before it is written: kinds per group/version, packages by key. */
export interface DerivedTable {
  readonly version: string;
  readonly kinds: Record<string, Record<string, string>>;
  readonly packages: Map<string, PackageTable>;
  /** Fields whose Go type the sources did not name (the implied one is used). */
  readonly goMisses: number;
  /** Per package, the OpenAPI docs residual of each struct (descriptions, defaults...). */
  readonly docs: Map<string, Record<string, DocEntry>>;
  /** Package key → OpenAPI definition prefix. */
  readonly names: Record<string, string>;
  /** Definitions that are no struct of the table (Quantity, Time...), whole. */
  readonly specials: Record<string, Json>;
  /** Structs whose rebuilt component did not equal the published one (should be 0). */
  readonly docMisses: number;
}

// deno-lint-ignore no-explicit-any
type Json = any;

/** The pinned k8s.io/kubernetes release of each supported minor, which every generator derives from. */
export const RELEASES: readonly string[] = [
  "v1.29.6",
  "v1.30.14",
  "v1.31.14",
  "v1.32.13",
  "v1.33.1",
  "v1.34.4",
  "v1.35.4",
  "v1.36.3",
];

/** Where `go mod download` (through the Go module proxy) unpacked a module version. */
export function moduleDir(module: string): string {
  const out = execFileSync("go", ["mod", "download", "-json", module], {
    encoding: "utf8",
    env: { ...process.env, GOFLAGS: "-mod=mod" },
  });
  return JSON.parse(out).Dir;
}

// Types whose JSON form a custom (Un)marshaler defines: a code of their own, never a struct.
const SPECIAL_DEFINITIONS: Record<string, string> = {
  "io.k8s.apimachinery.pkg.api.resource.Quantity": "quantity",
  "io.k8s.apimachinery.pkg.util.intstr.IntOrString": "intstr",
  "io.k8s.apimachinery.pkg.apis.meta.v1.Time": "time",
  "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime": "microtime",
  "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1": "any",
  "io.k8s.apimachinery.pkg.apis.meta.v1.Patch": "any",
  "io.k8s.apimachinery.pkg.runtime.RawExtension": "any",
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON": "any",
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray": "any",
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool": "any",
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray": "any",
};

/** Derives the table of a release (`v1.33.1`). */
export function deriveTable(version: string): DerivedTable {
  return new TableDeriver(version).derive();
}

// One release's sources (spec documents, Go packages) and the steps that turn them into a table.
class TableDeriver {
  readonly #version: string;
  readonly #roots: [prefix: string, dir: string][];
  readonly #definitions = new Map<string, Json>();
  readonly #goPackages = new Map<string, GoPackage | null>();
  readonly #tables = new Map<string, { go: string; t: Record<string, StructEntry> }>();
  #goMisses = 0;

  constructor(version: string) {
    const match = /^v1\.(\d+)\.(\d+)$/.exec(version);
    if (!match) throw new Error(`Cannot generate: "${version}" is not a release like v1.33.1`);
    const staging = `v0.${match[1]}.${match[2]}`;
    this.#version = version;
    const machinery = moduleDir(`k8s.io/apimachinery@${staging}`);
    // OpenAPI definition prefixes → the Go source directory their packages live under.
    this.#roots = [
      ["io.k8s.api.", moduleDir(`k8s.io/api@${staging}`)],
      ["io.k8s.apimachinery.pkg.apis.", join(machinery, "pkg/apis")],
      ["io.k8s.apimachinery.pkg.", join(machinery, "pkg")],
      [
        "io.k8s.apiextensions-apiserver.pkg.apis.",
        join(moduleDir(`k8s.io/apiextensions-apiserver@${staging}`), "pkg/apis"),
      ],
      [
        "io.k8s.kube-aggregator.pkg.apis.",
        join(moduleDir(`k8s.io/kube-aggregator@${staging}`), "pkg/apis"),
      ],
    ];
    // Every definition of every group/version document (they repeat shared ones, identically).
    const specDir = join(moduleDir(`k8s.io/kubernetes@${version}`), "api/openapi-spec/v3");
    for (const file of readdirSync(specDir).sort()) {
      if (!file.endsWith("_openapi.json")) continue;
      const spec = JSON.parse(readFileSync(join(specDir, file), "utf8"));
      for (const [name, schema] of Object.entries(spec.components?.schemas ?? {})) {
        this.#definitions.set(name, schema);
      }
    }
    // From 1.36 each v3 document lists, on shared kinds (DeleteOptions, WatchEvent), only the core
    // and its own group/version; swagger.json keeps the full list, which the table stores (the
    // server cuts it down per document, as src/kube/openapi_schemas.ts does).
    // The served spec has enum lists and their descriptions (see go_openapi_enums.ts).
    for (const [name, fields] of readEnums(join(specDir, "../../.."))) {
      const schema = this.#definitions.get(name);
      if (!schema?.properties) continue;
      const properties = { ...schema.properties };
      for (const [field, facts] of fields) {
        const property = properties[field];
        if (!property) continue;
        const described = facts.description ? { description: facts.description } : {};
        properties[field] = facts.on === "field"
          ? { ...property, ...described, enum: facts.values }
          : {
            ...property,
            ...described,
            [facts.on]: { ...property[facts.on], enum: facts.values },
          };
      }
      this.#definitions.set(name, { ...schema, properties });
    }
    const swagger = JSON.parse(readFileSync(join(specDir, "../swagger.json"), "utf8"));
    for (const [name, schema] of this.#definitions) {
      const full = swagger.definitions?.[name]?.["x-kubernetes-group-version-kind"];
      if (full && schema["x-kubernetes-group-version-kind"]) {
        this.#definitions.set(name, { ...schema, "x-kubernetes-group-version-kind": full });
      }
    }
  }

  derive(): DerivedTable {
    const pending: [key: string, dir: string, struct: string, schema: Json][] = [];
    for (const [name, schema] of [...this.#definitions].sort(([a], [b]) => a < b ? -1 : 1)) {
      if (Object.hasOwn(SPECIAL_DEFINITIONS, name)) continue;
      if (!schema.properties && schema.type !== "object") continue;
      const pkg = this.#packageOf(name);
      if (!pkg) continue;
      const [key, dir] = pkg;
      const goName = this.#goPackage(key, dir)?.name ?? key.split(".").at(-1)!;
      if (!this.#tables.has(key)) this.#tables.set(key, { go: goName, t: {} });
      pending.push([key, dir, name.slice(name.lastIndexOf(".") + 1), schema]);
    }
    const names: Record<string, string> = {};
    for (const [key, dir, struct, schema] of pending) {
      this.#tables.get(key)!.t[struct] = this.#struct(key, dir, struct, schema);
      names[key] ??= this.#definitionPrefix(key);
    }
    const specials: Record<string, Json> = {};
    const structNames = new Set(pending.map(([key, , struct]) => `${names[key]}.${struct}`));
    for (const [name, schema] of this.#definitions) {
      if (!structNames.has(name) && this.#packageOf(name)) specials[name] = sortKeys(schema);
    }
    const namer = (key: string, struct: string) =>
      `${names[key] ?? this.#definitionPrefix(key)}.${struct}`;
    const docs = new Map<string, Record<string, DocEntry>>();
    let docMisses = 0;
    for (const [key, , struct, schema] of pending) {
      const entry = this.#tables.get(key)!.t[struct];
      const doc = docEntry(schema, structSkeleton(entry, namer));
      if (doc) (docs.get(key) ?? docs.set(key, {}).get(key)!)[struct] = doc;
      const rebuilt = JSON.stringify(sortKeys(structComponent(entry, doc, namer)));
      if (rebuilt !== JSON.stringify(sortKeys(schema))) {
        docMisses++;
        if (process.env.FKAS_SCHEMA_DEBUG) console.error(`docs do not rebuild ${key}.${struct}`);
      }
    }
    return {
      version: this.#version,
      kinds: this.#kinds(),
      packages: this.#tables as Map<string, PackageTable>,
      goMisses: this.#goMisses,
      docs,
      names,
      specials,
      docMisses,
    };
  }

  // The OpenAPI name prefix of a package key (`core.v1` → `io.k8s.api.core.v1`).
  #definitionPrefix(key: string): string {
    for (const [name] of this.#definitions) {
      const pkg = this.#packageOf(name);
      if (pkg?.[0] === key) return name.slice(0, name.lastIndexOf("."));
    }
    throw new Error(`Cannot generate: no definition in package ${key}`);
  }

  #struct(key: string, dir: string, struct: string, schema: Json): StructEntry {
    const go = this.#goPackage(key, dir);
    const goNameOf = (k: string) => this.#tables.get(k)?.go ?? k.split(".").at(-1)!;
    const fields: Record<string, FieldEntry> = {};
    const zeros: Record<string, GoZero> = {};
    const empties: string[] = [];
    // Go order (encoding/json writes fields as declared); fields Go does not have, sorted, last.
    const goFields = [...(go?.structs.get(struct)?.keys() ?? [])];
    const published = Object.keys(schema.properties ?? {});
    const ordered = [
      ...goFields.filter((field) => Object.hasOwn(schema.properties ?? {}, field)),
      ...published.filter((field) => !goFields.includes(field)).sort(),
    ];
    for (const field of ordered) {
      const property = schema.properties[field];
      const code = this.#codeOf(property);
      const facts = factsOf(property);
      let goType = code === "any" ? undefined : goTypeOf(go, struct, field);
      if (goType === undefined && code !== "any") {
        this.#goMisses++;
        if (process.env.FKAS_SCHEMA_DEBUG) console.error(`no Go type: ${key}.${struct}.${field}`);
      }
      const zero = goZeroOf(go, struct, field, goType === "v1.Duration" ? "duration" : code);
      if (zero !== undefined) zeros[field] = zero;
      else if (omitsEmpty(go, struct, field, code)) empties.push(field);
      if (goType === "v1.Duration" && code === "string") {
        fields[field] = facts ? ["duration", "", facts] : ["duration"];
        continue;
      }
      if (goType === impliedGoType(code, goNameOf)) goType = undefined;
      fields[field] = facts ? [code, goType ?? "", facts] : goType ? [code, goType] : [code];
    }
    const entry: {
      f: Record<string, FieldEntry>;
      z?: Record<string, GoZero>;
      e?: string[];
      r?: string[];
      m?: string;
    } = { f: fields };
    if (Object.keys(zeros).length) entry.z = zeros;
    if (empties.length) entry.e = empties;
    if (schema.required?.length) entry.r = [...schema.required].sort();
    if (schema["x-kubernetes-map-type"]) entry.m = schema["x-kubernetes-map-type"];
    return entry as StructEntry;
  }

  // Kinds by group/version, from the extension naming them on each definition.
  #kinds(): Record<string, Record<string, string>> {
    const kinds: Record<string, Record<string, string>> = {};
    for (const [name, schema] of this.#definitions) {
      const pkg = this.#packageOf(name);
      if (!pkg || Object.hasOwn(SPECIAL_DEFINITIONS, name)) continue;
      for (const gvk of schema["x-kubernetes-group-version-kind"] ?? []) {
        // Shared meta types (DeleteOptions, WatchEvent, Status) list every group: kept in meta.
        if (pkg[0] === "meta.v1" && gvk.group !== "meta.k8s.io" && gvk.group !== "") continue;
        const gv = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
        (kinds[gv] ??= {})[gvk.kind] = `${pkg[0]}.${name.slice(name.lastIndexOf(".") + 1)}`;
      }
    }
    return kinds;
  }

  /** `[package key, Go source dir]` of an OpenAPI definition name's package. */
  #packageOf(definition: string): [string, string] | undefined {
    const name = definition.slice(0, definition.lastIndexOf("."));
    for (const [prefix, dir] of this.#roots) {
      if (!name.startsWith(prefix)) continue;
      const rest = name.slice(prefix.length);
      return [rest, join(dir, ...rest.split("."))];
    }
    return undefined;
  }

  #goPackage(key: string, dir: string): GoPackage | undefined {
    if (!this.#goPackages.has(key)) {
      let pkg: GoPackage | null = null;
      try {
        pkg = readGoPackage(dir);
      } catch {
        // A package without Go sources here (version.Info): its fields keep their implied types.
      }
      this.#goPackages.set(key, pkg);
    }
    return this.#goPackages.get(key) ?? undefined;
  }

  #codeOf(schema: Json): string {
    const ref = refName(schema);
    if (ref) {
      if (Object.hasOwn(SPECIAL_DEFINITIONS, ref)) return SPECIAL_DEFINITIONS[ref];
      const target = this.#definitions.get(ref);
      if (!target || !target.properties && target.type !== "object") return "any";
      const pkg = this.#packageOf(ref);
      return pkg ? `#${pkg[0]}.${ref.slice(ref.lastIndexOf(".") + 1)}` : "any";
    }
    switch (schema.type) {
      case "string":
        return schema.format === "byte" ? "byte" : "string";
      case "integer":
        return schema.format === "int32" ? "int32" : "int64";
      case "number":
        return "float64";
      case "boolean":
        return "bool";
      case "array":
        return `[${this.#codeOf(schema.items ?? {})}`;
      case "object":
        return schema.additionalProperties
          ? `{${this.#codeOf(schema.additionalProperties)}`
          : "any";
    }
    return "any";
  }
}

// What a published struct schema has beyond its skeleton: struct-level keys, then per field
// (a string when only the description is left).
function docEntry(published: Json, skeleton: Json): DocEntry | undefined {
  const { properties: publishedFields = {}, ...own } = published;
  const { properties: builtFields = {}, ...builtOwn } = skeleton;
  const fields: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(publishedFields)) {
    const residual = residualOf(schema as Json, builtFields[field] ?? {});
    if (!residual) continue;
    const keys = Object.keys(residual);
    fields[field] = keys.length === 1 && keys[0] === "description"
      ? residual.description
      : residual;
  }
  const d = residualOf(own, builtOwn);
  if (!d && Object.keys(fields).length === 0) return undefined;
  return { ...(d ? { d } : {}), ...(Object.keys(fields).length ? { f: fields } : {}) } as DocEntry;
}

function refName(schema: Json): string | undefined {
  const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
  return ref?.replace("#/components/schemas/", "");
}

function factsOf(schema: Json): FieldFacts | undefined {
  const facts: Record<string, unknown> = {};
  if (schema["x-kubernetes-list-type"]) facts.l = schema["x-kubernetes-list-type"];
  if (schema["x-kubernetes-list-map-keys"]) facts.k = schema["x-kubernetes-list-map-keys"];
  if (schema["x-kubernetes-map-type"]) facts.m = schema["x-kubernetes-map-type"];
  if (schema["x-kubernetes-patch-strategy"]) facts.s = schema["x-kubernetes-patch-strategy"];
  if (schema["x-kubernetes-patch-merge-key"]) facts.p = schema["x-kubernetes-patch-merge-key"];
  return Object.keys(facts).length ? facts as FieldFacts : undefined;
}

// The Go type of a field as the decoder names it (pointers dereferenced), named maps and lists
// spelled `Name=underlying` so that their elements' Go types stay known.
function goTypeOf(pkg: GoPackage | undefined, struct: string, field: string): string | undefined {
  const type = pkg?.structs.get(struct)?.get(field);
  if (type === undefined) return undefined;
  const direct = type.replace(/^\*/, "");
  const [prefix, name] = direct.split(".");
  if (name && prefix === pkg!.name && pkg!.named.has(name)) {
    const underlying = pkg!.named.get(name)!;
    if (underlying.startsWith("map[") || underlying.startsWith("[]")) {
      return `${direct}=${underlying}`;
    }
  }
  return direct;
}

// Whether encoding/json leaves the field out when it holds its type's empty value: omitempty on a
// non-pointer string, number, bool, slice or map ("", 0, false, length 0). Pointers are written
// whatever they point to, and omitempty never leaves a struct out.
function omitsEmpty(pkg: GoPackage | undefined, struct: string, field: string, code: string) {
  const type = pkg?.structs.get(struct)?.get(field);
  if (type === undefined || pkg?.omits.get(struct)?.get(field) !== "omitempty") return false;
  if (type.startsWith("*")) return false;
  const [prefix, name] = type.split(".");
  const underlying = name && prefix === pkg!.name ? pkg!.named.get(name) ?? type : type;
  if (/^(\[\]|map\[)/.test(underlying)) return true;
  return Object.hasOwn(SCALAR_ZEROS, code) || code === "byte";
}

// Codes whose Go type is a struct with a custom marshaler, and what it writes when zero.
const STRUCT_ZEROS: Record<string, GoZero> = {
  time: null,
  microtime: null,
  quantity: "0",
  intstr: 0,
  duration: "0s",
};
const SCALAR_ZEROS: Record<string, GoZero> = {
  string: "",
  int32: 0,
  int64: 0,
  float64: 0,
  bool: false,
};

// What encoding/json writes for the field when it is unset, if it writes it at all: fields
// tagged without omitempty always; with omitempty, non-pointer structs (never "empty"); with
// omitzero, never.
function goZeroOf(
  pkg: GoPackage | undefined,
  struct: string,
  field: string,
  code: string,
): GoZero | undefined {
  const type = pkg?.structs.get(struct)?.get(field);
  const omit = pkg?.omits.get(struct)?.get(field);
  if (type === undefined || omit === undefined || omit === "omitzero") return undefined;
  const pointer = type.startsWith("*");
  const [prefix, name] = type.split(".");
  const underlying = name && prefix === pkg!.name ? pkg!.named.get(name) ?? type : type;
  const composite = /^(\[\]|map\[)/.test(underlying) || underlying === "any" ||
    underlying.startsWith("interface");
  const isStruct = !pointer && !composite &&
    (code.startsWith("#") || Object.hasOwn(STRUCT_ZEROS, code) || code === "any");
  if (omit === "omitempty" && !isStruct) return undefined;
  if (pointer || composite) return null;
  if (code.startsWith("#")) return {};
  if (Object.hasOwn(STRUCT_ZEROS, code)) return STRUCT_ZEROS[code];
  if (Object.hasOwn(SCALAR_ZEROS, code)) return SCALAR_ZEROS[code];
  // Named slices and maps (ResourceList), []byte, RawExtension and JSON: null.
  return null;
}
