// JSON text of stored objects as kube-apiserver's encoder writes it (encoding/json's Encoder).
//
// Two things set Go's bytes apart from JSON.stringify's: encoding/json escapes `<`, `>` and `&`
// (HTML-safe output, `\u003c`...) and U+2028/U+2029 in every string, keys included; and a map
// with array-index keys ("0", "10") is written in Go's key order, which no JavaScript object can
// hold (see go_order.ts). Both are rare, so the text JSON.stringify made is checked and only
// rewritten when one of them occurs.

import { goCompare, isArrayIndexKey } from "./go_order.ts";

// A key that is a JavaScript array index, as it appears in JSON text. A string value can only
// match when an escaped quote precedes it, which merely takes the exact (still right) path.
const INDEX_KEY = /"(?:0|[1-9][0-9]*)":/;
const HTML_UNSAFE = /[<>&\u2028\u2029]/;
const HTML_UNSAFE_ALL = /[<>&\u2028\u2029]/g;
// What an index key's text needs at least: a cheap first test (JavaScriptCore scans a plain
// digit class several times faster than the alternation), the exact one only when it matches.
const DIGITS_KEY = /"\d+":/;
const ESCAPES: Readonly<Record<string, string>> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/**
 * Go's JSON of `value` given `text`, the JSON.stringify text of it: `text` itself unless a map
 * holds array-index keys or a string needs Go's HTML escapes.
 */
export function goJson(value: unknown, text: string): string {
  if (DIGITS_KEY.test(text) && INDEX_KEY.test(text)) text = goOrderedJson(value);
  if (HTML_UNSAFE.test(text)) text = text.replace(HTML_UNSAFE_ALL, (c) => ESCAPES[c]);
  return text;
}

/** Go's JSON of a string (or a number, boolean or null) given its JSON.stringify text. */
export function goScalarJson(text: string): string {
  return HTML_UNSAFE.test(text) ? text.replace(HTML_UNSAFE_ALL, (c) => ESCAPES[c]) : text;
}

/**
 * JSON.stringify's text of `value` with the keys of every object that holds an array-index key
 * in Go's order. Only maps hold such keys (Go struct fields are never numbers), and their other
 * keys are stored in Go's order already, so sorting the whole object is Go's order.
 */
export function goOrderedJson(value: unknown): string {
  return write(value) ?? "null";
}

function write(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === "function") return write(json.call(value));
  if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? "null").join(",")}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 0 && isArrayIndexKey(keys[0])) keys.sort(goCompare);
  let out = "";
  for (const key of keys) {
    const member = write(record[key]);
    if (member === undefined) continue;
    out += `${out ? "," : ""}${JSON.stringify(key)}:${member}`;
  }
  return `{${out}}`;
}
