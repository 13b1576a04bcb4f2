// A TLS endpoint that picks its certificate by SNI and requires verified client certificates (the fake etcd's).
import tls from "node:tls";
import type { GrpcStreamHandler } from "./grpc_stream.ts";
import type { ConnectionBudget } from "./connection_budget.ts";
import { type ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from "./connection_limits.ts";
import { listenServingTls } from "./tls_connections.ts";
import { peerOf } from "./peer.ts";
import type { Peer } from "./peer.ts";
import type { FetchHandler } from "./shared_servers.ts";

/** A certificate and key, both PEM. */
export interface CertificatePem {
  readonly certPem: string;
  readonly keyPem: string;
}

/** A TLS peer plus the SNI name it asked for (undefined without SNI). */
export interface SniPeer extends Peer {
  readonly serverName?: string;
}

/** Where an SNI endpoint listens, which certificates it serves and what serves its requests. */
export interface SniTlsEndpointOptions {
  host: string;
  /** 0 picks a free port; `SniTlsEndpoint.port` reports it. */
  port: number;
  /** Served without SNI, or when `certificateFor` has none for the name. */
  defaultCertificate: CertificatePem;
  /** The certificate for an SNI name, or undefined for the default; called on every handshake with SNI. */
  certificateFor(serverName: string): Promise<CertificatePem | undefined>;
  /** Client certificates must chain to this CA, else the handshake fails. */
  clientCaPem: string;
  onGrpcStream: (stream: Parameters<GrpcStreamHandler>[0], peer: SniPeer) => void | Promise<void>;
  /** Serves non-gRPC requests; 404 by default. */
  fetch?: FetchHandler;
  /** Timeouts and the per-listener cap; unset fields keep kube-apiserver's values. */
  limits?: Partial<ConnectionLimits>;
  /** The process-wide connection cap shared with other endpoints; none: no such cap. */
  budget?: ConnectionBudget;
  /** Hears about handler failures; the default writes them to stderr. */
  onError?: (error: unknown) => void;
}

/** A listening SNI endpoint. */
export interface SniTlsEndpoint {
  readonly port: number;
  /** Stops accepting, closes open connections and HTTP/2 sessions; idempotent. */
  close(): Promise<void>;
}

const notFound: FetchHandler = () => new Response("Not Found", { status: 404 });

/** Starts an SNI endpoint (ALPN h2, mTLS required); rejects with "Cannot listen on host:port: reason" when binding fails. */
export async function startSniTlsEndpoint(options: SniTlsEndpointOptions): Promise<SniTlsEndpoint> {
  const ca = options.clientCaPem;
  // Every context carries the client CA: after an SNI switch OpenSSL/BoringSSL verify against the new context's store.
  const contexts = new WeakMap<CertificatePem, tls.SecureContext>();
  const contextOf = (pem: CertificatePem) => {
    let context = contexts.get(pem);
    if (!context) {
      context = tls.createSecureContext({ cert: pem.certPem, key: pem.keyPem, ca });
      contexts.set(pem, context);
    }
    return context;
  };
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  const server = () =>
    tls.createServer({
      cert: options.defaultCertificate.certPem,
      key: options.defaultCertificate.keyPem,
      ca,
      ALPNProtocols: ["h2"],
      requestCert: true,
      rejectUnauthorized: true,
      SNICallback(serverName, callback) {
        // Deno calls this with "" when the client sent no SNI; undefined keeps the default context.
        if (!serverName) return callback(null, undefined);
        options.certificateFor(serverName).then(
          (pem) => callback(null, pem ? contextOf(pem) : undefined),
          (error) => callback(error as Error, undefined),
        );
      },
    });
  return await listenServingTls(
    server,
    { host: options.host, port: options.port, limits, budget: options.budget },
    (socket) => {
      // Bun reports `false` and Deno `null` for "no SNI".
      const name = (socket as { servername?: unknown }).servername;
      const peer: SniPeer = {
        ...peerOf(socket),
        serverName: typeof name === "string" && name !== "" ? name : undefined,
      };
      const handlers = {
        fetch: options.fetch ?? notFound,
        onGrpcStream: (stream: Parameters<GrpcStreamHandler>[0]) =>
          options.onGrpcStream(stream, peer),
        onError: options.onError,
      };
      return { peer, handlers };
    },
  );
}
