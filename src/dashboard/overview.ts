// The dashboard's overview: a compact summary the page polls every two seconds.

import type { FakeCluster } from "../cluster/mod.ts";
import { BUILTIN_CATALOG } from "../resources/mod.ts";
import type { RequestRates } from "./request_rates.ts";

const NODES = BUILTIN_CATALOG.byKey("nodes")!;

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
  clusters: readonly FakeCluster[],
  process: { readonly rssBytes?: number; readonly cpuCores?: number } = {},
  rates?: RequestRates,
): Overview {
  const byListener: Record<string, number> = { pending: 0, serving: 0, stopped: 0 };
  let nodes = 0;
  let booting = 0;
  let faultRules = 0;
  let requestsPerSecond = 0;
  let errorsPerSecond = 0;
  let watches = 0;
  for (const cluster of clusters) {
    byListener[cluster.listenerState] = (byListener[cluster.listenerState] ?? 0) + 1;
    nodes += cluster.store.count(NODES);
    booting += cluster.booting.size;
    faultRules += cluster.faults.size;
    if (rates) {
      const traffic = rates.summary(cluster.resourceName);
      requestsPerSecond += traffic.requestsPerSecond;
      errorsPerSecond += traffic.errorsPerSecond;
      watches += traffic.watches;
    }
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
