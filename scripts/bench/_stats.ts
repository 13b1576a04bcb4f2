// Latency percentiles and rates from the load generator's samples.

/** The nearest-rank percentile `p` (0..1) of `sorted` (ascending); NaN when empty. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

/** A growable array of latency samples in milliseconds. */
export class Samples {
  #values = new Float64Array(65_536);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  add(value: number): void {
    if (this.#length === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length++] = value;
  }

  /** The samples, sorted ascending. */
  sorted(): Float64Array {
    return this.#values.slice(0, this.#length).sort();
  }
}
