// The JSON a test author sees for a cluster in `GET /clusters`.

import type { FakeCluster } from "../cluster/mod.ts";
import { snapshotOf } from "../etcd/mod.ts";
import { BUILTIN_CATALOG } from "../resources/mod.ts";

const NODES = BUILTIN_CATALOG.byKey("nodes")!;

interface NodeTaint {
  key: string;
  value?: string;
  effect: string;
}

interface NodeStatus {
  conditions?: { type: string; status: string }[];
  nodeInfo?: { kubeletVersion?: string };
}

/** A cluster's public state: where it listens, what it runs, which CAs it trusts. */
export type ClusterView = ReturnType<typeof clusterView>;

/** Renders the `ClusterView` of `cluster` (what `GET /clusters/{ns}/{name}` answers). */
export function clusterView(cluster: FakeCluster) {
  return {
    namespace: cluster.namespace,
    name: cluster.name,
    resourceName: cluster.resourceName,
    host: cluster.host,
    port: cluster.port,
    server: cluster.serverUrl,
    listener: cluster.listenerState,
    kubernetesVersion: cluster.kubernetesVersion,
    ca: cluster.caStatus,
    caFingerprintSha256: cluster.hasCas ? cluster.ca.fingerprintSha256 : undefined,
    etcdCaFingerprintSha256: cluster.hasCas ? cluster.etcdCa.fingerprintSha256 : undefined,
    resourceVersion: cluster.store.resourceVersion,
    nodes: cluster.store.list(NODES).map((node) => {
      const spec = node.spec as { providerID?: string; taints?: NodeTaint[] } | undefined;
      const status = node.status as NodeStatus | undefined;
      return {
        name: node.metadata.name,
        providerID: spec?.providerID,
        kubeletVersion: status?.nodeInfo?.kubeletVersion,
        taints: (spec?.taints ?? []).map(({ key, value, effect }) => ({ key, value, effect })),
        conditions: (status?.conditions ?? []).map(({ type, status }) => ({ type, status })),
      };
    }),
    booting: [...cluster.booting.keys()],
    etcd: snapshotOf(cluster.etcd),
    provisioning: cluster.provisioning,
    kubeadm: cluster.kubeadm,
  };
}

/** How many nodes of a cluster view (or of its JSON, as `fkas clusters` reads it) report Ready=True. */
export function readyNodeCount(
  view: { readonly nodes: readonly { conditions: readonly { type: string; status: string }[] }[] },
): number {
  return view.nodes.filter((n) =>
    n.conditions.some((c) => c.type === "Ready" && c.status === "True")
  ).length;
}
