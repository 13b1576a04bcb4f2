// 422 Invalid answers of the review and TokenRequest kinds, worded as `errors.NewInvalid` with a
// `field.Invalid` per cause (`Kind.group "" is invalid: field: Invalid value: v: detail`).

import { StatusError } from "./status_error.ts";

/** One `field.Invalid`: the field path, the value as Go prints it, the detail. */
export type ReviewCause = [field: string, value: string, detail: string];

/** The 422 of an unnamed object of `kind` in `group` (reviews and TokenRequests have no name). */
export function invalidReview(
  kind: string,
  group: string,
  causes: readonly ReviewCause[],
): StatusError {
  const messages = causes.map(([field, value, detail]) =>
    `${field}: Invalid value: ${value}: ${detail}`
  );
  const summary = messages.length === 1 ? messages[0] : `[${messages.join(", ")}]`;
  return new StatusError(422, "Invalid", `${kind}.${group} "" is invalid: ${summary}`, {
    group,
    kind,
    causes: causes.map(([field, value, detail]) => ({
      reason: "FieldValueInvalid",
      message: `Invalid value: ${value}: ${detail}`,
      field,
    })),
  });
}
