// A core/v1 Event as kube-apiserver checks it (pkg/apis/core/validation/events.go
// legacyValidateEvent, the same v1.29–v1.36): the involved object's namespace against the event's,
// and, for an event with an eventTime, the reporting fields and their lengths (Go's len: bytes).

import { type FieldError, invalid, required } from "./field_error.ts";
import { byteLength, isQualifiedName } from "./formats.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const LIMITS = { reportingInstance: 128, action: 128, reason: 128, message: 1024 } as const;

/** `legacyValidateEvent` for a write through `/api/v1` (the field is `reportingComponent` there). */
export function validateCoreEvent(event: Loose, minor: number): FieldError[] {
  const errors: FieldError[] = [];
  const namespace = text(event.metadata?.namespace);
  const involved = text(event.involvedObject?.namespace);
  const mismatch = () =>
    errors.push(invalid("involvedObject.namespace", involved, "does not match event.namespace"));
  if (!event.eventTime) {
    if (involved === "" ? namespace !== "" && namespace !== "default" : namespace !== involved) {
      mismatch();
    }
    return errors;
  }
  if (involved === "" && namespace !== "default" && namespace !== "kube-system") mismatch();
  const controller = text(event.reportingComponent);
  if (controller === "") errors.push(required("reportingComponent"));
  for (const message of isQualifiedName(controller, minor)) {
    errors.push(invalid("reportingComponent", controller, message));
  }
  for (const field of ["reportingInstance", "action", "reason"] as const) {
    const value = text(event[field]);
    if (value === "") errors.push(required(field));
    if (byteLength(value) > LIMITS[field]) errors.push(tooMany(field));
  }
  if (byteLength(text(event.message)) > LIMITS.message) errors.push(tooMany("message"));
  return errors;
}

// Reported with an empty value, as upstream's `field.Invalid(path, "", ...)`.
function tooMany(field: keyof typeof LIMITS): FieldError {
  return invalid(field, "", `can have at most ${LIMITS[field]} characters`);
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}
