// What the Kubernetes API of one cluster needs from its surroundings, per request.

import type { Catalog } from "../resources/mod.ts";
import type { ObjectStore } from "../store/mod.ts";

/** The view of one fake cluster that the REST layer serves. */
export interface ServedCluster {
  readonly store: ObjectStore;
  /** `v1.33.1`: what `/version` reports. */
  readonly kubernetesVersion: string;
  /** `host:port` that clients reach this cluster at. */
  readonly serverAddress: string;
  /** The resources this cluster serves: built-ins plus its CRDs. */
  readonly catalog: Catalog;
  /** Hands out Service ClusterIPs. */
  allocateClusterIP?(): string;
}

/** The client's verified identity (from its TLS client certificate). */
export interface ClientIdentity {
  readonly authenticated: boolean;
  readonly user?: string;
  readonly groups: readonly string[];
}

/** Hono bindings of the kube app: which cluster, which client. */
export interface KubeBindings {
  readonly cluster: ServedCluster;
  readonly client: ClientIdentity;
}
