// The one error type of src/pki: a bad key, certificate or request to sign.

/** A PEM that cannot be used, or a certificate that cannot be issued; messages read "Cannot X: reason". */
export class PkiError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PkiError";
  }
}
