// Typed failures of src/auth: a token that does not authenticate, a key that cannot be made.

/** Why a token was refused or a key failed; `message` is what kube-apiserver reports. */
export class AuthError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AuthError";
  }
}
