// fkas's own metric set: kube-apiserver's request metrics per fake cluster, plus fkas gauges.

import { EXPOSITION_CONTENT_TYPE } from "./exposition.ts";
import { MetricRegistry } from "./registry.ts";
import { reportedVerb } from "./reported_verb.ts";
import { scrapeStream } from "./scrape_stream.ts";

// apiserver_request_duration_seconds's buckets in kube-apiserver (endpoints/metrics/metrics.go).
const REQUEST_DURATION_BUCKETS = [
  0.005,
  0.025,
  0.05,
  0.1,
  0.2,
  0.4,
  0.6,
  0.8,
  1.0,
  1.25,
  1.5,
  2,
  3,
  4,
  5,
  6,
  8,
  10,
  15,
  20,
  30,
  45,
  60,
] as const;

/** How the fkas metrics are wired. */
export interface FkasMetricsOptions {
  /** Milliseconds on any clock (wall or monotonic); only differences are used. */
  readonly now: () => number;
  /** Counts read on every scrape. */
  readonly clusters: () => { listeners: number; clusters: number; nodes: number };
  /**
   * Whether kube request metrics carry a `cluster="<namespace>/<name>"` label (default true).
   * Cardinality: each (verb, group, version, resource, subresource) a cluster is asked for costs
   * one histogram (26 lines) plus one counter line per response code, about 4 KB of text. A
   * cluster watched by Cluster API uses some 30 of them: ~800 lines and ~130 KB per cluster, so
   * 1,000 clusters scrape as ~130 MB and 10,000 as ~8 M lines and ~1.3 GB — past what one string
   * can hold, so serve `renderStream()` and prefer `false` there. With `false` the series are
   * summed over all clusters and a scrape stays near 1,000 lines whatever the cluster count.
   */
  readonly perCluster?: boolean;
}

/** One finished request to a cluster's Kubernetes API. */
export interface KubeRequestRecord {
  /** `<namespace>/<name>` of the fake cluster. */
  readonly cluster: string;
  /** The kube verb (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`,
   * `deletecollection`, or `apply` for a server-side-apply patch); reported upper-case. */
  readonly verb: string;
  readonly resource: string;
  readonly subresource?: string;
  /** The API group, `""` for the core group. */
  readonly group: string;
  readonly version: string;
  /** The HTTP status code answered. */
  readonly code: number;
  /** How long the request took. */
  readonly seconds: number;
  /** The `Status` message of a failed request (for debug logs; metrics ignore it). */
  readonly error?: string;
}

/** What the server records into and what `/metrics` renders. */
export interface FkasMetrics {
  /** Counts a finished kube request and observes its duration. */
  recordKubeRequest(request: KubeRequestRecord): void;
  /** Counts an open watch on `resource` (`pods`, `apps/deployments`); call the result when it ends. */
  watchStarted(cluster: string, resource: string): () => void;
  /** Counts a control API request by its route pattern (`/clusters/:namespace/:name`). */
  recordControlRequest(route: string, code: number): void;
  /** Drops every series of a cluster that is gone (a no-op without per-cluster labels). */
  forgetCluster(cluster: string): void;
  /** The scrape body as one string. */
  render(): string;
  /** The scrape body as a stream of ~64 KB chunks, for scrapes too large for one string. */
  renderStream(): ReadableStream<Uint8Array>;
  /** The scrape's `Content-Type`. */
  readonly contentType: string;
}

/** Builds fkas's metric set on a fresh registry. */
export function createFkasMetrics(options: FkasMetricsOptions): FkasMetrics {
  const perCluster = options.perCluster ?? true;
  const cluster = perCluster ? ["cluster"] : [];
  const started = options.now();
  const registry = new MetricRegistry();

  const requests = registry.counter(
    "apiserver_request_total",
    "Counter of apiserver requests broken out for each cluster, verb, group, version, resource, subresource and HTTP response code.",
    [...cluster, "verb", "group", "version", "resource", "subresource", "code"],
  );
  const durations = registry.histogram(
    "apiserver_request_duration_seconds",
    "Response latency distribution in seconds for each cluster, verb, group, version, resource and subresource.",
    [...cluster, "verb", "group", "version", "resource", "subresource"],
    REQUEST_DURATION_BUCKETS,
  );
  const longRunning = registry.gauge(
    "apiserver_longrunning_requests",
    "Gauge of all active long-running apiserver requests (watches) broken out by cluster, verb, group and resource.",
    [...cluster, "verb", "group", "resource"],
  );
  const control = registry.counter(
    "fkas_control_requests_total",
    "Counter of control API requests broken out for each route and HTTP response code.",
    ["route", "code"],
  );
  let counts = { listeners: 0, clusters: 0, nodes: 0 };
  registry.gaugeFunc("fkas_clusters", "Number of registered fake clusters.", [], () => {
    return counts.clusters;
  });
  registry.gaugeFunc("fkas_listeners", "Number of cluster listeners serving.", [], () => {
    return counts.listeners;
  });
  registry.gaugeFunc("fkas_nodes", "Number of nodes reported across all clusters.", [], () => {
    return counts.nodes;
  });
  registry.gaugeFunc("fkas_uptime_seconds", "Seconds since the metrics were set up.", [], () => {
    return (options.now() - started) / 1000;
  });

  // A watch that ends after its cluster was forgotten must not move a newer cluster's series.
  const generations = new Map<string, object>();

  return {
    contentType: EXPOSITION_CONTENT_TYPE,
    recordKubeRequest(request) {
      const verb = reportedVerb(request.verb, request.subresource);
      const { group, version, resource } = request;
      const subresource = request.subresource ?? "";
      const labels = perCluster
        ? [request.cluster, verb, group, version, resource, subresource]
        : [verb, group, version, resource, subresource];
      durations.observe(labels, request.seconds);
      labels.push(String(request.code));
      requests.add(labels);
    },
    watchStarted(clusterName, qualified) {
      const slash = qualified.indexOf("/");
      const group = slash < 0 ? "" : qualified.slice(0, slash);
      const resource = qualified.slice(slash + 1);
      const labels = perCluster
        ? [clusterName, "WATCH", group, resource]
        : ["WATCH", group, resource];
      let generation = generations.get(clusterName);
      if (perCluster && !generation) generations.set(clusterName, generation = {});
      longRunning.add(labels, 1);
      let open = true;
      return () => {
        if (!open) return;
        open = false;
        if (generations.get(clusterName) === generation) longRunning.add(labels, -1);
      };
    },
    recordControlRequest(route, code) {
      control.add([route, String(code)]);
    },
    forgetCluster(clusterName) {
      if (!perCluster) return;
      generations.delete(clusterName);
      requests.deleteGroup(clusterName);
      durations.deleteGroup(clusterName);
      longRunning.deleteGroup(clusterName);
    },
    render() {
      counts = options.clusters();
      return registry.render();
    },
    renderStream() {
      counts = options.clusters();
      return scrapeStream(registry.lines());
    },
  };
}
