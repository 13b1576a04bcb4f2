// How many cores the process used lately, from two readings of its CPU time.

// Readings closer than this are noise (a page and a second tab polling together).
const MIN_INTERVAL_SECONDS = 0.5;

/** Cores used between successive readings (1 = one core busy), for the overview card. */
export class CpuUsage {
  #last: { at: number; cpu: number };
  #cores?: number;

  /** `cpuSeconds` reads the process's CPU time, `nowSeconds` a monotonic clock. */
  constructor(
    private readonly cpuSeconds: () => number,
    private readonly nowSeconds: () => number,
  ) {
    this.#last = { at: nowSeconds(), cpu: cpuSeconds() };
  }

  /** Cores used since the previous reading; undefined until the first interval has passed. */
  cores(): number | undefined {
    const at = this.nowSeconds();
    const elapsed = at - this.#last.at;
    if (elapsed < MIN_INTERVAL_SECONDS) return this.#cores;
    const cpu = this.cpuSeconds();
    this.#cores = Math.max(0, Math.round(((cpu - this.#last.cpu) / elapsed) * 100) / 100);
    this.#last = { at, cpu };
    return this.#cores;
  }
}
