// Typed failures of store operations; the HTTP layer maps them to Kubernetes Status objects.

/** Why a store operation failed, in apiserver terms. */
export type StoreErrorReason =
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Invalid"
  | "Forbidden"
  // etcd refused the write: its database is past its quota.
  | "NoSpace";

/** A store failure naming the resource and object it concerns. */
export class StoreError extends Error {
  constructor(
    readonly reason: StoreErrorReason,
    readonly resource: string,
    readonly objectName: string,
    message: string,
    /** The field errors of an `Invalid` failure, as `Status.details.causes`. */
    readonly causes?: readonly { reason: string; message: string; field: string }[],
  ) {
    super(message);
    this.name = "StoreError";
  }
}
