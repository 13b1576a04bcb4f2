// Serves one cluster on its own TLS port: identity from the client certificate, requests to the kube app.

import type { FakeCluster, RunningEndpoint } from "../cluster/mod.ts";
import type { ClientIdentity, KubeBindings } from "../kube/mod.ts";
import type { KeyPairPem } from "../pki/mod.ts";
import type { TunnelLimits } from "../portforward/mod.ts";
import {
  type BufferBudget,
  type ConnectionBudget,
  type ConnectionLimits,
  goHeadAnswer,
  type Peer,
  startTlsEndpoint,
  writeGoAnswer,
} from "../runtime/mod.ts";
import { isPortForwardPath, servePortForwardUpgrade } from "./port_forward_route.ts";
import { execOrAttachTarget, servePodStreamUpgrade } from "./pod_stream_route.ts";

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
  /** Whether unauthenticated clients are served (port-forward checks it itself). */
  readonly anonymousAuth: boolean;
  /** Bounds of every port-forward tunnel (unset fields: DEFAULT_TUNNEL_LIMITS). */
  readonly tunnelLimits?: Partial<TunnelLimits>;
  readonly now: () => Date;
  /** Header and idle timeouts and the per-cluster connection cap; unset: kube-apiserver's. */
  readonly limits?: Partial<ConnectionLimits>;
  /** The process-wide connection cap every cluster port shares. */
  readonly budget?: ConnectionBudget;
  /** Bounds bodies arriving and answers unread, per cluster and for every cluster port together. */
  readonly buffers?: BufferBudget;
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
      limits: options.limits,
      budget: options.budget,
      buffers: options.buffers,
      fetch: (request, peer, target, responseHeaders) => {
        const env = { cluster, client: identityOf(peer), target, responseHeaders };
        if (request.method !== "HEAD") return options.kubeApp.fetch(request, env);
        // Go tells a HEAD the length of the short body its handler wrote; Hono's HEAD drops it.
        const get = new Request(request.url, { method: "GET", headers: request.headers });
        return Promise.resolve(options.kubeApp.fetch(get, { ...env, head: true })).then(
          goHeadAnswer,
        );
      },
      onError: (error) => options.onError?.(error, cluster),
      onUpgrade: (request, socket, head, peer) => {
        const url = new URL(request.url);
        const stream = execOrAttachTarget(url.pathname);
        if (!stream && !isPortForwardPath(url.pathname)) {
          // Go's server answers an upgrade its route does not offer as any other request.
          const extra: [string, string][] = [];
          const sink = { setHeader: (name: string, value: string) => extra.push([name, value]) };
          const target = url.pathname + url.search;
          return Promise.resolve(
            options.kubeApp.fetch(request, {
              cluster,
              client: identityOf(peer),
              target,
              responseHeaders: sink,
            }),
          ).then((response) =>
            writeGoAnswer(socket, response, extra, options.now().getTime(), request.method)
          );
        }
        if (stream) {
          return servePodStreamUpgrade(
            cluster,
            stream,
            request,
            socket,
            head,
            peer,
            options.anonymousAuth,
            options.now,
          );
        }
        return servePortForwardUpgrade(cluster, request, socket, head, peer, {
          anonymousAuth: options.anonymousAuth,
          tunnelLimits: options.tunnelLimits,
          apiServerHost: dialableHost(options.listenHost),
          now: options.now,
          onError: (error) => options.onError?.(error, cluster),
        });
      },
    });
  };
}

/**
 * The Kubernetes identity of a TLS peer: CN is the user, O the groups, as kube-apiserver maps them
 * (x509 `CommonNameUserConversion`: a certificate without a CN authenticates no one).
 */
export function identityOf(peer: Peer): ClientIdentity {
  if (!peer.authorized || !peer.commonName) return { authenticated: false, groups: [] };
  return {
    authenticated: true,
    user: peer.commonName,
    groups: peer.organizations,
    certificateSha256: peer.certificateSha256,
  };
}

// A listener bound to every interface is reached over loopback from inside the process.
function dialableHost(listenHost: string): string {
  if (listenHost === "0.0.0.0" || listenHost === "") return "127.0.0.1";
  if (listenHost === "::") return "::1";
  return listenHost;
}
