// Series of one metric family, found by their label values and grouped by the first label's value.

import { labelPairs } from "./exposition.ts";

// A level of the lookup tree: one map per label after the first, the series at the last.
type Level<S> = Map<string, Level<S> | S>;

interface Group<S> {
  /** The tree of the remaining labels' values (unused by families of one label or none). */
  readonly tree: Level<S>;
  /** The group's series in order of first use, as scrapes list them. */
  readonly series: S[];
  /** The series of a family with one label (or none), which has no tree. */
  only?: S;
}

/**
 * The series of a family keyed by label values; grouping by the first label makes dropping all
 * series of one cluster cheap. Lookups walk one map per label instead of joining the values into
 * a key: a request records two series, and a joined key was a new string each time.
 */
export class SeriesMap<S> {
  readonly #groups = new Map<string, Group<S>>();

  constructor(
    readonly metric: string,
    readonly labelNames: readonly string[],
    private readonly create: (pairs: string) => S,
  ) {}

  /** The series for these label values, created (with its escaped label text) on first use. */
  get(values: readonly string[]): S {
    const count = this.labelNames.length;
    if (values.length !== count) {
      throw new Error(
        `Cannot record ${this.metric}: expected ${count} label values, got ${values.length}`,
      );
    }
    const first = count ? values[0] : "";
    let group = this.#groups.get(first);
    if (!group) this.#groups.set(first, group = { tree: new Map(), series: [] });
    if (count <= 1) {
      if (group.only === undefined) group.series.push(group.only = this.#made(values));
      return group.only;
    }
    let level = group.tree;
    for (let i = 1; i < count - 1; i++) {
      let next = level.get(values[i]) as Level<S> | undefined;
      if (next === undefined) level.set(values[i], next = new Map());
      level = next;
    }
    let series = level.get(values[count - 1]) as S | undefined;
    if (series === undefined) {
      level.set(values[count - 1], series = this.#made(values));
      group.series.push(series);
    }
    return series;
  }

  #made(values: readonly string[]): S {
    return this.create(labelPairs(this.labelNames, values));
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
    for (const group of this.#groups.values()) yield* group.series;
  }
}
