// The types and overloads CEL's checker would give the calls of a rule, as far as cost estimation reads them.
//
// cel-go's coster (checker/cost.go) asks the checked AST for a node's type (a select costs 1 on a
// map or an object, nothing on dyn; scalars have size 1) and for the overloads a call resolved to
// (`matches_string`, `add_list`, `index_map`...). This resolves the functions fkas's CEL
// environment offers over the types a schema declares; anything else (dyn operands where the
// overload would matter, optionals, unknown functions) is `undefined`, and the caller then gives
// up estimating: a rule is never refused on a guess.

import type { parse } from "@bufbuild/cel";
import type { DeclType } from "./cel_decl_type.ts";

/** A parsed CEL expression node (@bufbuild/cel's `cel.expr.Expr`). */
export type Expr = NonNullable<ReturnType<typeof parse>["expr"]>;

/** A CEL type: its kind, and the types inside a list, a map or an object. */
export interface CelT {
  readonly k:
    | "struct"
    | "map"
    | "list"
    | "string"
    | "bytes"
    | "int"
    | "uint"
    | "double"
    | "bool"
    | "null"
    | "duration"
    | "timestamp"
    | "dyn"
    | "type"
    | "opaque";
  readonly elem?: CelT;
  readonly key?: CelT;
  /** An object's declaration, whose fields are typed when a rule selects them. */
  readonly decl?: DeclType;
  /** An opaque or Kubernetes type's name (`net.IP`, `kubernetes.Quantity`, `kubernetes.URL`...). */
  readonly name?: string;
}

const t = (k: CelT["k"], extra: Partial<CelT> = {}): CelT => ({ k, ...extra });
export const STRING = t("string");
export const INT = t("int");
export const UINT = t("uint");
export const DOUBLE = t("double");
export const BOOL = t("bool");
export const BYTES = t("bytes");
export const DYN = t("dyn");
export const NULL = t("null");
export const DURATION = t("duration");
export const TIMESTAMP = t("timestamp");
export const TYPE = t("type");
const opaque = (name: string) => t("opaque", { name });
const QUANTITY = opaque("kubernetes.Quantity");
const SEMVER = opaque("kubernetes.Semver");
const URL = opaque("kubernetes.URL");
const IP = opaque("net.IP");
const CIDR = opaque("net.CIDR");

/** A list of `elem`. */
export function listOf(elem: CelT): CelT {
  return t("list", { elem });
}

/** A map from `key` to `elem`. */
export function mapOf(key: CelT, elem: CelT): CelT {
  return t("map", { key, elem });
}

const celTypes = new WeakMap<DeclType, CelT>();

/** The CEL type of a schema declaration (objects typed lazily, field by field). */
export function celTypeOf(decl: DeclType): CelT {
  let type = celTypes.get(decl);
  if (!type) {
    type = convert(decl);
    celTypes.set(decl, type);
  }
  return type;
}

/** The type of an object's field, or undefined when it declares none of that name. */
export function fieldType(type: CelT, name: string): CelT | undefined {
  const field = type.decl?.fields?.get(name);
  return field && celTypeOf(field);
}

function convert(decl: DeclType): CelT {
  switch (decl.kind) {
    case "object":
      return t("struct", { decl });
    case "map":
      return mapOf(STRING, celTypeOf(decl.elem!));
    case "list":
      return listOf(celTypeOf(decl.elem!));
    default:
      return t(decl.kind);
  }
}

/** Whether `a` and `b` are the same type (as far as lists' and maps' parameters go). */
export function sameType(a: CelT, b: CelT): boolean {
  if (a.k !== b.k || a.name !== b.name) return false;
  if (a.k === "struct") return a === b;
  if (a.elem && b.elem && !sameType(a.elem, b.elem)) return false;
  return !(a.key && b.key && !sameType(a.key, b.key));
}

/** What a call resolved to: the overload its cost is looked up by, and its result type. */
export interface Resolved {
  readonly overload: string;
  readonly type: CelT;
}

const O1 = (type: CelT): Resolved => ({ overload: "", type });
const NUMERIC = new Set(["int", "uint", "double"]);

