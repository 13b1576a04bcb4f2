// Time for the tunnel's timers, passed in so tests can run 30 s pairings and 10 min idles instantly.

/** Cancels a scheduled callback (does nothing when it already ran). */
export type CancelTimer = () => void;

/** The time source and timer of a port-forward session. */
export interface Clock {
  /** Milliseconds since an arbitrary origin. */
  now(): number;
  /** Runs `callback` once after `ms`; the result cancels it. */
  setTimeout(callback: () => void, ms: number): CancelTimer;
}

/** The real clock: `performance.now()` and the global timer functions. */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    return () => clearTimeout(handle);
  },
};
