// Checks a decoded object of a built-in kind against its schema, as kube-apiserver's Go decoding would.
//
// kube-apiserver never validates built-in kinds against OpenAPI: it decodes them into Go structs,
// and a value of the wrong type is that decoder's error. Two decoders are modelled, each worded as
// upstream words it:
// - "json": request bodies (create, update) and JSON/merge patch results, decoded by
//   sigs.k8s.io/json (Go's encoding/json, case-sensitive): `json: cannot unmarshal array into Go
//   struct field ConfigMap.data of type map[string]string`. Type errors are saved and decoding
//   goes on (the first one is reported); custom unmarshalers (Quantity, Time, IntOrString) stop it.
// - "unstructured": strategic merge patch results, converted by apimachinery's
//   `DefaultUnstructuredConverter.FromUnstructuredWithValidation` (`cannot restore map from slice`),
//   which stops at the first error.
// Fields the struct does not have are removed (typed decoding drops them) and reported with the
// path strict decoding names (`spec.containers[0].foo`). Quantities are rewritten in their
// canonical form (`1000m` is `1`, a number `0.5` is `"500m"`): Go keeps the parsed value and
// marshals its String(), so that is what kube-apiserver stores and answers.

import {
  base64Error,
  durationError,
  goNumber,
  QUANTITY_FORMAT_ERROR,
  quantityError,
  RFC3339,
  RFC3339_MICRO,
  timeError,
} from "./go_values.ts";
import type { SchemaSource, StructSchema } from "./schema_source.ts";
import type { FieldEntry } from "./schema_table.ts";
import { canonicalQuantity } from "../../protobuf/mod.ts";
import {
  Abort,
  abortIf,
  customTypeError,
  type DecodeDialect,
  mismatch,
  type NumberLiteralsByHolder,
  type Place,
  save,
  strictPath,
  typeError,
  type Walk,
} from "./_decode_errors.ts";

export type { DecodeDialect, NumberLiteralsByHolder };

