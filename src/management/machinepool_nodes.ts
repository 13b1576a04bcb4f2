// What a CAPI MachinePool (v1beta1 or v1beta2) says about the nodes fkas should report for it:
// one per entry of `spec.providerIDList`, as its instances' kubelets would register them.

import { fnv32a } from "../encoding/mod.ts";
import { CLUSTER_NAME_LABEL, type NodeReport, UNINITIALIZED_TAINT } from "../cluster/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { normalizeVersion } from "./machine_nodes.ts";

interface MachinePoolFields {
  spec?: {
    clusterName?: string;
    providerIDList?: string[];
    template?: {
      metadata?: { labels?: Record<string, string> };
      spec?: { version?: string; bootstrap?: { dataSecretName?: string } };
    };
  };
}

/** The most instances one MachinePool gets nodes for; a bound on what a list may make fkas store. */
export const MAX_MACHINE_POOL_NODES = 1000;

/** A MachinePool's node reports by providerID, or what it still waits for. */
export type MachinePoolNodes =
  | { readonly ready: true; readonly reports: ReadonlyMap<string, NodeReport> }
  | { readonly ready: false; readonly waitingFor: string };

/**
 * The nodes of a MachinePool's instances once it has bootstrap data: one per providerID, named
 * after the providerID's last segment (CAPI finds them by providerID, not by name), registered
 * with CABPK's uninitialized taint, which CAPI's MachinePool controller removes. A pool being
 * deleted gets none.
 */
export function machinePoolNodes(pool: KubeObject): MachinePoolNodes {
  const { spec = {} } = pool as KubeObject & MachinePoolFields;
  const labels = pool.metadata.labels ?? {};
  const cluster = spec.clusterName ?? labels[CLUSTER_NAME_LABEL];
  if (pool.metadata.deletionTimestamp) return waiting("nothing: it is being deleted");
  if (!cluster) return waiting(`spec.clusterName or the ${CLUSTER_NAME_LABEL} label`);
  const template = spec.template?.spec ?? {};
  if (!template.bootstrap?.dataSecretName) {
    return waiting("spec.template.spec.bootstrap.dataSecretName");
  }
  const version = normalizeVersion(template.version);
  if (template.version && !version) {
    return waiting(`a valid spec.template.spec.version (got "${template.version}")`);
  }
  const reports = new Map<string, NodeReport>();
  for (const providerID of (spec.providerIDList ?? []).slice(0, MAX_MACHINE_POOL_NODES)) {
    if (typeof providerID !== "string" || !providerID) continue;
    reports.set(providerID, {
      namespace: pool.metadata.namespace ?? "default",
      cluster,
      nodeName: nodeNameOf(providerID, pool.metadata.name!),
      providerID,
      labels: { ...spec.template?.metadata?.labels, [CLUSTER_NAME_LABEL]: cluster },
      kubernetesVersion: version,
      taints: [UNINITIALIZED_TAINT],
    });
  }
  return { ready: true, reports };
}

// `docker:////mp-0-abcde` → `mp-0-abcde`; `aws:///us-east-1a/i-0123` → `i-0123`. A segment that
// is no DNS subdomain name falls back to the pool's name and a stable hash of the providerID.
function nodeNameOf(providerID: string, pool: string): string {
  const last = providerID.split("/").filter(Boolean).at(-1)?.toLowerCase() ?? "";
  if (/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(last)) return last;
  return `${pool.slice(0, 240)}-${fnv32a(providerID).toString(16).padStart(8, "0")}`;
}

function waiting(what: string): MachinePoolNodes {
  return { ready: false, waitingFor: what };
}
