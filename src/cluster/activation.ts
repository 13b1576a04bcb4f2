// The first control plane activates its cluster: kubeadm's objects, created once and completed on retry.

import {
  LEADER_ELECTED_COMPONENTS,
  renderActivationObjects,
  renderApiServerObjects,
  renderLeaderLease,
} from "../seed/mod.ts";
import type { FakeCluster } from "./fake_cluster.ts";
import { withSeedManagedFields } from "./seed_managed_fields.ts";
import { LEASES, NAMESPACES, NODES } from "./resources.ts";

/** The networks a fake cluster reports, as a default kubeadm/CAPI cluster has them. */
export const CLUSTER_NETWORK = Object.freeze({
  podSubnet: "192.168.0.0/16",
  serviceSubnet: "10.96.0.0/12",
  dnsDomain: "cluster.local",
});

/**
 * Creates whatever of kube-apiserver's objects (bootstrap RBAC policy, `default/kubernetes`) and
 * kubeadm's cluster objects is missing (kubeadm-config, kubelet-config, kube-proxy, CoreDNS, RBAC,
 * cluster-info, kube-root-ca.crt); existing ones are left alone, so
 * activation is idempotent and a partial earlier attempt is completed.
 */
export function ensureActivation(cluster: FakeCluster, now: Date): number {
  const shape = {
    kubernetesVersion: cluster.kubernetesVersion,
    clusterName: cluster.name,
    controlPlaneEndpoint: cluster.serverAddress,
    ...CLUSTER_NETWORK,
    podSubnet: cluster.podSubnet,
    caCertificatePem: cluster.ca.certPem,
    now,
  };
  const objects = [
    ...renderApiServerObjects(shape, cluster.kubeadm.apiServerBindPort, cluster.bootstrapPolicy),
    ...renderActivationObjects(
      shape,
      cluster.store.list(NAMESPACES).map((ns) => ns.metadata.name!),
    ),
  ];
  // kube-controller-manager and kube-scheduler of the first control plane take the lead.
  const leader = cluster.store.list(NODES).find((node) =>
    node.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined
  )?.metadata.name;
  if (leader) {
    for (const component of LEADER_ELECTED_COMPONENTS) {
      const lease = renderLeaderLease(component, leader, cluster.store.newUid(), now);
      objects.push({ resourceKey: LEASES.key, object: lease });
    }
  }
  let created = 0;
  for (const { resourceKey, object } of objects) {
    const resource = cluster.catalog.byKey(resourceKey);
    if (!resource) throw new Error(`Cannot activate: no resource ${resourceKey}`);
    if (cluster.store.get(resource, object.metadata.namespace, object.metadata.name!)) continue;
    cluster.store.create(
      resource,
      withSeedManagedFields(cluster.kubernetesVersion, resource, object, now),
    );
    created++;
  }
  cluster.activated = true;
  return created;
}