/** Resolves a call to one overload, or undefined when fkas cannot tell which one the checker picks. */
export function resolveCall(
  fn: string,
  target: CelT | undefined,
  args: readonly CelT[],
): Resolved | undefined {
  const [a, b] = args;
  const member = target !== undefined;
  switch (fn) {
    case "_&&_":
      return { overload: "logical_and", type: BOOL };
    case "_||_":
      return { overload: "logical_or", type: BOOL };
    case "!_":
    case "@not_strictly_false":
      return O1(BOOL);
    case "_?_:_":
      return { overload: "conditional", type: b.k === "dyn" ? args[2] : b };
    case "_==_":
      return { overload: "equals", type: BOOL };
    case "_!=_":
      return { overload: "not_equals", type: BOOL };
    case "_<_":
    case "_<=_":
    case "_>_":
    case "_>=_":
      if (a.k === "dyn" || b.k === "dyn") return undefined;
      return { overload: a.k === "string" || a.k === "bytes" ? `compare_${a.k}` : "", type: BOOL };
    case "_+_":
      return addition(a, b);
    case "_-_":
      if (a.k === "dyn" || b.k === "dyn") return undefined;
      return O1(a.k === "timestamp" && b.k === "timestamp" ? DURATION : a);
    case "_*_":
    case "_/_":
    case "_%_":
    case "-_":
      return NUMERIC.has(a.k) || a.k === "duration" ? O1(a) : undefined;
    case "_[_]":
      if (a.k === "list") return { overload: "index_list", type: a.elem! };
      if (a.k === "map") return { overload: "index_map", type: a.elem! };
      return undefined;
    case "@in":
      if (b.k === "list") return { overload: "in_list", type: BOOL };
      return b.k === "map" ? O1(BOOL) : undefined;
    case "size":
      return O1(INT);
    case "matches":
      // The member form is O(n·m) (matches_string); the global `matches(s, re)` is not.
      return member ? { overload: "matches_string", type: BOOL } : O1(BOOL);
    case "startsWith":
    case "endsWith":
      return member && target.k === "string"
        ? { overload: "starts_with_string", type: BOOL }
        : undefined;
    case "contains":
      return member && target.k === "string"
        ? { overload: "contains_string", type: BOOL }
        : undefined;
    case "dyn":
      return O1(DYN);
    case "type":
      return O1(TYPE);
    case "int":
      return O1(INT);
    case "uint":
      return O1(UINT);
    case "double":
      return O1(DOUBLE);
    case "bool":
      return O1(BOOL);
    case "duration":
      return O1(DURATION);
    case "timestamp":
      return O1(TIMESTAMP);
    case "string":
      // string(dyn) could be bytes_to_string, whose cost depends on the size.
      if (a?.k === "dyn") return undefined;
      return a?.k === "bytes" ? { overload: "bytes_to_string", type: STRING } : O1(STRING);
    case "bytes":
      return a?.k === "string" ? { overload: "string_to_bytes", type: BYTES } : O1(BYTES);
  }
  return member ? resolveMember(fn, target, args) : resolveGlobal(fn);
}

function addition(a: CelT, b: CelT): Resolved | undefined {
  if (a.k === "dyn" || b.k === "dyn") return undefined;
  if (a.k === "string") return { overload: "add_string", type: STRING };
  if (a.k === "bytes") return { overload: "add_bytes", type: BYTES };
  if (a.k === "list") {
    const elem = a.elem!.k === "dyn" ? b.elem! : a.elem!;
    return { overload: "add_list", type: listOf(elem) };
  }
  if (a.k === "timestamp" || b.k === "timestamp") return O1(TIMESTAMP);
  return O1(a);
}

// Strings extension, lists library, time accessors and Kubernetes types' methods.
function resolveMember(fn: string, target: CelT, args: readonly CelT[]): Resolved | undefined {
  if (target.k === "dyn") return undefined;
  if (target.k === "string") {
    switch (fn) {
      case "charAt":
      case "lowerAscii":
      case "upperAscii":
      case "substring":
      case "trim":
      case "replace":
      case "reverse":
        return O1(STRING);
      case "indexOf":
      case "lastIndexOf":
        return O1(INT);
      case "split":
        return O1(listOf(STRING));
      case "format":
        return { overload: "string_format", type: STRING };
    }
    return undefined;
  }
  if (target.k === "list") {
    switch (fn) {
      case "isSorted":
        return O1(BOOL);
      case "sum":
      case "min":
      case "max":
        return O1(target.elem!);
      case "indexOf":
      case "lastIndexOf":
        return O1(INT);
      case "join":
        return target.elem!.k === "string" && args.every((x) => x.k === "string")
          ? O1(STRING)
          : undefined;
    }
    return undefined;
  }
  if (target.k === "timestamp" || target.k === "duration") {
    return fn.startsWith("get") ? O1(INT) : undefined;
  }
  if (target.k === "opaque") return kubeMember(fn, target);
  return undefined;
}

function kubeMember(fn: string, target: CelT): Resolved | undefined {
  switch (fn) {
    case "isGreaterThan":
    case "isLessThan":
    case "isInteger":
    case "isUnspecified":
    case "isLoopback":
    case "isLinkLocalMulticast":
    case "isLinkLocalUnicast":
    case "isGlobalUnicast":
    case "containsIP":
    case "containsCIDR":
      return { overload: fn === "containsIP" || fn === "containsCIDR" ? fn : "", type: BOOL };
    case "sign":
    case "asInteger":
    case "compareTo":
    case "major":
    case "minor":
    case "patch":
    case "family":
    case "prefixLength":
      return O1(INT);
    case "asApproximateFloat":
      return O1(DOUBLE);
    case "add":
    case "sub":
      return O1(target);
    case "masked":
      return O1(CIDR);
    case "ip":
      return { overload: "cidr_ip", type: IP };
    case "getScheme":
    case "getHostname":
    case "getHost":
    case "getPort":
    case "getEscapedPath":
      return O1(STRING);
    case "getQuery":
      return O1(mapOf(STRING, listOf(STRING)));
  }
  return undefined;
}

function resolveGlobal(fn: string): Resolved | undefined {
  switch (fn) {
    case "isQuantity":
    case "isSemver":
    case "isIP":
    case "isCIDR":
    case "isURL":
      return O1(BOOL);
    case "quantity":
      return O1(QUANTITY);
    case "semver":
      return O1(SEMVER);
    case "url":
      return O1(URL);
    case "ip":
      return O1(IP);
    case "cidr":
      return O1(CIDR);
    case "ip.isCanonical":
      return O1(BOOL);
  }
  return undefined;
}
