// The infrastructure kinds fkas serves as a Cluster API provider, and the CAPI kinds it reads.

import type { ResourceRef } from "../management/mod.ts";

/** The API group and version of fkas's infrastructure kinds (deploy/provider/crds). */
export const INFRASTRUCTURE_GROUP = "infrastructure.cluster.x-k8s.io";
export const INFRASTRUCTURE_VERSION = "v1alpha1";

export const FKAS_CLUSTERS: ResourceRef = {
  group: INFRASTRUCTURE_GROUP,
  version: INFRASTRUCTURE_VERSION,
  plural: "fkasclusters",
};
export const FKAS_MACHINES: ResourceRef = {
  group: INFRASTRUCTURE_GROUP,
  version: INFRASTRUCTURE_VERSION,
  plural: "fkasmachines",
};

/** Finalizers that keep the objects until fkas has released what they hold. */
export const CLUSTER_FINALIZER = "fkascluster.infrastructure.cluster.x-k8s.io";
export const MACHINE_FINALIZER = "fkasmachine.infrastructure.cluster.x-k8s.io";

/** When a machine's boot started (its preconditions held): delays count from here, restarts too. */
export const BOOT_STARTED_ANNOTATION = "fkasmachine.infrastructure.cluster.x-k8s.io/boot-started";

export { CLUSTER_NAME_LABEL } from "../cluster/mod.ts";

/** One `provisioning` block: CAPD's `startupDuration` ("10s") and `startupJitter` ("0.2"). */
export interface ProvisioningSpec {
  readonly provisioning?: { readonly startupDuration?: string; readonly startupJitter?: string };
}

/** FkasCluster `spec`. */
export interface FkasClusterSpec {
  readonly controlPlaneEndpoint?: { readonly host?: string; readonly port?: number };
}

/** FkasMachine `spec`, mirroring CAPD's `spec.backend.inMemory`. */
export interface FkasMachineSpec {
  readonly providerID?: string;
  readonly failureDomain?: string;
  readonly vm?: ProvisioningSpec;
  readonly node?: ProvisioningSpec;
  readonly etcd?: ProvisioningSpec;
  readonly apiServer?: ProvisioningSpec;
}
