// Reads Go struct definitions of k8s.io/api packages: per struct, each JSON field's Go type as `reflect` prints it.
//
// The OpenAPI spec says "string" where Go says `v1.Protocol`; kube-apiserver's decoding errors name
// the Go type (`... of type v1.Protocol`), so the generator takes those names from the Go sources.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** One Go package's struct fields by struct name, then JSON name, and its named non-struct types. */
export interface GoPackage {
  /** The package clause (`v1`), as reflect prefixes its types. */
  readonly name: string;
  /**
   * Struct name → JSON field name → Go type expression, qualified as reflect prints it; each
   * struct's fields in the order encoding/json writes them (declaration order, embedded structs'
   * fields where they are embedded).
   */
  readonly structs: Map<string, Map<string, string>>;
  /** Struct name → JSON field name → the tag's omit option (`omitempty`, `omitzero`, or ""). */
  readonly omits: Map<string, Map<string, GoOmit>>;
  /** Named non-struct types (`ResourceList`) → their underlying type, qualified. */
  readonly named: Map<string, string>;
}

const BUILTIN = new Set([
  "string",
  "bool",
  "int",
  "int8",
  "int16",
  "int32",
  "int64",
  "uint",
  "uint8",
  "uint16",
  "uint32",
  "uint64",
  "float32",
  "float64",
  "byte",
  "rune",
  "any",
]);

/** A field's JSON tag option deciding when encoding/json leaves it out ("" : never). */
export type GoOmit = "omitempty" | "omitzero" | "";

interface RawStruct {
  // In declaration order: [json name, raw type, omit] or an embedded raw type inlined with
  // json:",inline" (or untagged embedding).
  members: ([string, string, GoOmit] | string)[];
  imports: Map<string, string>;
}

/** Parses every non-test Go file of a package directory. */
export function readGoPackage(dir: string): GoPackage {
  let packageName = "";
  const raw = new Map<string, RawStruct>();
  const rawNamed = new Map<string, { type: string; imports: Map<string, string> }>();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".go") || file.endsWith("_test.go")) continue;
    const text = readFileSync(join(dir, file), "utf8");
    packageName ||= /^package (\w+)/m.exec(text)?.[1] ?? "";
    const imports = importsOf(text);
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const struct = /^type (\w+) struct \{\s*$/.exec(lines[i]);
      if (struct) {
        const entry: RawStruct = { members: [], imports };
        for (i++; i < lines.length && lines[i] !== "}"; i++) parseField(lines[i], entry);
        raw.set(struct[1], entry);
        continue;
      }
      const named = /^type (\w+) =? ?([^{]+?)\s*$/.exec(lines[i]);
      if (named && !named[2].startsWith("interface")) {
        rawNamed.set(named[1], { type: named[2], imports });
      }
    }
  }
  const qualify = (type: string, imports: Map<string, string>) =>
    qualifyType(type, imports, packageName, (name) => raw.has(name) || rawNamed.has(name));
  const named = new Map<string, string>();
  for (const [name, { type, imports }] of rawNamed) named.set(name, qualify(type, imports));
  const structs = new Map<string, Map<string, string>>();
  const omits = new Map<string, Map<string, GoOmit>>();
  const flatten = (
    name: string,
    into: Map<string, string>,
    omitInto: Map<string, GoOmit>,
    depth = 0,
  ) => {
    const entry = raw.get(name);
    if (!entry || depth > 8) return;
    for (const member of entry.members) {
      if (typeof member !== "string") {
        const [json, type, omit] = member;
        into.set(json, qualify(type, entry.imports));
        omitInto.set(json, omit);
        continue;
      }
      const local = member.replace(/^\*/, "");
      // Only same-package embeddings carry fields the OpenAPI lists (metav1.TypeMeta's are known).
      if (!local.includes(".")) flatten(local, into, omitInto, depth + 1);
      else if (local === "metav1.TypeMeta") {
        for (const json of ["kind", "apiVersion"]) {
          into.set(json, "string");
          omitInto.set(json, "omitempty");
        }
      }
    }
  };
  for (const name of raw.keys()) {
    const fields = new Map<string, string>();
    const omitted = new Map<string, GoOmit>();
    flatten(name, fields, omitted);
    structs.set(name, fields);
    omits.set(name, omitted);
  }
  return { name: packageName, structs, omits, named };
}

function importsOf(text: string): Map<string, string> {
  const imports = new Map<string, string>();
  const block = /^import \(([^)]*)\)/m.exec(text)?.[1] ?? /^import (.*)$/m.exec(text)?.[1] ?? "";
  for (const line of block.split("\n")) {
    const match = /^\s*(\w+)?\s*"([^"]+)"/.exec(line);
    if (!match) continue;
    const path = match[2];
    const last = path.split("/").at(-1)!;
    imports.set(match[1] ?? last, last);
  }
  return imports;
}

function parseField(line: string, entry: RawStruct): void {
  const code = line.replace(/\s*\/\/.*$/, "");
  const field = /^\t(\w+)\s+([^\s`]+)\s+`([^`]*)`/.exec(code);
  if (field) {
    const json = /json:"([^"]*)"/.exec(field[3])?.[1] ?? "";
    const [name, ...options] = json.split(",");
    if (options.includes("inline") && name === "") entry.members.push(field[2]);
    else if (name && name !== "-") entry.members.push([name, field[2], omitOf(options)]);
    return;
  }
  // An embedded type; with a JSON name in its tag it is a plain field (`metav1.ObjectMeta` as metadata).
  const embedded = /^\t(\*?[\w.]+)(\s+`([^`]*)`)?\s*$/.exec(code);
  if (!embedded) return;
  const [name, ...options] = (/json:"([^"]*)"/.exec(embedded[3] ?? "")?.[1] ?? "").split(",");
  if (name && name !== "-") entry.members.push([name, embedded[1], omitOf(options)]);
  else if (name !== "-") entry.members.push(embedded[1]);
}

// omitzero wins where both are given: it is the stronger for structs, the same for the rest.
function omitOf(options: string[]): GoOmit {
  return options.includes("omitzero")
    ? "omitzero"
    : options.includes("omitempty")
    ? "omitempty"
    : "";
}

/**
 * A Go type expression written as `reflect.Type.String()` prints it: local names prefixed with
 * the package name, import aliases replaced by package names, `byte` as `uint8`.
 */
export function qualifyType(
  type: string,
  imports: Map<string, string>,
  packageName: string,
  isLocal: (name: string) => boolean,
): string {
  const parse = (at: number): [string, number] => {
    if (type.startsWith("*", at)) {
      const [inner, end] = parse(at + 1);
      return [`*${inner}`, end];
    }
    if (type.startsWith("[]", at)) {
      const [inner, end] = parse(at + 2);
      return [`[]${inner}`, end];
    }
    if (type.startsWith("map[", at)) {
      const [key, afterKey] = parse(at + 4);
      const [value, end] = parse(afterKey + 1); // skip "]"
      return [`map[${key}]${value}`, end];
    }
    const match = /^[\w.]+/.exec(type.slice(at))!;
    const word = match[0];
    const end = at + word.length;
    if (word.includes(".")) {
      const [alias, name] = word.split(".");
      return [`${imports.get(alias) ?? alias}.${name}`, end];
    }
    if (word === "byte") return ["uint8", end];
    if (BUILTIN.has(word) || !isLocal(word)) return [word, end];
    return [`${packageName}.${word}`, end];
  };
  return parse(0)[0];
}
