// Watch options kube-apiserver rejects before streaming, with its 422 Invalid `Status` wording.

import type { WatchSpec } from "./watch_event.ts";

/** One `field.Error` of apimachinery: its cause type, field path and message body. */
export interface WatchFieldError {
  readonly reason: "FieldValueForbidden" | "FieldValueNotSupported";
  readonly field: string;
  readonly message: string;
}

/** A watch request the apiserver answers with `422 Invalid` on `ListOptions.meta.k8s.io` instead of a stream. */
export class WatchError extends Error {
  readonly code = 422;
  readonly reason = "Invalid";

  constructor(readonly causes: readonly WatchFieldError[], options?: ErrorOptions) {
    const errors = causes.map((c) => `${c.field}: ${c.message}`);
    const aggregate = errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
    super(`ListOptions.meta.k8s.io "" is invalid: ${aggregate}`, options);
    this.name = "WatchError";
  }

  /** The `Status` body kube-apiserver sends for this error. */
  toStatus(): Record<string, unknown> {
    return {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      details: this.details,
      code: this.code,
    };
  }

  /** The Status `details`: the ListOptions fields at fault. */
  get details(): {
    group: string;
    kind: string;
    causes: { reason: string; message: string; field: string }[];
  } {
    return {
      group: "meta.k8s.io",
      kind: "ListOptions",
      causes: this.causes.map(({ reason, message, field }) => ({ reason, message, field })),
    };
  }
}

/**
 * Checks the watch fields as apimachinery's `ValidateListOptions` does for `watch=true`, with the
 * WatchList feature gate on or off; returns the errors, or none. `openWatch` throws them as a
 * `WatchError`.
 */
export function validateWatchSpec(
  spec: Pick<WatchSpec, "resourceVersionMatch" | "sendInitialEvents">,
  watchList = true,
): WatchFieldError[] {
  const errors: WatchFieldError[] = [];
  const match = spec.resourceVersionMatch ?? "";
  if (spec.sendInitialEvents !== undefined) {
    if (match !== "NotOlderThan") {
      errors.push(forbidden(
        "resourceVersionMatch",
        "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan",
      ));
    }
    if (!watchList) {
      errors.push(forbidden(
        "sendInitialEvents",
        "sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled",
      ));
    }
  }
  if (match !== "") {
    if (spec.sendInitialEvents === undefined) {
      errors.push(forbidden(
        "resourceVersionMatch",
        "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided",
      ));
    }
    if (match !== "NotOlderThan") {
      errors.push({
        reason: "FieldValueNotSupported",
        field: "resourceVersionMatch",
        message: `Unsupported value: ${JSON.stringify(match)}: supported values: "NotOlderThan"`,
      });
    }
  }
  return errors;
}

function forbidden(field: string, detail: string): WatchFieldError {
  return { reason: "FieldValueForbidden", field, message: `Forbidden: ${detail}` };
}
