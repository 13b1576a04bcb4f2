// Errors as the apiserver answers them: a `Status` body with the error's HTTP code.

import { StoreError } from "../store/mod.ts";
import { StatusError } from "./status_error.ts";

/** Any failure as a StatusError: store failures and unexpected errors become 500 InternalError. */
export function toStatusError(error: unknown): StatusError {
  if (error instanceof StatusError) return error;
  if (error instanceof StoreError) {
    return new StatusError(500, "InternalError", error.message, undefined, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StatusError(500, "InternalError", `Internal error occurred: ${message}`, undefined, {
    cause: error,
  });
}

// The message of each error response, so a debug log can name it without reading the body.
const messages = new WeakMap<Response, string>();

/** The `Status` message of a response `statusResponse` built; undefined for any other. */
export function statusMessageOf(response: Response): string | undefined {
  return messages.get(response);
}

/** The `Status` response of an error, with `Retry-After` when the error asks clients to wait. */
export function statusResponse(
  error: StatusError,
  headers: Readonly<Record<string, string>> = {},
): Response {
  const retryAfter = error.details?.retryAfterSeconds;
  const response = new Response(JSON.stringify(error.toStatus()) + "\n", {
    status: error.code,
    headers: retryAfter === undefined
      ? { ...headers, "content-type": "application/json" }
      : { ...headers, "content-type": "application/json", "retry-after": String(retryAfter) },
  });
  messages.set(response, error.message);
  return response;
}
