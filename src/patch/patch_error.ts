// The one error type of src/patch: a patch the apiserver would refuse, with the reason it would give.

/**
 * How kube-apiserver classifies a refused patch; the REST layer maps BadRequest→400, Invalid→422,
 * Conflict→409 and Unclassified→500 with no reason: a plain Go error that the patch handler passes
 * on unchanged (`interpretStrategicMergePatchError` classifies only mergepatch's sentinel errors),
 * which `ErrorToAPIStatus` answers as an internal error.
 */
export type PatchErrorReason = "BadRequest" | "Invalid" | "Conflict" | "Unclassified";

/** A refused patch: `message` is what kube-apiserver puts in its Status, `detail` the library wording behind it. */
export class PatchError extends Error {
  constructor(
    readonly reason: PatchErrorReason,
    message: string,
    readonly detail: string = message,
  ) {
    super(message);
    this.name = "PatchError";
  }
}
