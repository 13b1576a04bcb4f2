// What the Kubernetes API of one cluster needs from its surroundings, per request.

import type { ServiceAccountKey } from "../auth/mod.ts";
import type { FaultPlan } from "../faults/mod.ts";
import type { Catalog, ResourceType } from "../resources/mod.ts";
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
  /** `namespace/name` of the cluster, for metrics. */
  readonly resourceName?: string;
  /** Latency and errors a test injected into this cluster's API. */
  readonly faults?: FaultPlan;
  /** The key signing its service account tokens, made on first use (absent: no TokenRequest). */
  serviceAccountKey?(): Promise<ServiceAccountKey>;
  /** That key if it was made already: checking a token must never make one. */
  existingServiceAccountKey?(): Promise<ServiceAccountKey> | undefined;
}

/** The client's verified identity: its TLS client certificate's, or a service account token's. */
export interface ClientIdentity {
  readonly authenticated: boolean;
  readonly user?: string;
  readonly groups: readonly string[];
  /** The verified certificate's SHA-256 (hex), reported as its credential ID since 1.32. */
  readonly certificateSha256?: string;
  /** A token or impersonated user's uid and extra; certificates carry neither. */
  readonly uid?: string;
  readonly extra?: Readonly<Record<string, readonly string[]>>;
  /**
   * Set for a bearer token's user and an impersonated one: `groups` are final (with
   * `system:authenticated`), and RBAC authorizes each request.
   */
  readonly authorizeByRbac?: boolean;
}

/** Where headers of the coming answer go: the outgoing message, or a collector in tests. */
export interface ResponseHeaderSink {
  setHeader(name: string, value: string): unknown;
}

/** Hono bindings of the kube app: which cluster, which client. */
export interface KubeBindings {
  readonly cluster: ServedCluster;
  readonly client: ClientIdentity;
  /**
   * The request-target as the client sent it, when a server received it: the Request's URL has
   * `.` and `..` resolved, which kube-apiserver never does.
   */
  readonly target?: string;
  /**
   * Takes the headers every answer carries (Audit-Id, the APF uids), set before the Response is
   * returned; without it (`app.request`), they are added to the Response itself.
   */
  readonly responseHeaders?: ResponseHeaderSink;
  /** A HEAD the listener hands over as a GET (to measure the body Go's HEAD answer tells). */
  readonly head?: boolean;
}

/** What a request turned out to address, recorded for metrics. */
export interface RequestInfo {
  readonly verb: string;
  readonly resource: ResourceType;
  readonly subresource?: string;
}

/** The Hono environment of the kube app: bindings per request. */
export type KubeEnv = {
  Bindings: KubeBindings;
};
