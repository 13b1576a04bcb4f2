// `/metrics/slis` of a fake cluster: kube-apiserver's health check SLIs (component-base
// metrics/prometheus/slis), counted per cluster as its `/healthz`, `/livez` and `/readyz` ran them.
//
// handleRootHealth (k8s.io/apiserver pkg/server/healthz/healthz.go) observes every check a root
// request runs, excluded ones not, one check's own path (`/readyz/etcd`) neither:
// `kubernetes_healthcheck{name,type}` is the last result (1: success; a fake cluster's checks
// always pass) and `kubernetes_healthchecks_total{name,status,type}` counts them. The registry
// also holds component-base's own `process_start_time_seconds` (ALPHA, unlike /metrics' one).
// Text as kube-apiserver v1.36.3 serves it (promhttp, text format 0.0.4, families and series
// sorted); a family without series is not written.

import { goFloat } from "./apiserver_metrics.ts";

const HEALTHCHECK_HELP = "[STABLE] This metric records the result of a single healthcheck.";
const TOTAL_HELP = "[STABLE] This metric records the results of all healthcheck.";
const START_HELP = "[ALPHA] Start time of the process since unix epoch in seconds.";

// Per cluster (its store, which lives as long as it does): checks run, by `type\0name`. Made on
// a cluster's first health request only, so unprobed clusters cost nothing.
const tallies = new WeakMap<object, Map<string, number>>();

/** Counts the checks a root health request (`healthz`, `livez`, `readyz`) ran, all successful. */
export function observeHealthchecks(
  cluster: object,
  type: string,
  checks: readonly string[],
  excluded: ReadonlySet<string>,
): void {
  let tally = tallies.get(cluster);
  if (tally === undefined) tallies.set(cluster, tally = new Map());
  for (const check of checks) {
    if (excluded.has(check)) continue;
    const key = `${type}\0${check}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
}

/** The `/metrics/slis` text of a cluster. */
export function healthcheckSlisText(cluster: object, startedAtSeconds: number): string {
  // Series sorted by their label values in label-name order: name, (status,) type.
  const series = [...(tallies.get(cluster) ?? [])].map(([key, count]) => {
    const [type, name] = key.split("\0");
    return { name, type, count };
  }).sort((a, b) => compare(a.name, b.name) || compare(a.type, b.type));
  let text = "";
  if (series.length > 0) {
    text += family("kubernetes_healthcheck", HEALTHCHECK_HELP, "gauge");
    for (const { name, type } of series) {
      text += `kubernetes_healthcheck{name="${name}",type="${type}"} 1\n`;
    }
    text += family("kubernetes_healthchecks_total", TOTAL_HELP, "counter");
    for (const { name, type, count } of series) {
      text +=
        `kubernetes_healthchecks_total{name="${name}",status="success",type="${type}"} ${count}\n`;
    }
  }
  text += family("process_start_time_seconds", START_HELP, "gauge");
  text += `process_start_time_seconds ${goFloat(startedAtSeconds)}\n`;
  return text;
}

function family(name: string, help: string, type: string): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`;
}

// Go sorts label values as bytes.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
