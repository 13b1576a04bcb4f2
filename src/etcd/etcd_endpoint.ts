// One cluster's fake etcd on a loopback TLS port: certificate by SNI, client certificates required, gRPC inside.
import type { CertificateAuthority } from "../pki/mod.ts";
import { startSniTlsEndpoint } from "../runtime/mod.ts";
import type { EtcdCluster } from "./etcd_cluster.ts";
import { createEtcdGrpcHandler } from "./grpc_server.ts";
import { EtcdServingCertificates } from "./serving_certificates.ts";

/** What one etcd endpoint serves and with which CA. */
export interface EtcdEndpointOptions {
  readonly cluster: EtcdCluster;
  /** Signs the members' serving certificates and verifies client certificates (`<cluster>-etcd`). */
  readonly etcdCa: CertificateAuthority;
  /** The clock certificates are issued by. */
  readonly now: () => Date;
  /** 127.0.0.1 by default: the port-forward tunnel dials it over loopback. */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Hears about unexpected handler failures (answered with gRPC Unknown). */
  readonly onError?: (error: unknown) => void;
}

/** A running etcd endpoint. */
export interface EtcdEndpoint {
  readonly port: number;
  /** Stops listening and closes open connections; idempotent. */
  close(): Promise<void>;
}

/** Starts the fake etcd of one cluster; rejects with "Cannot listen on host:port: reason" when binding fails. */
export async function startEtcdEndpoint(o: EtcdEndpointOptions): Promise<EtcdEndpoint> {
  const certificates = new EtcdServingCertificates(o.etcdCa, o.cluster, o.now);
  const handler = createEtcdGrpcHandler(o.cluster, { onError: o.onError });
  const endpoint = await startSniTlsEndpoint({
    host: o.host ?? "127.0.0.1",
    port: o.port ?? 0,
    defaultCertificate: await certificates.defaultCertificate(),
    certificateFor: (serverName) => certificates.forServerName(serverName),
    clientCaPem: o.etcdCa.certPem,
    onGrpcStream: (stream, peer) => handler(stream, peer),
    onError: o.onError,
  });
  return { port: endpoint.port, close: () => endpoint.close() };
}
