// Go's fmt renderings of a structured-merge-diff unstructured value (`*value.valueUnstructured`
// holding what encoding/json decoded: string, int64 or float64, bool, []interface{},
// map[string]interface{}), as smd's validation errors print them.

import type { Json } from "./path_element.ts";

/** `%v` of the value: `&{x}`, `&{[a b]}`, `&{map[a:1]}`. */
export function goValue(value: Json): string {
  return `&{${plain(value)}}`;
}

/** `%#v` of the value: `&value.valueUnstructured{Value:[]interface {}{"x"}}`. */
export function goSharpValue(value: Json): string {
  return `&value.valueUnstructured{Value:${sharp(value)}}`;
}

/** `%T` of the unstructured Go value: `string`, `bool`, `[]interface {}`, ... */
export function goType(value: Json): string {
  if (value === null) return "<nil>";
  if (Array.isArray(value)) return "[]interface {}";
  if (typeof value === "object") return "map[string]interface {}";
  if (typeof value === "number") return Number.isInteger(value) ? "int64" : "float64";
  return typeof value;
}

function plain(value: Json): string {
  if (value === null) return "<nil>";
  if (Array.isArray(value)) return `[${value.map(plain).join(" ")}]`;
  if (typeof value === "object") {
    return `map[${Object.keys(value).sort().map((k) => `${k}:${plain(value[k])}`).join(" ")}]`;
  }
  return String(value);
}

function sharp(value: Json): string {
  if (value === null) return "interface {}(nil)";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map(sharp).join(", ")}}`;
  if (typeof value === "object") {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${sharp(value[k])}`);
    return `map[string]interface {}{${entries.join(", ")}}`;
  }
  return String(value);
}
