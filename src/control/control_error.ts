// Errors of the control API: a status code plus `{ "error", "field" }`, its own JSON shape.

/** A control API failure that knows its HTTP status and, for bad input, the offending field. */
export class ControlError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 405 | 409 | 413 | 415 | 500 | 503,
    message: string,
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ControlError";
  }

  /** The response body: `{"error": "...", "field": "..."}`. */
  toBody(): { error: string; field?: string } {
    return { error: this.message, ...(this.field ? { field: this.field } : {}) };
  }
}
