// Serves one cluster on its own TLS port: identity from the client certificate, requests to the kube app.

import type { FakeCluster, RunningEndpoint } from "../cluster/mod.ts";
import type { ClientIdentity, KubeBindings } from "../kube/mod.ts";
import type { KeyPairPem } from "../pki/mod.ts";
import { type Peer, startTlsEndpoint } from "../runtime/mod.ts";

/** What every cluster listener shares. */
export interface ClusterListenerOptions {
  /** The interface cluster ports bind on (`0.0.0.0` by default). */
  readonly listenHost: string;
  /** The Kubernetes REST app shared by all clusters. */
  readonly kubeApp: {
    fetch(request: Request, bindings: KubeBindings): Response | Promise<Response>;
  };
  /** Hears about handler failures (already answered with 500). */
  readonly onError?: (error: unknown, cluster: FakeCluster) => void;
}

/** Returns the function that starts a cluster's TLS endpoint with its serving certificate. */
export function clusterListenerStarter(options: ClusterListenerOptions) {
  return async (cluster: FakeCluster, serving: KeyPairPem): Promise<RunningEndpoint> => {
    return await startTlsEndpoint({
      host: options.listenHost,
      port: cluster.port,
      certPem: serving.certPem,
      keyPem: serving.keyPem,
      clientCaPem: cluster.ca.certPem,
      fetch: (request, peer) =>
        options.kubeApp.fetch(request, { cluster, client: identityOf(peer) }),
      onError: (error) => options.onError?.(error, cluster),
    });
  };
}

/** The Kubernetes identity of a TLS peer: CN is the user, O the groups, as kube-apiserver maps them. */
export function identityOf(peer: Peer): ClientIdentity {
  if (!peer.authorized) return { authenticated: false, groups: [] };
  return { authenticated: true, user: peer.commonName, groups: peer.organizations };
}
