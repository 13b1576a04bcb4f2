// `pods/<name>/portforward` upgrades: authenticate, find the pod, then tunnel to what it serves.

import type { FakeCluster } from "../cluster/mod.ts";
import { startEtcdEndpoint } from "../etcd/mod.ts";
import {
  apiserverStatusResponse,
  pipeBoth,
  type PortForwardRequest,
  refusalStatus,
  servePortForward,
  socketByteStream,
  SPDY_DICTIONARY,
  type TunnelLimits,
} from "../portforward/mod.ts";
import { BUILTIN_CATALOG } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { createHeaderCompression, dialTcp, type Peer, type UpgradeSocket } from "../runtime/mod.ts";
import { apiserverAnswer } from "./pod_stream_route.ts";

const PODS = BUILTIN_CATALOG.byKey("pods")!;
const PORT_FORWARD_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward$/;

/** Whether `pathname` is a pod's portforward subresource (the one upgrade this route serves). */
export function isPortForwardPath(pathname: string): boolean {
  return PORT_FORWARD_PATH.test(pathname);
}

/** What the route needs besides the cluster. */
export interface PortForwardRouteOptions {
  readonly anonymousAuth: boolean;
  /** Where the cluster's own API listener can be dialled (loopback when it binds all interfaces). */
  readonly apiServerHost: string;
  readonly now: () => Date;
  readonly onError?: (error: unknown) => void;
  /** Header, buffer and stream bounds of each tunnel (unset: DEFAULT_TUNNEL_LIMITS). */
  readonly tunnelLimits?: Partial<TunnelLimits>;
}

/** Serves one upgrade request of a cluster: 101 and a tunnel, or an apiserver-style error. */
export async function servePortForwardUpgrade(
  cluster: FakeCluster,
  request: Request,
  socket: UpgradeSocket,
  head: Uint8Array,
  peer: Peer,
  options: PortForwardRouteOptions,
): Promise<void> {
  const conn = socketByteStream(socket);
  // kube-apiserver's own refusals, before PortForwardLocation would dial a kubelet.
  const answer = (code: number, message: string, details?: Record<string, string>) => {
    conn.write(
      apiserverStatusResponse(
        refusalStatus(code, message, details),
        apiserverAnswer(request, options.now),
      ),
    );
    conn.end();
  };
  if (!options.anonymousAuth && !peer.authorized) {
    return answer(401, "Unauthorized");
  }
  const match = PORT_FORWARD_PATH.exec(new URL(request.url).pathname);
  if (!match) {
    return answer(404, "the server could not find the requested resource");
  }
  const [namespace, pod] = [decodeURIComponent(match[1]), decodeURIComponent(match[2])];
  const found = cluster.store.get(PODS, namespace, pod) as
    | { spec?: { nodeName?: string } }
    | undefined;
  if (!found) {
    return answer(404, `pods "${pod}" not found`, { name: pod, kind: "pods" });
  }
  // streamLocation: a pod no node runs has no kubelet to forward to.
  if (!found.spec?.nodeName) {
    return answer(400, `pod ${pod} does not have a host assigned`);
  }
  await servePortForward(request, conn, head, {
    compression: (maxHeaderBytes) => createHeaderCompression(SPDY_DICTIONARY, maxHeaderBytes),
    limits: options.tunnelLimits,
    handler: (forward) => {
      tunnel(cluster, namespace, pod, forward, options).catch((error) => {
        options.onError?.(error);
        forward.fail(`error forwarding port ${forward.port}: ${(error as Error).message}`);
      });
    },
    onError: options.onError,
  });
}

// Like kubelet, connect the data stream to the pod's port: etcd members and API servers are the
// only processes a fake node runs. Routing never depends on the client's local port.
async function tunnel(
  cluster: FakeCluster,
  namespace: string,
  pod: string,
  forward: PortForwardRequest,
  options: PortForwardRouteOptions,
): Promise<void> {
  const target = await targetOf(cluster, namespace, pod, forward.port, options);
  if (!target) {
    forward.fail(
      `error forwarding port ${forward.port} to pod ${namespace}/${pod}: dial tcp 127.0.0.1:${forward.port}: connect: connection refused`,
    );
    return;
  }
  const upstream = await dialTcp(target.host, target.port);
  await pipeBoth(forward.data, upstream);
}

async function targetOf(
  cluster: FakeCluster,
  namespace: string,
  pod: string,
  port: number,
  options: PortForwardRouteOptions,
): Promise<{ host: string; port: number } | undefined> {
  if (namespace !== "kube-system") return undefined;
  if (pod.startsWith("etcd-") && port === 2379 && cluster.etcd.knows(pod.slice("etcd-".length))) {
    cluster.etcdEndpoint ??= startEtcdEndpoint({
      cluster: cluster.etcd,
      etcdCa: cluster.etcdCa,
      now: options.now,
      onError: options.onError,
    });
    return { host: "127.0.0.1", port: (await cluster.etcdEndpoint).port };
  }
  // The API server listens where its pod says (`--secure-port`, kubeadm's bindPort; KCP dials
  // that port for GetAPIServerCertificateExpiry), like the kubelet dialling the pod's port.
  if (
    pod.startsWith("kube-apiserver-") && cluster.endpoint &&
    declaredPorts(cluster.store.get(PODS, namespace, pod)).includes(port)
  ) {
    return { host: options.apiServerHost, port: cluster.port };
  }
  return undefined;
}

function declaredPorts(pod: KubeObject | undefined): number[] {
  const spec = pod?.spec as { containers?: { ports?: { containerPort?: number }[] }[] } | undefined;
  return (spec?.containers ?? []).flatMap((c) => c.ports ?? []).map((p) => p.containerPort ?? 0);
}
