// The dashboard's overview: a compact summary the page polls every two seconds.

import type { ClusterSummary } from "../hosts/mod.ts";

/** Counts over all clusters, and the process's memory. */
export interface Overview {
  readonly clusters: number;
  readonly byListener: Record<string, number>;
  readonly nodes: number;
  readonly booting: number;
  readonly faultRules: number;
  readonly rssBytes?: number;
  /** Cores the process used since the previous poll (1 = one core busy). */
  readonly cpuCores?: number;
  readonly requestsPerSecond: number;
  readonly errorsPerSecond: number;
  readonly watches: number;
}

/** Counts clusters by listener state, nodes, booting machines and fault rules (one pass). */
export function overviewOf(
  clusters: readonly ClusterSummary[],
  process: { readonly rssBytes?: number; readonly cpuCores?: number } = {},
): Overview {
  const byListener: Record<string, number> = { pending: 0, serving: 0, stopped: 0 };
  let nodes = 0;
  let booting = 0;
  let faultRules = 0;
  let requestsPerSecond = 0;
  let errorsPerSecond = 0;
  let watches = 0;
  for (const cluster of clusters) {
    byListener[cluster.listener] = (byListener[cluster.listener] ?? 0) + 1;
    nodes += cluster.nodes;
    booting += cluster.booting;
    faultRules += cluster.faults;
    requestsPerSecond += cluster.traffic.requestsPerSecond;
    errorsPerSecond += cluster.traffic.errorsPerSecond;
    watches += cluster.traffic.watches;
  }
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    clusters: clusters.length,
    byListener,
    nodes,
    booting,
    faultRules,
    rssBytes: process.rssBytes,
    cpuCores: process.cpuCores,
    requestsPerSecond: round(requestsPerSecond),
    errorsPerSecond: round(errorsPerSecond),
    watches,
  };
}
