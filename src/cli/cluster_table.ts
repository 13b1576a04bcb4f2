// Plain-text tables of clusters and fault rules for `fkas clusters` and `fkas fault list`.

import { readyNodeCount } from "../hosts/mod.ts";

/** The fields of a cluster view that the table shows (GET /clusters). */
export interface ClusterRow {
  readonly namespace: string;
  readonly name: string;
  readonly server: string;
  readonly kubernetesVersion: string;
  readonly listener: string;
  readonly nodes: readonly { conditions: readonly { type: string; status: string }[] }[];
  readonly booting: readonly string[];
}

/** Columns padded to their widest cell, separated by three spaces, as kubectl prints. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  return [header, ...rows]
    .map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join("   ").trimEnd() + "\n")
    .join("");
}

/** The `fkas clusters` table: where each cluster listens, its version and its nodes. */
export function clusterTable(clusters: readonly ClusterRow[]): string {
  return renderTable(
    ["NAMESPACE", "NAME", "ENDPOINT", "VERSION", "LISTENER", "READY", "BOOTING"],
    clusters.map((c) => [
      c.namespace,
      c.name,
      c.server,
      c.kubernetesVersion,
      c.listener,
      `${readyNodeCount(c)}/${c.nodes.length}`,
      String(c.booting.length),
    ]),
  );
}
