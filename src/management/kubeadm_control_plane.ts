// What a KubeadmControlPlane's kubeadm configuration says about its machines' nodes: the taints
// they register with (`nodeRegistration.taints`) and the API server's bind port.

import type { NodeTaint } from "../cluster/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import type { ManagementClient } from "./management_client.ts";
import { servedResource } from "./served_resource.ts";

interface NodeRegistration {
  taints?: { key?: unknown; value?: unknown; effect?: unknown }[] | null;
}

interface KcpFields {
  spec?: {
    kubeadmConfigSpec?: {
      initConfiguration?: {
        localAPIEndpoint?: { bindPort?: unknown };
        nodeRegistration?: NodeRegistration;
      };
      joinConfiguration?: { nodeRegistration?: NodeRegistration };
    };
  };
}

/** The control planes' kubeadm settings a KCP holds (absent parts: kubeadm's defaults). */
export interface KcpKubeadm {
  /** `initConfiguration.localAPIEndpoint.bindPort`, when set to a valid port. */
  readonly apiServerBindPort?: number;
  /** The first control plane's taints (`initConfiguration`); undefined: kubeadm's default. */
  readonly initTaints?: readonly NodeTaint[];
  /** Joining control planes' taints (`joinConfiguration`); undefined: kubeadm's default. */
  readonly joinTaints?: readonly NodeTaint[];
}

const EFFECTS = new Set(["NoSchedule", "PreferNoSchedule", "NoExecute"]);
const MAX_TAINTS = 32;

/**
 * Reads a KCP as KCP's `NodeKubeadmLabelsAndTaintsSet` does: a taint list that is set (even empty)
 * replaces kubeadm's default control-plane taint, an absent one keeps it. Malformed entries are
 * skipped (the management cluster's webhooks would have refused them).
 */
export function kcpKubeadmOf(kcp: KubeObject): KcpKubeadm {
  const config = (kcp as KubeObject & KcpFields).spec?.kubeadmConfigSpec ?? {};
  const port = config.initConfiguration?.localAPIEndpoint?.bindPort;
  const bindPort = Number.isInteger(port) && (port as number) > 0 && (port as number) < 65536
    ? port as number
    : undefined;
  return {
    ...(bindPort ? { apiServerBindPort: bindPort } : {}),
    ...taintsOf("initTaints", config.initConfiguration?.nodeRegistration),
    ...taintsOf("joinTaints", config.joinConfiguration?.nodeRegistration),
  };
}

function taintsOf(field: "initTaints" | "joinTaints", registration: NodeRegistration | undefined) {
  const taints = registration?.taints;
  if (!Array.isArray(taints)) return {};
  const valid: NodeTaint[] = [];
  for (const t of taints.slice(0, MAX_TAINTS)) {
    if (typeof t?.key !== "string" || !t.key || !EFFECTS.has(t.effect as string)) continue;
    valid.push({
      key: t.key,
      ...(typeof t.value === "string" && t.value ? { value: t.value } : {}),
      effect: t.effect as NodeTaint["effect"],
    });
  }
  return { [field]: valid };
}

/** Reads KubeadmControlPlanes (v1beta2 when served, else v1beta1); undefined when absent. */
export function kubeadmControlPlaneReader(client: ManagementClient) {
  const resource = servedResource(
    client,
    "controlplane.cluster.x-k8s.io",
    "kubeadmcontrolplanes",
    ["v1beta2", "v1beta1"],
  );
  return async (namespace: string, name: string): Promise<KcpKubeadm | undefined> => {
    const kcp = await client.get(await resource.resolve(), namespace, name);
    return kcp ? kcpKubeadmOf(kcp) : undefined;
  };
}

/** The KubeadmControlPlane owning a Machine, by name, if KCP owns it. */
export function owningKcp(machine: KubeObject): string | undefined {
  return machine.metadata.ownerReferences?.find((o) =>
    o.kind === "KubeadmControlPlane" && o.apiVersion.startsWith("controlplane.cluster.x-k8s.io/")
  )?.name;
}
