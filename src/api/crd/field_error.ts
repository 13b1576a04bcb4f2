// apimachinery's field.Error as kube-apiserver prints it, per Kubernetes minor (the wording moved).
//
// Source: k8s.io/apimachinery pkg/util/validation/field/errors.go at v0.29.0 to v0.36.0
// (`ErrorBody`, `TooLong`, `TooMany`, `NotSupported`) and pkg/api/errors `NewInvalid`.

import { goJson } from "../../encoding/mod.ts";

/** apimachinery's field.ErrorType, as the `reason` of a Status cause. */
export type FieldErrorType =
  | "FieldValueRequired"
  | "FieldValueInvalid"
  | "FieldValueTypeInvalid"
  | "FieldValueNotSupported"
  | "FieldValueTooLong"
  | "FieldValueTooMany"
  | "FieldValueDuplicate"
  | "FieldValueForbidden";

/** The value is not printed (apimachinery's `omitValue`). */
export const OMIT_VALUE: unique symbol = Symbol("omitValue");

/** A value printed with Go's %#v syntax before 1.34 (and as its JSON since). */
export interface GoPrintable {
  goSyntax(): string;
}

/** One field error: its type, path, offending value and detail. */
export interface FieldError {
  readonly type: FieldErrorType;
  readonly field: string;
  readonly value?: unknown;
  readonly detail?: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueRequired: "Required value",
  FieldValueInvalid: "Invalid value",
  FieldValueTypeInvalid: "Invalid value",
  FieldValueNotSupported: "Unsupported value",
  FieldValueTooLong: "Too long",
  FieldValueTooMany: "Too many",
  FieldValueDuplicate: "Duplicate value",
  FieldValueForbidden: "Forbidden",
};

const VALUELESS = new Set<FieldErrorType>([
  "FieldValueRequired",
  "FieldValueForbidden",
  "FieldValueTooLong",
]);

/** `field.TooLong(path, _, max)`: "must have at most" before 1.32, "may not be more than" since. */
export function tooLong(field: string, max: number, minor: number): FieldError {
  const detail = minor < 32
    ? `must have at most ${max} bytes`
    : `may not be more than ${max} ${minor >= 34 && max === 1 ? "byte" : "bytes"}`;
  return { type: "FieldValueTooLong", field, value: OMIT_VALUE, detail };
}

/** `field.TooMany(path, actual, max)`. */
export function tooMany(field: string, actual: number, max: number): FieldError {
  const detail = `must have at most ${max} ${max === 1 ? "item" : "items"}`;
  return { type: "FieldValueTooMany", field, value: actual, detail };
}

/** `field.NotSupported(path, value, valid)`: each valid value quoted. */
export function notSupported(field: string, value: unknown, valid: readonly string[]): FieldError {
  const detail = valid.length > 0
    ? `supported values: ${valid.map((v) => JSON.stringify(v)).join(", ")}`
    : undefined;
  return { type: "FieldValueNotSupported", field, value, detail };
}

/** `Error.ErrorBody()`: the type, the value as apimachinery prints it, and the detail. */
export function errorBody(error: FieldError, minor: number): string {
  let text = TYPE_TEXT[error.type];
  // Before 1.34, TooLong printed its value too; TooLong's value is always omitted by its callers
  // in apiextensions, so only the omitted marker matters.
  if (!VALUELESS.has(error.type) && error.value !== OMIT_VALUE) {
    text += `: ${printValue(error.value, minor)}`;
  }
  if (error.detail) text += `: ${error.detail}`;
  return text;
}

/** `Error.Error()`: `<field>: <body>`. */
export function errorText(error: FieldError, minor: number): string {
  return `${error.field}: ${errorBody(error, minor)}`;
}

/**
 * `NewInvalid(kind, name, errs).ErrStatus.Message`: one error bare, several in brackets, duplicates
 * dropped (as `ToAggregate`).
 */
export function invalidMessage(
  qualifiedKind: string,
  name: string,
  errors: readonly FieldError[],
  minor: number,
): string {
  const texts = [...new Set(errors.map((error) => errorText(error, minor)))];
  const head = `${qualifiedKind} ${JSON.stringify(name)} is invalid`;
  if (texts.length === 0) return head;
  return `${head}: ${texts.length === 1 ? texts[0] : `[${texts.join(", ")}]`}`;
}

// Simple values with %v/%q; before 1.34 composite values were printed with Go's %#v, since
// then as JSON.
function printValue(value: unknown, minor: number): string {
  if (value === null || value === undefined) return minor >= 34 ? "null" : '"null"';
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return goFloat(value);
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  // json.Marshal: HTML-safe (`>` as \u003e), as in a rule's text.
  if (minor >= 34) return goJson(value, JSON.stringify(value));
  if (typeof (value as Partial<GoPrintable>).goSyntax === "function") {
    return (value as GoPrintable).goSyntax();
  }
  return goSyntax(value);
}

/** A number as Go's `%v` prints an int64 or float64 (`1e+06` for a large float). */
export function goFloat(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent < -4 || exponent >= 21) {
    return value.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
  }
  return String(value);
}

// Go's %#v of unstructured content (map[string]interface {} and []interface {}).
function goSyntax(value: unknown): string {
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSyntaxElement).join(", ")}}`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.keys(value).sort().map((key) =>
      `${JSON.stringify(key)}:${goSyntaxElement((value as Record<string, unknown>)[key])}`
    );
    return `map[string]interface {}{${entries.join(", ")}}`;
  }
  return String(value);
}

function goSyntaxElement(value: unknown): string {
  if (value === null || value === undefined) return "interface {}(nil)";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    return Number.isInteger(value) ? `${value}` : `${goFloat(value)}`;
  }
  return goSyntax(value);
}
