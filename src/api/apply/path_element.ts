// Path elements of field sets, their total order and their FieldsV1 keys, after structured-merge-diff's fieldpath.
//
// A path element selects a child: a field name (`f:`), a map-list item by its keys (`k:`), a set item
// by its value (`v:`), or an index (`i:`). Each carries its FieldsV1 key (`s`), which is also its
// identity: two elements are equal exactly when their keys are (keys are sorted by name, numbers
// print one way in JavaScript).

/** JSON data as decoded: what objects, applied configurations and keys hold. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A path element: its kind, what it selects, and its FieldsV1 key. */
export type PathElement =
  | { readonly t: "f"; readonly name: string; readonly s: string }
  | { readonly t: "k"; readonly key: readonly (readonly [string, Json])[]; readonly s: string }
  | { readonly t: "v"; readonly value: Json; readonly s: string }
  | { readonly t: "i"; readonly index: number; readonly s: string };

const fieldCache = new Map<string, PathElement>();

/** A field-name element (`f:name`), shared per name: most names repeat across every object. */
export function fieldElement(name: string): PathElement {
  let pe = fieldCache.get(name);
  if (pe === undefined) {
    pe = { t: "f", name, s: `f:${name}` };
    if (fieldCache.size < 10_000) fieldCache.set(name, pe);
  }
  return pe;
}

/** A map-list item element (`k:{"name":"c"}`) from its key fields; they are sorted by name. */
export function keyElement(fields: readonly (readonly [string, Json])[]): PathElement {
  // A schema's key fields mostly come sorted already (`containerPort`, `protocol`): copied and
  // sorted only when they are not.
  const key = sortedByName(fields)
    ? fields
    : [...fields].sort((a, b) => compareStrings(a[0], b[0]));
  let body = "";
  for (let i = 0; i < key.length; i++) {
    body += `${i > 0 ? "," : ""}${keyNameJson(key[i][0])}:${goJson(key[i][1])}`;
  }
  return { t: "k", key, s: `k:{${body}}` };
}

function sortedByName(fields: readonly (readonly [string, Json])[]): boolean {
  for (let i = 1; i < fields.length; i++) {
    if (compareStrings(fields[i - 1][0], fields[i][0]) > 0) return false;
  }
  return true;
}

// Key field names are a schema's few (`name`, `containerPort`, `protocol`): their text is kept.
const keyNameText = new Map<string, string>();

function keyNameJson(name: string): string {
  let text = keyNameText.get(name);
  if (text === undefined) {
    text = goJson(name);
    if (keyNameText.size < 1024 && name.length <= 256) keyNameText.set(name, text);
  }
  return text;
}

/** A set item element (`v:"a"`). */
export function valueElement(value: Json): PathElement {
  return { t: "v", value, s: `v:${goJson(value)}` };
}

/** An index element (`i:0`). */
export function indexElement(index: number): PathElement {
  return { t: "i", index, s: `i:${index}` };
}

const KIND_ORDER = { f: 0, k: 1, v: 2, i: 3 } as const;

/** The order of path elements: field names, then keys, then values, then indexes (`PathElement.Compare`). */
export function comparePathElements(a: PathElement, b: PathElement): number {
  if (a === b) return 0;
  if (a.t !== b.t) return KIND_ORDER[a.t] - KIND_ORDER[b.t];
  switch (a.t) {
    case "f":
      return compareStrings(a.name, (b as typeof a).name);
    case "k": {
      const l = a.key, r = (b as typeof a).key;
      for (let i = 0;; i++) {
        if (i >= l.length && i >= r.length) return 0;
        if (i >= l.length) return -1;
        if (i >= r.length) return 1;
        const c = compareStrings(l[i][0], r[i][0]) || compareValues(l[i][1], r[i][1]);
        if (c !== 0) return c;
      }
    }
    case "v":
      return compareValues(a.value, (b as typeof a).value);
    case "i":
      return Math.sign(a.index - (b as typeof a).index);
  }
}

