// The one error type of the protobuf codec: an unknown kind (HTTP 415) or a malformed body (400).

/** Why a Kubernetes protobuf body could not be decoded. */
export type ProtobufErrorReason = "UnsupportedKind" | "Malformed";

/** A body fkas cannot decode; `UnsupportedKind` maps to 415 naming the kind, `Malformed` to 400. */
export class ProtobufError extends Error {
  constructor(
    readonly reason: ProtobufErrorReason,
    message: string,
    readonly kind?: string,
    readonly apiVersion?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ProtobufError";
  }
}
