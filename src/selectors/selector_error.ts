// The one error selectors throw; its message is the apiserver's wording, sent back as a 400 BadRequest.

/** A label or field selector that kube-apiserver would reject, with the message it would send. */
export class SelectorError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "SelectorError";
  }
}
