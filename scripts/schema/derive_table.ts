// Derives one Kubernetes release's schema table from its OpenAPI v3 spec and Go types.
//
// Sources, fetched through the Go module proxy (`go mod download`), pinned by the version given:
//   k8s.io/kubernetes@<version>        api/openapi-spec/v3/*.json: kinds, fields, list and patch facts
//   k8s.io/api, apimachinery,          the Go types behind each field (`v1.Protocol`), which
//   apiextensions-apiserver,           kube-apiserver's decoding errors name
//   kube-aggregator @v0.<minor>.<patch>

import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { type GoPackage, readGoPackage } from "./go_types.ts";
import {
  type FieldEntry,
  type FieldFacts,
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
}

// deno-lint-ignore no-explicit-any
type Json = any;

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
  const match = /^v1\.(\d+)\.(\d+)$/.exec(version);
  if (!match) throw new Error(`Cannot generate: "${version}" is not a release like v1.33.1`);
  const staging = `v0.${match[1]}.${match[2]}`;
  // OpenAPI definition prefixes → [table package key, Go module dir, package path in it].
  const kubernetesDir = moduleDir(`k8s.io/kubernetes@${version}`);
  const apiDir = moduleDir(`k8s.io/api@${staging}`);
  const machineryDir = moduleDir(`k8s.io/apimachinery@${staging}`);
  const extensionsDir = moduleDir(`k8s.io/apiextensions-apiserver@${staging}`);
  const aggregatorDir = moduleDir(`k8s.io/kube-aggregator@${staging}`);

  /** `[package key, Go source dir]` of an OpenAPI definition name's package. */
  function packageOf(definition: string): [string, string] | undefined {
    const name = definition.slice(0, definition.lastIndexOf("."));
    const rules: [string, string, string][] = [
      ["io.k8s.api.", apiDir, ""],
      ["io.k8s.apimachinery.pkg.apis.", join(machineryDir, "pkg/apis"), ""],
      ["io.k8s.apimachinery.pkg.", join(machineryDir, "pkg"), ""],
      ["io.k8s.apiextensions-apiserver.pkg.apis.", join(extensionsDir, "pkg/apis"), ""],
      ["io.k8s.kube-aggregator.pkg.apis.", join(aggregatorDir, "pkg/apis"), ""],
    ];
    for (const [prefix, dir] of rules) {
      if (!name.startsWith(prefix)) continue;
      const rest = name.slice(prefix.length);
      return [rest, join(dir, ...rest.split("."))];
    }
    return undefined;
  }

  // Every definition of every group/version document (they repeat shared ones, identically).
  const specDir = join(kubernetesDir, "api/openapi-spec/v3");
  const definitions = new Map<string, Json>();
  for (const file of readdirSync(specDir).sort()) {
    if (!file.endsWith("_openapi.json")) continue;
    const spec = JSON.parse(readFileSync(join(specDir, file), "utf8"));
    for (const [name, schema] of Object.entries(spec.components?.schemas ?? {})) {
      definitions.set(name, schema);
    }
  }

  const goPackages = new Map<string, GoPackage>();
  function goPackage(key: string, dir: string): GoPackage | undefined {
    if (!goPackages.has(key)) {
      try {
        goPackages.set(key, readGoPackage(dir));
      } catch {
        return undefined;
      }
    }
    return goPackages.get(key);
  }

  function refName(schema: Json): string | undefined {
    const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
    return ref?.replace("#/components/schemas/", "");
  }

  function codeOf(schema: Json): string {
    const ref = refName(schema);
    if (ref) {
      if (Object.hasOwn(SPECIAL_DEFINITIONS, ref)) return SPECIAL_DEFINITIONS[ref];
      const target = definitions.get(ref);
      if (!target || !target.properties && target.type !== "object") return "any";
      const pkg = packageOf(ref);
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
        return `[${codeOf(schema.items ?? {})}`;
      case "object":
        return schema.additionalProperties ? `{${codeOf(schema.additionalProperties)}` : "any";
    }
    return "any";
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

  const tables = new Map<string, { go: string; t: Record<string, StructEntry> }>();
  const goNameOf = (key: string) => tables.get(key)?.go ?? key.split(".").at(-1)!;

  const pending: [string, string, string, Json][] = [];
  for (const [name, schema] of [...definitions].sort(([a], [b]) => a < b ? -1 : 1)) {
    if (Object.hasOwn(SPECIAL_DEFINITIONS, name)) continue;
    if (!schema.properties && schema.type !== "object") continue;
    const pkg = packageOf(name);
    if (!pkg) continue;
    const [key, dir] = pkg;
    const go = goPackage(key, dir);
    if (!tables.has(key)) tables.set(key, { go: go?.name ?? key.split(".").at(-1)!, t: {} });
    pending.push([key, dir, name.slice(name.lastIndexOf(".") + 1), schema]);
  }

  let goMisses = 0;
  for (const [key, dir, structName, schema] of pending) {
    const go = goPackage(key, dir);
    const fields: Record<string, FieldEntry> = {};
    for (const field of Object.keys(schema.properties ?? {}).sort()) {
      const property = schema.properties[field];
      const code = codeOf(property);
      const facts = factsOf(property);
      const implied = impliedGoType(code, goNameOf);
      let goType = code === "any" ? undefined : goTypeOf(go, structName, field);
      if (goType === undefined && code !== "any") {
        goMisses++;
        if (process.env.FKAS_SCHEMA_DEBUG) {
          console.error(`no Go type: ${key}.${structName}.${field}`);
        }
      }
      if (goType === "v1.Duration" && code === "string") {
        fields[field] = facts ? ["duration", "", facts] : ["duration"];
        continue;
      }
      if (goType === implied) goType = undefined;
      fields[field] = facts ? [code, goType ?? "", facts] : goType ? [code, goType] : [code];
    }
    const entry: { f: Record<string, FieldEntry>; r?: string[]; m?: string } = { f: fields };
    if (schema.required?.length) entry.r = [...schema.required].sort();
    if (schema["x-kubernetes-map-type"]) entry.m = schema["x-kubernetes-map-type"];
    tables.get(key)!.t[structName] = entry as StructEntry;
  }

  // Kinds by group/version, from the extension naming them on each definition.
  const kinds: Record<string, Record<string, string>> = {};
  for (const [name, schema] of definitions) {
    const pkg = packageOf(name);
    if (!pkg || Object.hasOwn(SPECIAL_DEFINITIONS, name)) continue;
    for (const gvk of schema["x-kubernetes-group-version-kind"] ?? []) {
      // Shared meta types (DeleteOptions, WatchEvent, Status) list every group: kept once, in meta.
      if (pkg[0] === "meta.v1" && gvk.group !== "meta.k8s.io" && gvk.group !== "") continue;
      const gv = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      (kinds[gv] ??= {})[gvk.kind] = `${pkg[0]}.${name.slice(name.lastIndexOf(".") + 1)}`;
    }
  }

  // As deno fmt writes a string holding double quotes: single-quoted, so regenerating is fmt-clean.
  return { version, kinds, packages: tables as Map<string, PackageTable>, goMisses };
}
