// Series of one metric family, found by their label values and grouped by the first label's value.

import { labelPairs } from "./exposition.ts";

// NUL cannot be typed into a label value by accident, so joining with it keeps keys unambiguous.
const SEPARATOR = "\u0000";

/** The series of a family keyed by label values; grouping by the first label makes dropping all
 * series of one cluster cheap. */
export class SeriesMap<S> {
  readonly #groups = new Map<string, Map<string, S>>();

  constructor(
    readonly metric: string,
    readonly labelNames: readonly string[],
    private readonly create: (pairs: string) => S,
  ) {}

  /** The series for these label values, created (with its escaped label text) on first use. */
  get(values: readonly string[]): S {
    if (values.length !== this.labelNames.length) {
      throw new Error(
        `Cannot record ${this.metric}: expected ${this.labelNames.length} label values, got ${values.length}`,
      );
    }
    const first = values.length ? values[0] : "";
    let group = this.#groups.get(first);
    if (!group) this.#groups.set(first, group = new Map());
    const key = values.length > 1 ? values.join(SEPARATOR) : first;
    let series = group.get(key);
    if (!series) group.set(key, series = this.create(labelPairs(this.labelNames, values)));
    return series;
  }

  /** Drops every series whose first label has this value. */
  deleteGroup(firstValue: string): void {
    this.#groups.delete(firstValue);
  }

  /** Whether no series exists yet. */
  get empty(): boolean {
    return this.#groups.size === 0;
  }

  /** Every series, in order of first use within each group. */
  *[Symbol.iterator](): IterableIterator<S> {
    for (const group of this.#groups.values()) yield* group.values();
  }
}