/** What decoding would make of an object. */
export interface TypeCheckResult {
  /** The decoder's error, as upstream words it; undefined when the object decodes. */
  readonly error?: string;
  /** Fields the schema does not know, removed from the object (`unknown field` paths). */
  readonly unknownFields: readonly string[];
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_LIMIT = 9223372036854775808;

/**
 * Checks `object` against the struct `schema` of `source`, removing unknown fields in place, and
 * answers what the given upstream decoder would report. Parts of `object` that are the very
 * values of `previous` (the stored object a patch started from, which shares what it leaves
 * alone) were checked when stored and are skipped, so a patch costs what it changes. `literals`
 * holds the text of numbers JSON.parse did not keep (`1.0`, `1e400`), read as Go reads them.
 */
export function checkTypes(
  source: SchemaSource,
  schema: StructSchema,
  object: Record<string, unknown>,
  dialect: DecodeDialect = "json",
  previous?: unknown,
  literals?: NumberLiteralsByHolder,
): TypeCheckResult {
  const walk: Walk = { source, dialect, unknown: [], literals };
  try {
    checkStruct(walk, schema, object, undefined, previous);
  } catch (error) {
    if (!(error instanceof Abort)) throw error;
    return { error: error.message, unknownFields: walk.unknown };
  }
  return walk.saved === undefined
    ? { unknownFields: walk.unknown }
    : { error: walk.saved, unknownFields: walk.unknown };
}

// Per struct schema, its known fields last met by position (only the schema's own names, densely,
// at most SEEN_KEPT): a key equal to the one there needs neither of the schema's look-ups.
const seenFields = new WeakMap<StructSchema, { keys: string[]; entries: FieldEntry[] }>();
const SEEN_KEPT = 256;

function checkStruct(
  walk: Walk,
  schema: StructSchema,
  object: Record<string, unknown>,
  parent: Place | undefined,
  previous: unknown,
): void {
  const { fields, goName } = schema;
  const before = isRecord(previous) ? previous : undefined;
  let seen = seenFields.get(schema);
  if (seen === undefined) seenFields.set(schema, seen = { keys: [], entries: [] });
  const literals = walk.literals?.get(object);
  let at = 0;
  for (const key in object) {
    // The field last met at this position by a struct of the schema first (objects of one kind
    // hold the same keys in the same order), else the schema's look-ups.
    let entry: FieldEntry;
    if (seen.keys[at] === key) entry = seen.entries[at];
    else if (!Object.hasOwn(fields, key)) {
      walk.unknown.push(strictPath({ parent, key, field: true, struct: goName }));
      delete object[key];
      continue;
    } else {
      entry = fields[key];
      if (at <= seen.keys.length && at < SEEN_KEPT) {
        seen.keys[at] = key;
        seen.entries[at] = entry;
      }
    }
    at++;
    const value = object[key];
    // What the stored object already holds was decoded when it was written.
    if (value === null || (before !== undefined && value === before[key])) continue;
    const literal = literals?.get(key);
    if (literal !== undefined) {
      const place = { parent, key, field: true, struct: goName };
      if (checkLiteral(walk, literal, object, key, entry[0], entry[1], place)) continue;
    }
    checkValue(walk, value, entry[0], entry[1], parent, key, true, goName, before?.[key]);
    if (entry[0] === "quantity") canonicalizeQuantity(object, key);
  }
}

// A decoded Quantity as Go marshals it again (its value was checked: it parses).
function canonicalizeQuantity(
  container: Record<string, unknown> | unknown[],
  key: string | number,
) {
  const slots = container as Record<string | number, unknown>;
  const value = slots[key];
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string") return;
  const canonical = canonicalQuantity(text);
  if (canonical !== undefined && canonical !== value) slots[key] = canonical;
}

// `go` is the value's Go type when the table spells it, else undefined or "" (implied by `code`,
// and only worked out when a message needs it).
function checkValue(
  walk: Walk,
  value: unknown,
  code: string,
  go: string | undefined,
  parent: Place | undefined,
  key: string | number,
  field: boolean,
  struct: string,
  previous: unknown,
): void {
  if (value === null || value === previous) return;
  switch (code.charCodeAt(0)) {
    case 91: // [
      return checkList(walk, value, code, go, { parent, key, field, struct }, previous);
    case 123: // {
      return checkMap(walk, value, code, go, { parent, key, field, struct }, previous);
    case 35: { // #
      const place = { parent, key, field, struct };
      if (typeof value !== "object" || Array.isArray(value)) {
        return mismatch(walk, value, goOf(walk, code, go), place, "struct");
      }
      const schema = walk.source.structOf(code);
      if (schema) checkStruct(walk, schema, value as Record<string, unknown>, place, previous);
      return;
    }
  }
  switch (code) {
    case "string":
      if (typeof value === "string") return;
      break;
    case "bool":
      if (typeof value === "boolean") return;
      break;
    case "float64":
      if (typeof value === "number") return;
      break;
    case "int32":
      if (typeof value === "number" && value >= INT32_MIN && value <= INT32_MAX) {
        if (Number.isInteger(value)) return;
      }
      break;
    case "int64":
      if (typeof value === "number" && Number.isInteger(value) && Math.abs(value) < INT64_LIMIT) {
        return;
      }
      break;
    case "any":
      return;
  }
  checkScalar(walk, value, code, go, { parent, key, field, struct });
}

function checkList(
  walk: Walk,
  value: unknown,
  code: string,
  go: string | undefined,
  place: Place,
  previous: unknown,
): void {
  if (!Array.isArray(value)) return mismatch(walk, value, goOf(walk, code, go), place, "slice");
  const element = code.slice(1);
  const elementGoType = go ? elementGo(splitNamed(go)[1], "[]") : undefined;
  const { struct } = place;
  const before = Array.isArray(previous) ? previous : undefined;
  const literals = walk.literals?.get(value);
  for (let i = 0; i < value.length; i++) {
    const literal = literals?.get(String(i));
    if (literal !== undefined) {
      const at = { parent: place, key: i, field: false, struct };
      if (checkLiteral(walk, literal, value, i, element, elementGoType, at)) continue;
    }
    checkValue(walk, value[i], element, elementGoType, place, i, false, struct, before?.[i]);
    if (element === "quantity") canonicalizeQuantity(value, i);
  }
}

function checkMap(
  walk: Walk,
  value: unknown,
  code: string,
  go: string | undefined,
  place: Place,
  previous: unknown,
): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return mismatch(walk, value, goOf(walk, code, go), place, "map");
  }
  const element = code.slice(1);
  const elementGoType = go ? elementGo(splitNamed(go)[1], "map") : undefined;
  const record = value as Record<string, unknown>;
  const { struct } = place;
  const before = isRecord(previous) ? previous : undefined;
  const literals = walk.literals?.get(record);
  for (const key in record) {
    const literal = literals?.get(key);
    if (literal !== undefined) {
      const at = { parent: place, key, field: false, struct };
      if (checkLiteral(walk, literal, record, key, element, elementGoType, at)) continue;
    }
    checkValue(walk, record[key], element, elementGoType, place, key, false, struct, before?.[key]);
    if (element === "quantity") canonicalizeQuantity(record, key);
  }
}

// The Go type a message names: the table's spelling (a named type's name) or the implied one.
function goOf(walk: Walk, code: string, go: string | undefined): string {
  return go ? splitNamed(go)[0] : walk.source.impliedGoType(code);
}

