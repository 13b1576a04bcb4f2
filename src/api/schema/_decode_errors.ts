// How the type checks word their failures: the Go decoders' messages and where they stand.

import { goNumber } from "./go_values.ts";
import type { SchemaSource } from "./schema_source.ts";

/** Which upstream decoder a check speaks for (see type_check.ts). */
export type DecodeDialect = "json" | "unstructured";

/** Stops the walk: a custom unmarshaler failed (json), or any error (unstructured). */
export class Abort {
  constructor(readonly message: string) {}
}

/** One walk: its schema source, which decoder it speaks for, what it found so far. */
export interface Walk {
  readonly source: SchemaSource;
  readonly dialect: DecodeDialect;
  saved?: string;
  readonly unknown: string[];
  /** The literal text of numbers JSON.parse did not keep, per container and key. */
  readonly literals?: NumberLiteralsByHolder;
}

/** Per container (object or array) of a parsed body, key (an index as a string) → number literal. */
export type NumberLiteralsByHolder = Pick<WeakMap<object, ReadonlyMap<string, string>>, "get">;

/**
 * Where the decoder stands, as a chain built without strings: the strings a message needs (the
 * innermost struct's Go name, its JSON field stack, the strict path) are made only on failure.
 * Scalars get no link of their own: their parent's link and their key are passed alongside.
 */
export interface Place {
  readonly parent: Place | undefined;
  /** A struct field's JSON name, a map key, or a list index. */
  readonly key: string | number;
  /** Whether `key` is a struct field (the Go decoder's field stack holds only those). */
  readonly field: boolean;
  /** The Go name of the struct the innermost field belongs to. */
  readonly struct: string;
}

/** The Go decoder's field stack: struct fields only, dotted (`spec.containers.ports`). */
export function fieldStack(place: Place | undefined): string {
  let fields = "";
  for (let at = place; at; at = at.parent) {
    if (at.field) fields = fields ? `${at.key}.${fields}` : String(at.key);
  }
  return fields;
}

/** The path strict decoding names (`spec.containers[0].foo`). */
export function strictPath(place: Place | undefined): string {
  const keys: (string | number)[] = [];
  for (let at = place; at; at = at.parent) keys.push(at.key);
  let path = "";
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i];
    path += typeof key === "number" ? `[${key}]` : path ? `.${key}` : key;
  }
  return path;
}

/** A value of the wrong JSON type for a Go type of reflect kind `kind`. */
export function mismatch(walk: Walk, value: unknown, go: string, place: Place, kind: string): void {
  if (walk.dialect === "json") return save(walk, typeError(jsonKind(value), go, place));
  const source = sourceKind(value);
  switch (kind) {
    case "map":
      throw new Abort(`cannot restore map from ${source}`);
    case "slice":
      throw new Abort(`cannot restore slice from ${source}`);
    case "struct":
      throw new Abort(`cannot restore struct from: ${source}`);
  }
  // Simple kinds: JSON keeps bools, integers, floats and strings apart; Go converts int64 to
  // string, so that pair fails as a conversion, the others as an unrecognized destination.
  if (kind === "string" && source === "int64") throw new Abort(`cannot convert int64 to ${go}`);
  if (kind === "float64" && typeof value === "number") return;
  throw new Abort(`unrecognized type: ${kind}`);
}

/** A custom unmarshaler's inner json.Unmarshal failed: the outer decoder adds its context. */
export function customTypeError(walk: Walk, value: unknown, go: string, place: Place): string {
  if (walk.dialect === "unstructured") {
    return `json: cannot unmarshal ${jsonKind(value)} into Go value of type ${go}`;
  }
  // Into a string Go names the JSON kind only; into an integer, the number too.
  const literal = typeof value === "number" && go !== "string";
  const what = literal ? `number ${goNumber(value as number)}` : jsonKind(value);
  return typeError(what, go, place);
}

/** encoding/json's UnmarshalTypeError text, with the field when there is one. */
export function typeError(what: string, go: string, place: Place): string {
  const fields = fieldStack(place);
  return fields
    ? `json: cannot unmarshal ${what} into Go struct field ${place.struct}.${fields} of type ${go}`
    : `json: cannot unmarshal ${what} into Go value of type ${go}`;
}

/** Keeps the first saved error, as encoding/json's decodeState.saveError. */
export function save(walk: Walk, message: string): void {
  walk.saved ??= message;
}

/** Stops the walk with a custom unmarshaler's error, if any. */
export function abortIf(message: string | undefined): void {
  if (message !== undefined) throw new Abort(message);
}

// The JSON value kinds encoding/json names in its errors.
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (typeof value === "boolean") return "bool";
  return typeof value === "object" ? "object" : typeof value;
}

// The reflect kind of a value decoded into interface{} with ints preserved (apimachinery's maps).
function sourceKind(value: unknown): string {
  if (Array.isArray(value)) return "slice";
  if (typeof value === "object") return "map";
  if (typeof value === "number") return Number.isInteger(value) ? "int64" : "float64";
  return typeof value === "boolean" ? "bool" : "string";
}
