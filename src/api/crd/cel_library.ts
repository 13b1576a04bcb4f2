// The CEL environment of x-kubernetes-validations: CEL's standard library, its strings extension and the
// parts of Kubernetes' own libraries that are implemented here.
//
// Kubernetes (k8s.io/apiserver pkg/cel/library at v0.36.0) adds lists (`isSorted`, `sum`, `min`,
// `max`, `indexOf`, `lastIndexOf`), regex (`find`, `findAll`), url, quantity, ip/cidr, semver,
// format and authz libraries. Implemented here: the lists functions; url (cel_url.ts); quantity, semver, ip and cidr,
// their types as small protobuf messages (cel_kube_types.ts, cel_network.ts); `matches()` runs on a cached RE2
// (re2_patterns.ts). Not implemented (a rule calling them fails when evaluated: "unbound
// function: <name> evaluating rule: ..."): regex find/findAll (@bufbuild/re2 0.6.1 exposes no
// match positions), format (format's `validate` returns an optional), authz, the
// optional `?.` syntax and `.optMap`. Every library is registered for every minor: rules are
// planned once per schema, shared by clusters of every minor, and run with every library as a
// stored rule does upstream; which functions a rule new in a CRD may call per minor (base.go's
// IntroducedVersion, one minor back) is checked when the CRD is written (cel_availability.ts).

import { type CelEnv, celEnv, celMethod, CelScalar, isCelError, listType } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import { CEL_EXTENSIONS } from "./cel_extensions.ts";
import { KUBE_TYPE_FUNCS, KUBE_TYPES_REGISTRY } from "./cel_kube_types.ts";
import { NETWORK_FUNCS } from "./cel_network.ts";
import { URL_FUNCS } from "./cel_url.ts";
import { CACHED_RE2 } from "./re2_patterns.ts";

const DYN_LIST = listType(CelScalar.DYN);

function items(list: Iterable<unknown>): unknown[] {
  return [...list];
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function extreme(list: Iterable<unknown>, sign: number): unknown {
  const all = items(list);
  if (all.length === 0) throw new Error("min called on empty list");
  return all.reduce((best, next) => compare(next, best) * sign < 0 ? next : best);
}

function equalValues(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === "bigint" && typeof b === "bigint" && a === b);
}

const LISTS = [
  celMethod("isSorted", DYN_LIST, [], CelScalar.BOOL, function () {
    const all = items(this);
    return all.every((value, i) => i === 0 || compare(all[i - 1], value) <= 0);
  }),
  celMethod("sum", DYN_LIST, [], CelScalar.DYN, function () {
    const all = items(this);
    if (all.length === 0) return 0n;
    if (typeof all[0] === "bigint") return (all as bigint[]).reduce((a, b) => a + b, 0n);
    return (all as number[]).reduce((a, b) => a + b, 0);
  }),
  celMethod("min", DYN_LIST, [], CelScalar.DYN, function () {
    return extreme(this, 1) as never;
  }),
  celMethod("max", DYN_LIST, [], CelScalar.DYN, function () {
    return extreme(this, -1) as never;
  }),
  celMethod("indexOf", DYN_LIST, [CelScalar.DYN], CelScalar.INT, function (value) {
    return BigInt(items(this).findIndex((item) => equalValues(item, value)));
  }),
  celMethod("lastIndexOf", DYN_LIST, [CelScalar.DYN], CelScalar.INT, function (value) {
    return BigInt(items(this).findLastIndex((item) => equalValues(item, value)));
  }),
];

/** The shared environment every rule is planned in. */
export const KUBERNETES_CEL_ENV: CelEnv = celEnv({
  funcs: [
    ...strings,
    ...LISTS,
    ...CEL_EXTENSIONS,
    ...KUBE_TYPE_FUNCS,
    ...NETWORK_FUNCS,
    ...URL_FUNCS,
  ],
  registry: KUBE_TYPES_REGISTRY,
  re2: CACHED_RE2,
});

export { isCelError };

// k8s.io/apiserver pkg/cel/escaping.go (v0.36.0): CEL's reserved words, escaped as `__word__`.
const RESERVED = new Set([
  "true",
  "false",
  "null",
  "in",
  "as",
  "break",
  "const",
  "continue",
  "else",
  "for",
  "function",
  "if",
  "import",
  "let",
  "loop",
  "package",
  "namespace",
  "return",
  "var",
  "void",
  "while",
]);
const ESCAPES: Readonly<Record<string, string>> = {
  __: "__underscores__",
  ".": "__dot__",
  "-": "__dash__",
  "/": "__slash__",
};

/**
 * A schema property's name as CEL rules spell it (`namespace` → `__namespace__`, `x-y` →
 * `x__dash__y`), or undefined when rules cannot name it (`Escape` in escaping.go).
 */
export function celPropertyName(name: string): string | undefined {
  if (name === "" || (name[0] >= "0" && name[0] <= "9")) return undefined;
  if (RESERVED.has(name)) return `__${name}__`;
  let ok = true;
  const escaped = name.replace(/__|[-./]|[^a-zA-Z0-9\-./_]/g, (match) => {
    const escape = ESCAPES[match];
    if (escape === undefined) ok = false;
    return escape ?? "";
  });
  return ok ? escaped : undefined;
}
