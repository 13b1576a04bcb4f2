// The timers a watch needs (timeout, bookmarks, waiting for a resourceVersion), passed in so tests control time.

/** Time and timers as a watch uses them; tests pass a fake one, the server passes `systemClock`. */
export interface WatchClock {
  /** Milliseconds since some fixed point. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock, for the edges of the program. */
export const systemClock: WatchClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