// A scalar the fast checks in checkValue did not accept: a mismatch, or a type Go parses.
function checkScalar(
  walk: Walk,
  value: unknown,
  code: string,
  goType: string | undefined,
  place: Place,
): void {
  switch (code) {
    case "string":
    case "bool":
    case "float64":
      return mismatch(walk, value, goOf(walk, code, goType), place, code);
    case "int32":
    case "int64":
      return checkInteger(walk, value, code, goOf(walk, code, goType), place);
    case "byte":
      return checkBytes(walk, value, place);
    case "quantity":
      if (typeof value === "number") return;
      if (typeof value !== "string") throw new Abort(QUANTITY_FORMAT_ERROR);
      return abortIf(quantityError(value));
    case "intstr":
      if (typeof value === "string") return;
      if (typeof value === "number" && Number.isInteger(value)) {
        if (value >= INT32_MIN && value <= INT32_MAX) return;
      }
      // IntOrString.UnmarshalJSON decodes anything but a string into its int32.
      throw new Abort(customTypeError(walk, value, "int32", place));
    case "time":
    case "microtime":
    case "duration": {
      if (typeof value !== "string") throw new Abort(customTypeError(walk, value, "string", place));
      if (code === "duration") return abortIf(durationError(value));
      return abortIf(timeError(value, code === "time" ? RFC3339 : RFC3339_MICRO));
    }
  }
}

// A number whose literal JSON.parse did not keep (`1.0`, `1e2`, `1e400`, 20 digits), decoded from
// that text as encoding/json's literalStore does: an integer kind takes what strconv.ParseInt
// takes and its width holds, a float64 what strconv.ParseFloat takes; a Quantity parses the
// text, an IntOrString unmarshals it into its int32. Answers false for the kinds that read no
// literal (a mismatch is worded the same without it).
function checkLiteral(
  walk: Walk,
  literal: string,
  container: Record<string, unknown> | unknown[],
  key: string | number,
  code: string,
  goType: string | undefined,
  place: Place,
): boolean {
  switch (code) {
    case "int32":
    case "int64":
      if (!integerFits(literal, code === "int32" ? 32n : 64n)) {
        save(walk, typeError(`number ${literal}`, goOf(walk, code, goType), place));
      }
      return true;
    case "float64":
      if (!Number.isFinite(Number(literal))) {
        save(walk, typeError(`number ${literal}`, goOf(walk, code, goType), place));
      }
      return true;
    case "quantity": {
      abortIf(quantityError(literal));
      const canonical = canonicalQuantity(literal);
      if (canonical !== undefined) (container as Record<string | number, unknown>)[key] = canonical;
      return true;
    }
    case "intstr":
      // IntOrString.UnmarshalJSON: json.Unmarshal(value, &intstr.IntVal).
      if (!integerFits(literal, 32n)) {
        throw new Abort(typeError(`number ${literal}`, "int32", place));
      }
      return true;
  }
  return false;
}

// strconv.ParseInt(literal, 10, 64) succeeds and the value fits a signed integer of `bits`.
function integerFits(literal: string, bits: bigint): boolean {
  if (!/^-?\d+$/.test(literal)) return false;
  const value = BigInt(literal);
  const limit = 1n << (bits - 1n);
  return value >= -limit && value < limit;
}

// An integer field given a non-integer, or one out of its width's range.
function checkInteger(walk: Walk, value: unknown, code: string, go: string, place: Place): void {
  if (typeof value !== "number") return mismatch(walk, value, go, place, code);
  if (walk.dialect === "unstructured") {
    // The converter truncates integers into any width; only fractions fail.
    if (!Number.isInteger(value)) throw new Abort(`cannot convert float64 to ${go}`);
    return;
  }
  save(walk, typeError(`number ${goNumber(value)}`, go, place));
}

function checkBytes(walk: Walk, value: unknown, place: Place): void {
  if (typeof value === "string") {
    const error = base64Error(value);
    // encoding/json saves a base64 error without the field (it is not an UnmarshalTypeError).
    if (error) {
      if (walk.dialect === "unstructured") throw new Abort(`error decoding from json: ${error}`);
      save(walk, error);
    }
    return;
  }
  if (Array.isArray(value)) {
    // A list of numbers decodes too, each a uint8.
    const go = "uint8";
    for (const byte of value) {
      if (byte === null) continue;
      if (typeof byte !== "number") mismatch(walk, byte, go, place, go);
      else if (!Number.isInteger(byte) || byte < 0 || byte > 255) {
        if (walk.dialect === "unstructured") throw new Abort(`cannot convert float64 to ${go}`);
        save(walk, typeError(`number ${goNumber(byte)}`, go, place));
      }
    }
    return;
  }
  mismatch(walk, value, "[]uint8", place, "slice");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// `v1.ResourceList=map[v1.ResourceName]resource.Quantity` → the name and its underlying type.
function splitNamed(go: string): [string, string] {
  const at = go.indexOf("=");
  return at < 0 ? [go, go] : [go.slice(0, at), go.slice(at + 1)];
}

// The Go type of a list's or map's elements, pointers dereferenced as the decoder does.
function elementGo(go: string, composite: "[]" | "map"): string | undefined {
  if (composite === "[]") return go.startsWith("[]") ? go.slice(2).replace(/^\*/, "") : undefined;
  if (!go.startsWith("map[")) return undefined;
  let depth = 0;
  for (let i = 3; i < go.length; i++) {
    if (go[i] === "[") depth++;
    else if (go[i] === "]" && --depth === 0) return go.slice(i + 1).replace(/^\*/, "");
  }
  return undefined;
}
