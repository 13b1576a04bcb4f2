// 422 Invalid answers for request options (ListOptions, DeleteOptions, PatchOptions), built as
// apimachinery's `errors.NewInvalid(schema.GroupKind{Group: "meta.k8s.io", Kind}, "", errs)` builds
// them from a `field.ErrorList`.

import { StatusError } from "./status_error.ts";

/** One apimachinery `field.Error`: its cause type, field path and `ErrorBody()` text. */
export interface OptionFieldError {
  readonly reason:
    | "FieldValueForbidden"
    | "FieldValueNotSupported"
    | "FieldValueInvalid"
    | "FieldValueRequired";
  readonly field: string;
  /** `ErrorBody()`: the type's words, the bad value, then the detail. */
  readonly message: string;
}

/** `field.Forbidden(path, detail)`. */
export function forbidden(field: string, detail: string): OptionFieldError {
  return { reason: "FieldValueForbidden", field, message: `Forbidden: ${detail}` };
}

/** `field.Required(path, detail)`. */
export function required(field: string, detail: string): OptionFieldError {
  return { reason: "FieldValueRequired", field, message: `Required value: ${detail}` };
}

/** `field.NotSupported(path, value, supported)` for a string value (`%q`, as Go prints it). */
export function notSupported(
  field: string,
  value: string,
  supported: readonly string[],
): OptionFieldError {
  const values = supported.map((s) => JSON.stringify(s)).join(", ");
  return {
    reason: "FieldValueNotSupported",
    field,
    message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${values}`,
  };
}

/** `field.Invalid(path, value, detail)` for a string value. */
export function invalid(field: string, value: string, detail: string): OptionFieldError {
  return {
    reason: "FieldValueInvalid",
    field,
    message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
  };
}

/**
 * The 422 for options of `kind` (`ListOptions`, `DeleteOptions`, ...): the message aggregates the
 * errors (`[a, b]` past one, as `utilerrors.NewAggregate` prints), each error is one cause.
 */
export function invalidOptions(kind: string, errors: readonly OptionFieldError[]): StatusError {
  const texts = errors.map((e) => `${e.field}: ${e.message}`);
  const aggregate = texts.length === 1 ? texts[0] : `[${texts.join(", ")}]`;
  return new StatusError(422, "Invalid", `${kind}.meta.k8s.io "" is invalid: ${aggregate}`, {
    group: "meta.k8s.io",
    kind,
    causes: errors.map(({ reason, message, field }) => ({ reason, message, field })),
  });
}

/**
 * `field.NotSupported("dryRun", dryRun, ["All"])` (`ValidateDryRun`) when a value is not `All`.
 * The `[]string` bad value prints as `%#v` (`[]string{"a"}`) until 1.33, as JSON (`["a"]`) from
 * 1.34 (apimachinery c58e197e "Nicer value rendering in API errors").
 */
export function dryRunErrors(
  dryRun: readonly string[],
  minor: number,
): OptionFieldError[] {
  if (dryRun.every((value) => value === "All")) return [];
  const value = minor >= 34
    ? JSON.stringify(dryRun)
    : `[]string{${dryRun.map((v) => JSON.stringify(v)).join(", ")}}`;
  return [{
    reason: "FieldValueNotSupported",
    field: "dryRun",
    message: `Unsupported value: ${value}: supported values: "All"`,
  }];
}

/**
 * A boolean query parameter as apimachinery converts it (`runtime.Convert_Slice_string_To_bool`):
 * absent is false; present, only "0" and "false" in any case are false, so `watch=True`,
 * `watch=yes` and a bare `watch` (the empty string) are all true.
 */
export function queryBool(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  // strings.EqualFold folds U+017F (long s) to "s" as well; no other letter of "false" has a twin.
  return value !== "0" && value.toLowerCase().replaceAll("\u017f", "s") !== "false";
}
