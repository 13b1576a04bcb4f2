// The one error type of src/patch: a patch the apiserver would refuse, with the reason it would give.

/** How kube-apiserver classifies a refused patch; the REST layer maps BadRequest→400, Invalid→422, Conflict→409. */
export type PatchErrorReason = "BadRequest" | "Invalid" | "Conflict";

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
