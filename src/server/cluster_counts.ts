// The process-wide gauges /metrics reports: clusters, serving listeners, nodes.

import type { FakeCluster } from "../cluster/mod.ts";
import { BUILTIN_CATALOG } from "../resources/mod.ts";

const NODES = BUILTIN_CATALOG.byKey("nodes")!;

/** Counts clusters, serving listeners and nodes across all clusters. */
export function clusterCounts(clusters: readonly FakeCluster[]) {
  let listeners = 0;
  let nodes = 0;
  for (const cluster of clusters) {
    if (cluster.endpoint) listeners++;
    nodes += cluster.store.list(NODES).length;
  }
  return { clusters: clusters.length, listeners, nodes };
}
