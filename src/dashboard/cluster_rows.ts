// The dashboard's cluster list: one compact row per cluster, filtered and paged on the server so
// that 10,000 clusters cost the browser one page of rows.

import {
  type ClusterHost,
  type ClusterSummary,
  type ClusterView,
  readyNodeCount,
} from "../hosts/mod.ts";

/** One row of the cluster list, derived from the control API's cluster view. */
export interface ClusterRow {
  readonly namespace: string;
  readonly name: string;
  readonly server: string;
  readonly kubernetesVersion: string;
  readonly listener: string;
  readonly nodesReady: number;
  readonly nodes: number;
  readonly booting: number;
  readonly faults: number;
  readonly requestsPerSecond: number;
  readonly errorsPerSecond: number;
  readonly watches: number;
}

/** A page of rows and how many clusters matched in all. */
export interface ClusterPage {
  readonly total: number;
  readonly matched: number;
  readonly offset: number;
  readonly rows: readonly ClusterRow[];
}

/** What the list asks for: a substring of `namespace/name`, a listener state, a page. */
export interface ClusterQuery {
  readonly search?: string;
  readonly listener?: string;
  /** Only clusters with machines booting, or with fault rules. */
  readonly only?: "booting" | "faults";
  readonly offset: number;
  readonly limit: number;
}

/** The most rows one page may hold. */
export const MAX_PAGE_ROWS = 500;

/** The row of one cluster (the control API's view, condensed). */
export function clusterRow(
  view: ClusterView,
  summary: Pick<ClusterSummary, "faults" | "traffic">,
): ClusterRow {
  return {
    namespace: view.namespace,
    name: view.name,
    server: view.server,
    kubernetesVersion: view.kubernetesVersion,
    listener: view.listener,
    nodesReady: readyNodeCount(view),
    nodes: view.nodes.length,
    booting: view.booting.length,
    faults: summary.faults,
    requestsPerSecond: summary.traffic.requestsPerSecond,
    errorsPerSecond: summary.traffic.errorsPerSecond,
    watches: summary.traffic.watches,
  };
}

/**
 * Filters on cheap fields first (name, listener, booting, faults) and renders rows only for the
 * page, so a page of 10,000 clusters renders at most `limit` views.
 */
export async function clusterPage(
  host: ClusterHost,
  query: ClusterQuery,
): Promise<ClusterPage> {
  const all = await host.summaries();
  const search = query.search?.toLowerCase() ?? "";
  const matching = all.filter((c) =>
    (!search || c.resourceName.toLowerCase().includes(search)) &&
    (!query.listener || c.listener === query.listener) &&
    (query.only !== "booting" || c.booting > 0) &&
    (query.only !== "faults" || c.faults > 0)
  );
  const limit = Math.min(Math.max(query.limit, 1), MAX_PAGE_ROWS);
  const offset = Math.max(0, query.offset);
  const page = matching.slice(offset, offset + limit);
  const summaries = new Map(page.map((summary) => [summary.resourceName, summary]));
  // A cluster deleted between the two reads drops out of the page.
  const views = await host.views(page);
  return {
    total: all.length,
    matched: matching.length,
    offset,
    rows: views.map((view) => clusterRow(view, summaries.get(view.resourceName)!)),
  };
}
