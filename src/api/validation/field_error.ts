// Field errors as apimachinery's `field.Error`: a type, a path, a bad value and a detail, worded per minor.
//
// The wording follows k8s.io/apimachinery pkg/util/validation/field/errors.go of each minor:
// `TooLong` says "must have at most N bytes" up to v0.31 and "may not be more than N bytes" from
// v0.32; values other than strings, numbers and booleans print with Go's `%#v` up to v0.33 and as
// JSON from v0.34 (`ErrorBody`).

import { goJson, goQuote } from "../../encoding/mod.ts";

/** Go's `%q` of a string (`strconv.Quote`), as validation messages print values. */
export { goQuote };

/** `field.ErrorType`, the `reason` of a `StatusCause`. */
export type FieldErrorType =
  | "FieldValueRequired"
  | "FieldValueInvalid"
  | "FieldValueForbidden"
  | "FieldValueNotSupported"
  | "FieldValueTooLong"
  | "FieldValueDuplicate"
  | "FieldValueNotFound";

/** A value that prints differently in Go's `%#v` (up to v1.33) and as JSON (from v1.34). */
export interface GoValue {
  /** The `%#v` text of the Go value validation saw. */
  readonly go: string;
  /** What `json.Marshal` makes of it. */
  readonly json: unknown;
}

/** One validation failure, as `field.Error`. */
export interface FieldError {
  readonly type: FieldErrorType;
  /** The field path as `field.Path.String()` prints it (`spec.containers[0].image`). */
  readonly field: string;
  /** The bad value, shown by Invalid, NotSupported and Duplicate. */
  readonly value?: string | number | boolean | null | GoValue;
  readonly detail: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueRequired: "Required value",
  FieldValueInvalid: "Invalid value",
  FieldValueForbidden: "Forbidden",
  FieldValueNotSupported: "Unsupported value",
  FieldValueTooLong: "Too long",
  FieldValueDuplicate: "Duplicate value",
  FieldValueNotFound: "Not found",
};

/** `field.Required(path, detail)`. */
export function required(field: string, detail = ""): FieldError {
  return { type: "FieldValueRequired", field, detail };
}

/** `field.Invalid(path, value, detail)`. */
export function invalid(field: string, value: FieldError["value"], detail: string): FieldError {
  return { type: "FieldValueInvalid", field, value, detail };
}

/** `field.Forbidden(path, detail)`. */
export function forbidden(field: string, detail: string): FieldError {
  return { type: "FieldValueForbidden", field, detail };
}

/** `field.Duplicate(path, value)`. */
export function duplicate(field: string, value: FieldError["value"], detail = ""): FieldError {
  return { type: "FieldValueDuplicate", field, value, detail };
}

/** `field.NotSupported(path, value, validValues)`: the supported values quoted, in the given order. */
export function notSupported(
  field: string,
  value: FieldError["value"],
  supported: readonly string[],
): FieldError {
  const detail = supported.length
    ? `supported values: ${supported.map((v) => JSON.stringify(v)).join(", ")}`
    : "";
  return { type: "FieldValueNotSupported", field, value, detail };
}

/** `field.TooLong(path, _, max)`, worded as the minor's apimachinery words it. */
export function tooLong(field: string, max: number, minor: number): FieldError {
  const unit = minor >= 34 && max === 1 ? "byte" : "bytes";
  const detail = minor >= 32
    ? `may not be more than ${max} ${unit}`
    : `must have at most ${max} bytes`;
  return { type: "FieldValueTooLong", field, detail };
}

/** `field.Error.ErrorBody()`: the type, the value where it is shown, the detail. */
export function errorBody(error: FieldError, minor: number): string {
  let text = TYPE_TEXT[error.type];
  const shown = error.type === "FieldValueInvalid" || error.type === "FieldValueNotSupported" ||
    error.type === "FieldValueDuplicate" || error.type === "FieldValueNotFound";
  if (shown) text += `: ${showValue(error.value, minor)}`;
  return error.detail ? `${text}: ${error.detail}` : text;
}

/** `field.Error.Error()`: `<field>: <body>`. */
export function errorText(error: FieldError, minor: number): string {
  return `${error.field}: ${errorBody(error, minor)}`;
}

/** `ErrorList.ToAggregate().Error()`: repeated texts once, one bare, several in brackets. */
export function aggregateText(errors: readonly FieldError[], minor: number): string {
  const texts = [...new Set(errors.map((e) => errorText(e, minor)))];
  return texts.length === 1 ? texts[0] : `[${texts.join(", ")}]`;
}

function showValue(value: FieldError["value"], minor: number): string {
  if (value === undefined || value === null) return "null";
  if (typeof value === "string") return goQuote(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  // json.Marshal's text: HTML-safe escapes (`&&` in a command is `\u0026\u0026`), Go's key order.
  return minor >= 34 ? goJson(value.json, JSON.stringify(value.json)) : value.go;
}

/**
 * Appends `more` to `to` in place. Validators answer arrays that are nearly always empty; a spread
 * push (`to.push(...more)`) costs a variadic call even then, on every field of every write.
 */
export function appendErrors<T>(to: T[], more: readonly T[]): void {
  for (let i = 0; i < more.length; i++) to.push(more[i]);
}
