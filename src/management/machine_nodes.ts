// What a CAPI Machine (v1beta1 or v1beta2) says about the node fkas should report for it.

import {
  CLUSTER_NAME_LABEL,
  CONTROL_PLANE_LABEL,
  KUBERNETES_VERSION,
  type NodeReport,
  type NodeTaint,
  UNINITIALIZED_TAINT,
} from "../cluster/mod.ts";
import type { KubeObject } from "../store/mod.ts";

/** How nodes are named: after the infrastructure machine (as CAPD's are) or after the Machine. */
export type NodeNamePolicy = "infrastructure" | "machine";

interface MachineFields {
  spec?: {
    clusterName?: string;
    providerID?: string;
    version?: string;
    bootstrap?: { dataSecretName?: string };
    infrastructureRef?: { name?: string };
  };
  status?: {
    /** v1beta1 */
    infrastructureReady?: boolean;
    /** v1beta2 */
    initialization?: { infrastructureProvisioned?: boolean };
  };
}

/** A Machine's node report, or what it still waits for. */
export type MachineNode =
  | { readonly ready: true; readonly report: NodeReport }
  | { readonly ready: false; readonly waitingFor: string };

/**
 * The node a Machine should have once its infrastructure is there (a providerID, or provisioned
 * infrastructure) and its bootstrap data exists, as a kubelet would register it. A Machine being
 * deleted gets none: CAPI deletes its Node itself and must not see it come back.
 */
export function machineNode(machine: KubeObject, policy: NodeNamePolicy): MachineNode {
  const { spec = {}, status = {} } = machine as KubeObject & MachineFields;
  const labels = machine.metadata.labels ?? {};
  const cluster = spec.clusterName ?? labels[CLUSTER_NAME_LABEL];
  if (machine.metadata.deletionTimestamp) return waiting("nothing: it is being deleted");
  if (!cluster) return waiting(`spec.clusterName or the ${CLUSTER_NAME_LABEL} label`);
  const infrastructureProvisioned = status.infrastructureReady === true ||
    status.initialization?.infrastructureProvisioned === true;
  if (!spec.providerID && !infrastructureProvisioned) {
    return waiting("spec.providerID or provisioned infrastructure");
  }
  if (!spec.bootstrap?.dataSecretName) return waiting("spec.bootstrap.dataSecretName");
  const version = normalizeVersion(spec.version);
  if (spec.version && !version) return waiting(`a valid spec.version (got "${spec.version}")`);
  const nodeName = policy === "infrastructure"
    ? spec.infrastructureRef?.name ?? machine.metadata.name!
    : machine.metadata.name!;
  return {
    ready: true,
    report: {
      namespace: machine.metadata.namespace ?? "default",
      cluster,
      nodeName,
      providerID: spec.providerID,
      labels,
      kubernetesVersion: version,
      ...bootstrapTaints(labels),
    },
  };
}

/**
 * The registration taints of a Machine's node as CABPK writes them: a worker's JoinConfiguration
 * gets `node.cluster.x-k8s.io/uninitialized:NoSchedule` (CABPK's `joinWorker`), which CAPI's
 * Machine controller removes after its first label sync; control planes keep kubeadm's default.
 */
export function bootstrapTaints(
  labels: Readonly<Record<string, string>>,
): { taints?: readonly NodeTaint[] } {
  return Object.hasOwn(labels, CONTROL_PLANE_LABEL) ? {} : { taints: [UNINITIALIZED_TAINT] };
}

/** `v1.33.1` as is, `1.33.1` with its `v`; undefined when it is no version at all. */
export function normalizeVersion(version: string | undefined): string | undefined {
  if (!version) return undefined;
  const withV = version.startsWith("v") ? version : `v${version}`;
  return KUBERNETES_VERSION.test(withV) ? withV : undefined;
}

function waiting(what: string): MachineNode {
  return { ready: false, waitingFor: what };
}
