// Failures of cluster operations that callers answer differently (404, 409, 503...).

/** Why a cluster operation failed. */
export type ClusterErrorKind =
  | "NotRegistered"
  | "NotFound"
  | "Conflict"
  | "PortsExhausted"
  | "ListenFailed"
  | "CaPending"
  | "Unsupported"
  | "LimitReached";

/** A cluster operation failure with a kind the control API maps to a status code. */
export class ClusterError extends Error {
  constructor(readonly kind: ClusterErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ClusterError";
  }
}
