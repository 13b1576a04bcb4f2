// Events as kube-apiserver checks them (pkg/apis/core/validation/events.go, the same v1.29–v1.36):
// `legacyValidateEvent` for every Event (the involved object's namespace against the event's and,
// for an event with an eventTime, the reporting fields and their lengths in bytes, as Go's len
// counts), then, for one written through events.k8s.io/v1, `ValidateEventCreate`'s strict checks.
// Both read the internal core Event, so events.k8s.io fields are reported by their core names
// (`involvedObject`, `source`).

import { type FieldError, invalid, required } from "./field_error.ts";
import { byteLength, isQualifiedName } from "./formats.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const LIMITS = { reportingInstance: 128, action: 128, reason: 128, message: 1024 } as const;

/** `legacyValidateEvent` for a write through `/api/v1` (the field is `reportingComponent` there). */
export function validateCoreEvent(event: Loose, minor: number): FieldError[] {
  return legacyValidateEvent(event, minor, "reportingComponent");
}

/** `ValidateEventCreate` for an events.k8s.io/v1 Event (read as the core Event it converts to). */
export function validateEventsV1(event: Loose, minor: number): FieldError[] {
  const core = {
    metadata: event.metadata,
    eventTime: event.eventTime,
    involvedObject: event.regarding,
    reportingComponent: event.reportingController,
    reportingInstance: event.reportingInstance,
    action: event.action,
    reason: event.reason,
    message: event.note,
  };
  const errors = legacyValidateEvent(core, minor, "reportingController");
  const series = event.series;
  if (series && typeof series === "object") {
    if (!(typeof series.count === "number" && series.count >= 2)) {
      errors.push(invalid("series.count", "", "should be at least 2"));
    }
    if (!series.lastObservedTime) errors.push(required("series.lastObservedTime"));
  }
  if (!event.eventTime) errors.push(required("eventTime"));
  if (event.type !== "Normal" && event.type !== "Warning") {
    errors.push(invalid("type", "", `has invalid value: ${text(event.type)}`));
  }
  if (event.deprecatedFirstTimestamp) {
    errors.push(invalid("firstTimestamp", "", "needs to be unset"));
  }
  if (event.deprecatedLastTimestamp) errors.push(invalid("lastTimestamp", "", "needs to be unset"));
  if (event.deprecatedCount) errors.push(invalid("count", "", "needs to be unset"));
  const source = event.deprecatedSource;
  if (text(source?.component) !== "" || text(source?.host) !== "") {
    errors.push(invalid("source", "", "needs to be unset"));
  }
  return errors;
}

function legacyValidateEvent(event: Loose, minor: number, controllerField: string): FieldError[] {
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
  if (controller === "") errors.push(required(controllerField));
  for (const message of isQualifiedName(controller, minor)) {
    errors.push(invalid(controllerField, controller, message));
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
