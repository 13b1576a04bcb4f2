// Metal3's mapping, exactly as the upstream FKAS side-car does it: a provisioned BareMetalHost →
// its consumer Metal3Machine → that Metal3Machine's first owner (the Machine) → a node report.

import { CLUSTER_NAME_LABEL, type NodeReport } from "../cluster/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { bootstrapTaints, normalizeVersion } from "./machine_nodes.ts";

/** How the mapping reads the objects a BareMetalHost points at. */
export interface Metal3Lookups {
  metal3Machine(namespace: string, name: string): Promise<KubeObject | undefined>;
  machine(namespace: string, name: string): Promise<KubeObject | undefined>;
}

/** The node a host calls for, nothing yet (`skip`), or an error the caller retries with backoff. */
export type HostNode =
  | { readonly ready: true; readonly report: NodeReport }
  | { readonly ready: false; readonly skip: string };

interface HostFields {
  spec?: { consumerRef?: { name?: string; namespace?: string } };
  status?: { provisioning?: { state?: string } };
}

/**
 * Follows the side-car's steps: not provisioned or no consumer → skip; a missing Metal3Machine,
 * owner or Machine → error (retried); no cluster-name label on the Machine → skip.
 */
export async function baremetalHostNode(
  host: KubeObject,
  lookups: Metal3Lookups,
): Promise<HostNode> {
  const { spec = {}, status = {} } = host as KubeObject & HostFields;
  if (status.provisioning?.state !== "provisioned") {
    return skip(`the host is ${status.provisioning?.state || "not provisioned"}`);
  }
  const consumer = spec.consumerRef;
  if (!consumer?.name) return skip("the host has no consumerRef");
  const namespace = consumer.namespace || host.metadata.namespace || "default";
  const metal3Machine = await lookups.metal3Machine(namespace, consumer.name);
  if (!metal3Machine) throw new Error(`Metal3Machine ${namespace}/${consumer.name} not found`);
  const owner = metal3Machine.metadata.ownerReferences?.[0];
  if (!owner) {
    throw new Error(`no owner reference found on Metal3Machine ${namespace}/${consumer.name}`);
  }
  const machine = await lookups.machine(namespace, owner.name);
  if (!machine) throw new Error(`Machine ${namespace}/${owner.name} not found`);
  const labels = machine.metadata.labels ?? {};
  const cluster = labels[CLUSTER_NAME_LABEL];
  if (!cluster) {
    return skip(`Machine ${namespace}/${owner.name} has no ${CLUSTER_NAME_LABEL} label`);
  }
  const providerID = (metal3Machine.spec as { providerID?: string | null } | undefined)?.providerID;
  const version = (machine.spec as { version?: string } | undefined)?.version;
  return {
    ready: true,
    report: {
      namespace,
      cluster,
      nodeName: machine.metadata.name!,
      providerID: providerID ?? undefined,
      uuid: host.metadata.uid,
      labels,
      kubernetesVersion: normalizeVersion(version),
      // Metal3 machines bootstrap with CABPK too: workers register uninitialized.
      ...bootstrapTaints(labels),
    },
  };
}

function skip(why: string): HostNode {
  return { ready: false, skip: why };
}
