// The quota folder's typed error: why admission refuses a write (its text, as Go's error reads).

/** A quota refusal; kube-apiserver answers it as 403 Forbidden for the object. */
export class QuotaError extends Error {
  override readonly name = "QuotaError";
}
