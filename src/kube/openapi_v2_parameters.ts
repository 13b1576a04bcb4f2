// The shared parameters of kube-openapi's v2 builder (k8s.io/kube-openapi pkg/builder/parameters.go
// `deduplicateParameters`, as kube-apiserver v1.36.3 serves /openapi/v2): every parameter but the
// endpoint-specific ones moves to the document's `parameters` under `<name>-<hash>` and each use
// becomes a `$ref` to it, which halves the document.

type Json = Record<string, unknown>;

// kube-openapi's operations(): the order it walks a path item's operations.
const OPERATIONS = ["get", "put", "post", "delete", "options", "head", "patch"];
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;
const UTF8 = new TextEncoder();

/**
 * Replaces the shareable parameters of `paths` (changed in place) with references and returns
 * the shared ones by name, keys sorted as Go writes a map.
 */
export function shareParameters(paths: Record<string, Json>): Record<string, Json> {
  const shared = new Map<string, Json>();
  const visit = (each: (list: Json[]) => void) => {
    for (const item of Object.values(paths)) {
      for (const method of OPERATIONS) {
        const parameters = (item[method] as Json | undefined)?.parameters as Json[] | undefined;
        if (parameters) each(parameters);
      }
      if (item.parameters) each(item.parameters as Json[]);
    }
  };
  visit((list) => {
    for (const parameter of list) {
      if (!shareable(parameter)) continue;
      const text = goJson(parameter);
      if (!shared.has(text)) shared.set(text, parameter);
    }
  });
  // Named deterministically: the JSON texts sorted, each name its parameter's plus a hash.
  const names = new Map<string, string>();
  const byName: Record<string, Json> = {};
  for (const text of [...shared.keys()].sort(goLess)) {
    const parameter = shared.get(text)!;
    const base = typeof parameter.name === "string" && parameter.name !== ""
      ? parameter.name
      : "param";
    let name = `${base}-${base64Hash(text)}`;
    for (let i = 1; name in byName; i++) name = `${base}-${i}`; // a hash conflict, unlikely
    byName[name] = parameter;
    names.set(text, name);
  }
  visit((list) => {
    for (let i = 0; i < list.length; i++) {
      if (!shareable(list[i])) continue;
      list[i] = { $ref: `#/parameters/${names.get(goJson(list[i]))}` };
    }
  });
  return Object.fromEntries(Object.keys(byName).sort(goLess).map((name) => [name, byName[name]]));
}

// collectSharedParameters' exceptions: `name` (its description names the kind), fieldValidation
// and dryRun (kubectl read them to detect server support), and body parameters of the kind's own
// schema.
function shareable(p: Json): boolean {
  if (typeof p.$ref === "string") return false;
  if ((p.in === "query" || p.in === "path") && p.name === "name") return false;
  if (p.in === "query" && (p.name === "fieldValidation" || p.name === "dryRun")) return false;
  const ref = (p.schema as Json | undefined)?.$ref;
  if (p.schema !== undefined && p.in === "body" && p.name === "body") {
    return typeof ref === "string" && ref.startsWith("#/definitions/io.k8s.apimachinery");
  }
  return true;
}

// encoding/json's bytes of a parameter: its fields in the order served, <, > and & escaped.
function goJson(value: Json): string {
  return JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

// base64Hash: FNV-1 (64 bits) of the text, its first 6 bytes in URL-safe base64 (8 characters).
function base64Hash(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of UTF8.encode(text)) hash = ((hash * FNV_PRIME) & MASK) ^ BigInt(byte);
  const bytes = new Uint8Array(6);
  for (let i = 0; i < 6; i++) bytes[i] = Number((hash >> BigInt(56 - 8 * i)) & 0xffn);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_");
}

// sort.Strings: byte order, which UTF-16 order matches for these ASCII texts.
function goLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
