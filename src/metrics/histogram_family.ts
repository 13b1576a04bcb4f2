// Histograms with labels: per-bucket counts kept flat, made cumulative only when scraped.

import { checkNames, familyHeader, formatValue, sampleLine } from "./exposition.ts";
import { SeriesMap } from "./series_map.ts";

interface HistogramSeries {
  readonly pairs: string;
  // counts[i] is the number of observations in (bounds[i-1], bounds[i]]; the +Inf bucket is count.
  readonly counts: Float64Array;
  sum: number;
  count: number;
}

/** A histogram family with fixed upper bounds (`le`), one series per label set. */
export class HistogramFamily {
  readonly #series: SeriesMap<HistogramSeries>;
  readonly #bounds: readonly number[];
  readonly #le: readonly string[];

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    buckets: readonly number[],
  ) {
    checkNames(name, labelNames);
    if (labelNames.includes("le")) throw new Error(`Cannot register ${name}: "le" is reserved`);
    if (buckets.some((bound, i) => !Number.isFinite(bound) || (i > 0 && bound <= buckets[i - 1]))) {
      throw new Error(`Cannot register ${name}: buckets must be finite and increasing`);
    }
    this.#bounds = [...buckets];
    this.#le = [...buckets.map(formatValue), "+Inf"];
    this.#series = new SeriesMap(name, labelNames, (pairs) => ({
      pairs,
      counts: new Float64Array(buckets.length),
      sum: 0,
      count: 0,
    }));
  }

  /** Records one observation in the series of these label values. */
  observe(values: readonly string[], value: number): void {
    const series = this.#series.get(values);
    const bounds = this.#bounds;
    for (let i = 0; i < bounds.length; i++) {
      if (value <= bounds[i]) {
        series.counts[i]++;
        break;
      }
    }
    series.sum += value;
    series.count++;
  }

  /** Drops every series whose first label has this value. */
  deleteGroup(firstValue: string): void {
    this.#series.deleteGroup(firstValue);
  }

  /** The family's text: `_bucket` (cumulative, ending at `+Inf`), `_sum`, `_count` per series. */
  *lines(): Generator<string> {
    if (this.#series.empty) return;
    yield familyHeader(this.name, this.help, "histogram");
    const bucket = `${this.name}_bucket`;
    for (const { pairs, counts, sum, count } of this.#series) {
      const prefix = pairs ? `${pairs},` : "";
      // One string per series keeps the generator cheap; a series is under 4 KB.
      let text = "";
      let cumulative = 0;
      for (let i = 0; i < counts.length; i++) {
        cumulative += counts[i];
        text += `${bucket}{${prefix}le="${this.#le[i]}"} ${formatValue(cumulative)}\n`;
      }
      text += `${bucket}{${prefix}le="+Inf"} ${formatValue(count)}\n`;
      text += sampleLine(`${this.name}_sum`, pairs, sum);
      yield text + sampleLine(`${this.name}_count`, pairs, count);
    }
  }
}
