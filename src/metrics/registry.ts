// A tiny metrics registry: named families rendered together as one Prometheus text scrape.

import { CallbackGauge, type GaugeReading } from "./callback_gauge.ts";
import { HistogramFamily } from "./histogram_family.ts";
import { ValueFamily } from "./value_family.ts";

type Family = ValueFamily | HistogramFamily | CallbackGauge;

/** Holds metric families in registration order and renders them as exposition text. */
export class MetricRegistry {
  readonly #families = new Map<string, Family>();

  /** Registers a counter. */
  counter(name: string, help: string, labelNames: readonly string[] = []): ValueFamily {
    return this.#add(new ValueFamily(name, help, "counter", labelNames));
  }

  /** Registers a gauge that the code sets or moves. */
  gauge(name: string, help: string, labelNames: readonly string[] = []): ValueFamily {
    return this.#add(new ValueFamily(name, help, "gauge", labelNames));
  }

  /** Registers a histogram with these bucket upper bounds (`+Inf` is implied). */
  histogram(
    name: string,
    help: string,
    labelNames: readonly string[],
    buckets: readonly number[],
  ): HistogramFamily {
    return this.#add(new HistogramFamily(name, help, labelNames, buckets));
  }

  /** Registers a gauge read from `collect` on every scrape. */
  gaugeFunc(
    name: string,
    help: string,
    labelNames: readonly string[],
    collect: () => GaugeReading,
  ): CallbackGauge {
    return this.#add(new CallbackGauge(name, help, labelNames, collect));
  }

  /** The whole scrape: every family with at least one sample, each under its HELP and TYPE. */
  render(): string {
    return [...this.lines()].join("");
  }

  /** The scrape piece by piece, for answers too large to build as one string. */
  *lines(): Generator<string> {
    for (const family of this.#families.values()) yield* family.lines();
  }

  #add<F extends Family>(family: F): F {
    if (this.#families.has(family.name)) {
      throw new Error(`Cannot register metric "${family.name}": already registered`);
    }
    this.#families.set(family.name, family);
    return family;
  }
}
