// Prometheus metrics: a tiny registry with the text exposition format, and fkas's metric set.

export {
  createFkasMetrics,
  type FkasMetrics,
  type FkasMetricsOptions,
  type KubeRequestRecord,
} from "./fkas_metrics.ts";
export { MetricRegistry } from "./registry.ts";
export { ValueFamily } from "./value_family.ts";
export { HistogramFamily } from "./histogram_family.ts";
export { CallbackGauge, type GaugeReading } from "./callback_gauge.ts";
export { EXPOSITION_CONTENT_TYPE } from "./exposition.ts";
export { scrapeStream } from "./scrape_stream.ts";
export { reportedVerb } from "./reported_verb.ts";
export { mergeExpositions } from "./exposition_merge.ts";