/** How a path element prints in conflict messages (`.name`, `[name="c"]`, `[="a"]`, `[0]`). */
export function pathElementString(pe: PathElement): string {
  switch (pe.t) {
    case "f":
      return `.${pe.name}`;
    case "k":
      return `[${pe.key.map(([n, v]) => `${n}=${valueString(v)}`).join(",")}]`;
    case "v":
      return `[=${valueString(pe.value)}]`;
    case "i":
      return `[${pe.index}]`;
  }
}

/** A path as structured-merge-diff prints it (`.spec.containers[name="c"].image`). */
export function pathString(path: readonly PathElement[]): string {
  return path.map(pathElementString).join("");
}

// value.ToString: strings as Go's %q, lists bracketed, maps as k=v run together.
function valueString(v: Json): string {
  if (v === null) return "null";
  if (typeof v === "string") return goJson(v);
  if (typeof v !== "object") return String(v);
  if (Array.isArray(v)) return `[${v.map(valueString).join(",")}]`;
  return Object.keys(v).sort(compareStrings).map((k) => `${k}=${valueString(v[k])}`).join("");
}

/** Byte order of the UTF-8 encodings, as Go's `strings.Compare` (code points, not UTF-16 units). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  // At the first unit that differs, UTF-16 order is code point order unless one unit is a
  // surrogate (a code point above U+FFFF) and the other a unit from U+E000 up. One pass over the
  // common prefix, no regular expression per comparison (sorting keys is what calls this most).
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    if (x < 0xd800 && y < 0xd800) return x < y ? -1 : 1;
    // A surrogate sorts after every BMP unit in UTF-8.
    const xs = x >= 0xd800 && x <= 0xdfff, ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

// value.Compare's type order: numbers, strings, bools, lists, maps, null.
function typeRank(v: Json): number {
  if (typeof v === "number") return 0;
  if (typeof v === "string") return 1;
  if (typeof v === "boolean") return 2;
  if (Array.isArray(v)) return 3;
  if (v !== null) return 4;
  return 5;
}

/** The total order of values (`value.Compare`): by type, then by content. */
export function compareValues(a: Json, b: Json): number {
  const ra = typeRank(a), rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 0:
      return Math.sign((a as number) - (b as number));
    case 1:
      return compareStrings(a as string, b as string);
    case 2:
      return a === b ? 0 : a ? 1 : -1;
    case 3: {
      const l = a as Json[], r = b as Json[];
      for (let i = 0; i < l.length && i < r.length; i++) {
        const c = compareValues(l[i], r[i]);
        if (c !== 0) return c;
      }
      return Math.sign(l.length - r.length);
    }
    case 4: {
      // Maps compare by sorted keys, then values, then size (value.MapCompare).
      const l = a as Record<string, Json>, r = b as Record<string, Json>;
      const lk = Object.keys(l).sort(compareStrings), rk = Object.keys(r).sort(compareStrings);
      for (let i = 0; i < lk.length && i < rk.length; i++) {
        const c = compareStrings(lk[i], rk[i]) || compareValues(l[lk[i]], r[rk[i]]);
        if (c !== 0) return c;
      }
      return Math.sign(lk.length - rk.length);
    }
  }
  return 0;
}

/** Deep equality of JSON values (`value.Equals`; key order does not matter). */
export function equalValues(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equalValues(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ak = Object.keys(a);
  if (ak.length !== Object.keys(b).length) return false;
  for (const k of ak) if (!Object.hasOwn(b, k) || !equalValues(a[k], b[k])) return false;
  return true;
}

/**
 * JSON as Go's encoding/json (and jsoniter's standard config) writes it: map keys sorted, `<`, `>`,
 * `&`, U+2028 and U+2029 escaped.
 */
export function goJson(v: Json): string {
  if (v === null || typeof v !== "object") {
    const text = JSON.stringify(v);
    return typeof v === "string" ? escapeHtml(text) : text;
  }
  if (Array.isArray(v)) return `[${v.map(goJson).join(",")}]`;
  const keys = Object.keys(v).sort(compareStrings);
  return `{${keys.map((k) => `${goJson(k)}:${goJson(v[k])}`).join(",")}}`;
}

function escapeHtml(text: string): string {
  return /[<>&\u2028\u2029]/.test(text)
    ? text.replace(
      /[<>&\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    )
    : text;
}
