// The apiserver's answer for an injected failure, shaped like the `Status` it would send.

import type { FaultRule } from "./fault_rule.ts";

/** A `Status` failure: HTTP code, reason, message and details (answer 429/504 with a
 * `Retry-After: <retryAfterSeconds>` header too, as kube-apiserver does). */
export interface FaultError {
  readonly code: 429 | 500 | 503 | 504;
  readonly reason: "TooManyRequests" | "InternalError" | "ServiceUnavailable" | "Timeout";
  readonly message: string;
  readonly details?: {
    readonly retryAfterSeconds?: number;
    readonly causes?: readonly { readonly message: string }[];
  };
}

/** The failure a rule injects, worded as apimachinery's errors.NewTooManyRequests,
 * NewInternalError, NewServiceUnavailable and NewTimeoutError word theirs. */
export function faultError(rule: FaultRule): FaultError {
  const retryAfterSeconds = rule.retryAfterSeconds ?? 1;
  switch (rule.errorCode ?? 500) {
    case 429:
      return {
        code: 429,
        reason: "TooManyRequests",
        // What the max-in-flight and priority-and-fairness filters say.
        message: "Too many requests, please try again later.",
        details: { retryAfterSeconds },
      };
    case 503:
      return {
        code: 503,
        reason: "ServiceUnavailable",
        message: `the server is currently unable to handle the request (fault ${rule.id})`,
      };
    case 504:
      return {
        code: 504,
        reason: "Timeout",
        // The timeout filter's message, as errors.NewTimeoutError prefixes it.
        message: "Timeout: request did not complete within requested timeout - " +
          `context deadline exceeded (fault ${rule.id})`,
        details: { retryAfterSeconds },
      };
    default: {
      const cause = `injected fault ${rule.id}`;
      return {
        code: 500,
        reason: "InternalError",
        message: `Internal error occurred: ${cause}`,
        details: { causes: [{ message: cause }] },
      };
    }
  }
}
