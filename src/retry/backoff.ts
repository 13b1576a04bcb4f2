// Exponential backoff with jitter, as client-go's wait.Backoff: retries never hot-loop, never stall.

/** How retries space out: `initialMs × factor^attempt`, capped at `maxMs`, plus up to `jitter` of it. */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
  /** A fraction of the delay added at random (0.1 adds up to 10%). */
  readonly jitter: number;
}

/** The default: 500 ms doubling to 30 s, with 10% jitter. */
export const DEFAULT_BACKOFF: BackoffPolicy = Object.freeze({
  initialMs: 500,
  maxMs: 30_000,
  factor: 2,
  jitter: 0.1,
});

/** The delay before retry number `attempt` (0 for the first retry), drawn with `random` in [0, 1). */
export function backoffDelay(
  attempt: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt));
  return Math.round(base + random() * policy.jitter * base);
}
