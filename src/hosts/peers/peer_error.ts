// Errors of the peer layer: a replica that cannot be reached, or that disagrees on the replicas.

/** Why a request could not be served by the replica that should serve it. */
export type PeerErrorReason = "Unreachable" | "Timeout" | "Misconfigured";

/** A replica failed to answer for a cluster it owns (or refused a forward); maps to a 503. */
export class PeerError extends Error {
  constructor(
    readonly reason: PeerErrorReason,
    /** The replica's index in `--peers`. */
    readonly replica: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "PeerError";
  }
}
