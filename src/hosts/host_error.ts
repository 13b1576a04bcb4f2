// Errors of commands on a hosted cluster: a kind each caller maps once (the control API to a status).

/** Why a command on a cluster failed. */
export type HostErrorKind = "NotFound" | "Invalid" | "Conflict" | "Unavailable";

/** A refused command: its kind and, for bad input, the offending field. */
export class HostError extends Error {
  constructor(
    readonly kind: HostErrorKind,
    message: string,
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "HostError";
  }
}
