// Gauges whose values are read at scrape time from a callback instead of being kept up to date.

import { checkNames, familyHeader, labelPairs, sampleLine } from "./exposition.ts";

/** What a callback gauge reports: one number, or one number per label set. */
export type GaugeReading = number | Iterable<readonly [values: readonly string[], value: number]>;

/** A gauge computed on each scrape (cluster counts, open listeners). */
export class CallbackGauge {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    private readonly collect: () => GaugeReading,
  ) {
    checkNames(name, labelNames);
  }

  /** Calls the callback and yields the family's text. */
  *lines(): Generator<string> {
    const reading = this.collect();
    const lines: string[] = [];
    if (typeof reading === "number") {
      lines.push(sampleLine(this.name, "", reading));
    } else {
      for (const [values, value] of reading) {
        if (values.length !== this.labelNames.length) {
          throw new Error(`Cannot collect ${this.name}: expected ${this.labelNames.length} labels`);
        }
        lines.push(sampleLine(this.name, labelPairs(this.labelNames, values), value));
      }
    }
    if (lines.length === 0) return;
    yield familyHeader(this.name, this.help, "gauge");
    yield* lines;
  }
}
