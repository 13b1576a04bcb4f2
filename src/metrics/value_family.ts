// Counters and gauges that the code updates as things happen, one series per label set.

import { checkNames, familyHeader, sampleLine } from "./exposition.ts";
import { SeriesMap } from "./series_map.ts";

interface ValueSeries {
  readonly pairs: string;
  value: number;
}

/** A counter (only goes up) or a gauge (goes up and down) with labels. */
export class ValueFamily {
  readonly #series: SeriesMap<ValueSeries>;

  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: "counter" | "gauge",
    readonly labelNames: readonly string[] = [],
  ) {
    checkNames(name, labelNames);
    this.#series = new SeriesMap(name, labelNames, (pairs) => ({ pairs, value: 0 }));
    // A family without labels has exactly one series, and it exists from the start.
    if (labelNames.length === 0) this.#series.get([]);
  }

  /** Adds `delta` (1 by default) to the series of these label values; counters refuse negatives. */
  add(values: readonly string[], delta = 1): void {
    if (delta < 0 && this.type === "counter") {
      throw new Error(`Cannot decrease counter ${this.name}`);
    }
    this.#series.get(values).value += delta;
  }

  /** Sets a gauge's series to `value`. */
  set(values: readonly string[], value: number): void {
    if (this.type === "counter") throw new Error(`Cannot set counter ${this.name}`);
    this.#series.get(values).value = value;
  }

  /** The current value of a series (0 when it was never touched). */
  value(values: readonly string[]): number {
    return this.#series.get(values).value;
  }

  /** Drops every series whose first label has this value (a cluster that is gone). */
  deleteGroup(firstValue: string): void {
    this.#series.deleteGroup(firstValue);
  }

  /** The family's text line by line, or nothing while it has no series. */
  *lines(): Generator<string> {
    if (this.#series.empty) return;
    yield familyHeader(this.name, this.help, this.type);
    for (const series of this.#series) yield sampleLine(this.name, series.pairs, series.value);
  }
}
