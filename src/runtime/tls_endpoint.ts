// One TLS listener of one fake cluster: mTLS identity, ALPN h2 or HTTP/1.1, web Request/Response.
import tls from "node:tls";
import type { GrpcStreamHandler } from "./grpc_stream.ts";
import type { ConnectionBudget } from "./connection_budget.ts";
import type { BufferBudget } from "./buffer_budget.ts";
import { type ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from "./connection_limits.ts";
import { listenServingTls, listenServingTlsSockets } from "./tls_connections.ts";
import { peerOf } from "./peer.ts";
import { runtimeName } from "./runtime_name.ts";
import type { FetchHandler } from "./shared_servers.ts";
import type { UpgradeHandler } from "./upgrade.ts";

/** Where and how one TLS endpoint listens and what serves its requests. */
export interface TlsEndpointOptions {
  host: string;
  /** 0 picks a free port; `TlsEndpoint.port` reports it. */
  port: number;
  certPem: string;
  keyPem: string;
  /** Client certificates chaining to this CA make `Peer.authorized` true; others are still served. */
  clientCaPem: string;
  fetch: FetchHandler;
  /** Serves HTTP/1.1 `Upgrade` requests (port-forward); without it they get a 400. */
  onUpgrade?: UpgradeHandler;
  /** Serves HTTP/2 streams with content-type application/grpc; without it they go to `fetch`. */
  onGrpcStream?: GrpcStreamHandler;
  /** Timeouts and the per-listener cap; unset fields keep kube-apiserver's values. */
  limits?: Partial<ConnectionLimits>;
  /** The process-wide connection cap shared with other endpoints; none: no such cap. */
  budget?: ConnectionBudget;
  /** Hears about handler failures (answered with 500); the default writes them to stderr. */
  onError?: (error: unknown) => void;
  /** Bounds bodies arriving and answers unread, shared with other endpoints; none: no bound. */
  buffers?: BufferBudget;
}

/** A listening TLS endpoint. */
export interface TlsEndpoint {
  readonly port: number;
  /** Stops accepting, closes open connections and HTTP/2 sessions; idempotent. */
  close(): Promise<void>;
}

/** Starts a TLS endpoint; rejects with "Cannot listen on host:port: reason" (and the `code`) when binding fails. */
export async function startTlsEndpoint(options: TlsEndpointOptions): Promise<TlsEndpoint> {
  const { fetch, onUpgrade, onGrpcStream, onError, buffers } = options;
  const handlers = { fetch, onUpgrade, onGrpcStream, onError, buffers };
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  const listening = { host: options.host, port: options.port, limits, budget: options.budget };
  const partsOf = (socket: tls.TLSSocket) => ({ peer: peerOf(socket), handlers });
  const ALPNProtocols = ["h2", "http/1.1"];
  if (runtimeName() === "bun") {
    // A TLSSocket per connection on one context: a listener's first handshake costs ~10% less
    // CPU than through a tls.Server taking the socket (scripts/bench/tls_handshake_cost.ts).
    const socketTls = () => ({
      secureContext: tls.createSecureContext({
        cert: options.certPem,
        key: options.keyPem,
        ca: options.clientCaPem,
      }),
      ALPNProtocols,
    });
    return await listenServingTlsSockets(socketTls, listening, partsOf);
  }
  // Deno: a wrapped TLSSocket's HTTP/2 never starts and its end of stream is lost (runtime notes).
  const server = () =>
    tls.createServer({
      cert: options.certPem,
      key: options.keyPem,
      ca: options.clientCaPem,
      ALPNProtocols,
      requestCert: true,
      rejectUnauthorized: false, // the HTTP layer decides what an anonymous client may do
    });
  return await listenServingTls(server, listening, partsOf);
}
