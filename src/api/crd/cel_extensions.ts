// CEL extension libraries Kubernetes enables beyond the strings extension: sets, `strings.quote`, and lists v3.
//
// Sources: k8s.io/apiserver pkg/cel/environment/base.go at v0.36.0 (ext.Sets and ext.Strings v2
// from 1.29, ext.Lists v3 from 1.34) and github.com/google/cel-go ext/sets.go, strings.go
// (`quote`) and lists.go (`slice`, `flatten`, `distinct`, `reverse`, `sort`).
// They are registered for every minor (rules are planned once per schema, shared by clusters
// of every minor); a CRD written with a rule calling one its minor lacks is refused as upstream
// refuses it (cel_availability.ts).
// Not here: `sortBy` (a macro), `first`/`last` (they return optionals), and `lists.range`: the
// lists it makes are not input, so the worst-case cost charged before a rule runs (cel_cost.ts)
// could not bound comprehensions over them (`lists.range(1000000).all(...)` nested).

import {
  type CelFunc,
  celFunc,
  celMethod,
  CelScalar,
  isCelList,
  isCelMap,
  isCelUint,
  listType,
} from "@bufbuild/cel";

const DYN_LIST = listType(CelScalar.DYN);

function items(list: Iterable<unknown>): unknown[] {
  return [...list];
}

// CEL equality as far as set and distinct need it: numbers across int/uint/double, lists and
// maps by content.
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined && y !== undefined) return x === y;
  if (isCelList(a) && isCelList(b)) {
    const left = [...a];
    const right = [...b];
    return left.length === right.length && left.every((v, i) => same(v, right[i]));
  }
  if (isCelMap(a) && isCelMap(b)) {
    return a.size === b.size && [...a].every(([k, v]) => b.has(k) && same(v, b.get(k)));
  }
  return false;
}

function numeric(value: unknown): number | undefined {
  if (typeof value === "bigint" || typeof value === "number") return Number(value);
  if (isCelUint(value)) return Number(value.value);
  return undefined;
}

function scalarKey(value: unknown): string | undefined {
  const number = numeric(value);
  if (number !== undefined) return `n${number}`;
  if (typeof value === "string") return `s${value}`;
  if (typeof value === "boolean") return `b${value}`;
  return undefined;
}

function contains(list: unknown[], value: unknown): boolean {
  return list.some((item) => same(item, value));
}

// cel-go's quote: double-quoted, with Go escapes for control characters, quotes and backslashes.
const QUOTE_ESCAPES: Readonly<Record<string, string>> = {
  "\u0007": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
  "\\": "\\\\",
  '"': '\\"',
};

function quote(text: string): string {
  let out = '"';
  for (const char of text) out += QUOTE_ESCAPES[char] ?? char;
  return `${out}"`;
}

function flatten(list: unknown[], depth: number): unknown[] {
  const out: unknown[] = [];
  for (const item of list) {
    if (depth > 0 && isCelList(item)) {
      out.push(...flatten([...item], depth - 1));
    } else out.push(item);
  }
  return out;
}

function sortKey(value: unknown): string {
  if (typeof value === "bigint" || typeof value === "number") return "number";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "bool";
  return "other";
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The sets, `strings.quote` and lists v3 functions, for the shared environment. */
export const CEL_EXTENSIONS: CelFunc[] = [
  celFunc("sets.contains", [DYN_LIST, DYN_LIST], CelScalar.BOOL, (list, sub) => {
    const all = items(list);
    return items(sub).every((value) => contains(all, value));
  }),
  celFunc("sets.equivalent", [DYN_LIST, DYN_LIST], CelScalar.BOOL, (a, b) => {
    const left = items(a);
    const right = items(b);
    return left.every((v) => contains(right, v)) && right.every((v) => contains(left, v));
  }),
  celFunc("sets.intersects", [DYN_LIST, DYN_LIST], CelScalar.BOOL, (a, b) => {
    const right = items(b);
    return items(a).some((value) => contains(right, value));
  }),
  celFunc("strings.quote", [CelScalar.STRING], CelScalar.STRING, (text) => quote(text)),
  celMethod("slice", DYN_LIST, [CelScalar.INT, CelScalar.INT], DYN_LIST, function (start, end) {
    const all = items(this);
    if (start < 0n || end < 0n) {
      throw new Error(`cannot slice(${start}, ${end}), negative indexes not supported`);
    }
    if (start > end) {
      throw new Error(
        `cannot slice(${start}, ${end}), start index must be less than or equal to end index`,
      );
    }
    if (BigInt(all.length) < end) {
      throw new Error(`cannot slice(${start}, ${end}), list is length ${all.length}`);
    }
    return all.slice(Number(start), Number(end)) as never;
  }),
  celMethod("flatten", DYN_LIST, [], DYN_LIST, function () {
    return flatten(items(this), 1) as never;
  }),
  celMethod("flatten", DYN_LIST, [CelScalar.INT], DYN_LIST, function (depth) {
    if (depth < 0n) throw new Error("level must be non-negative");
    return flatten(items(this), Number(depth)) as never;
  }),
  celMethod("distinct", DYN_LIST, [], DYN_LIST, function () {
    // Scalars by a key (linear, whatever the list's length); lists and maps by comparison.
    const out: unknown[] = [];
    const seen = new Set<string>();
    for (const item of items(this)) {
      const key = scalarKey(item);
      if (key === undefined ? contains(out, item) : seen.has(key)) continue;
      if (key !== undefined) seen.add(key);
      out.push(item);
    }
    return out as never;
  }),
  celMethod("reverse", DYN_LIST, [], DYN_LIST, function () {
    return items(this).reverse() as never;
  }),
  celMethod("sort", DYN_LIST, [], DYN_LIST, function () {
    const all = items(this);
    const kinds = new Set(all.map(sortKey));
    if (kinds.has("other")) throw new Error("list elements must be comparable");
    if (kinds.size > 1) throw new Error("list elements must have the same type");
    return all.sort(compare) as never;
  }),
];
