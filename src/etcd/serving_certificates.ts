// The etcd members' serving certificates: one per `etcd-<node>` SNI name, issued on first use by the etcd CA.
import { type CertificateAuthority, issueServingCertificate, type KeyPairPem } from "../pki/mod.ts";
import type { EtcdCluster } from "./etcd_cluster.ts";
import { memberNameOf } from "./grpc_server.ts";

const LOOPBACK = ["127.0.0.1", "::1"];

/** Issues and caches the certificates of one cluster's etcd members. */
export class EtcdServingCertificates {
  readonly #issued = new Map<string, Promise<KeyPairPem>>();

  constructor(
    private readonly ca: CertificateAuthority,
    private readonly cluster: EtcdCluster,
    private readonly now: () => Date,
  ) {}

  /** The certificate for clients without SNI or with a name no member has: CN and DNS `localhost`, IP 127.0.0.1 and ::1. */
  defaultCertificate(): Promise<KeyPairPem> {
    return this.#cached("", () => ({ commonName: "localhost", dnsNames: ["localhost"], ips: [] }));
  }

  /** The certificate for an SNI name: `etcd-<node>` of a current or removed member, else undefined (the default). */
  forServerName(serverName: string): Promise<KeyPairPem | undefined> {
    const node = memberNameOf(serverName);
    if (node === undefined || !this.cluster.knows(node)) return Promise.resolve(undefined);
    return this.#cached(serverName, () => ({
      // kubeadm's etcd server certificate also names the node and its IP.
      commonName: serverName,
      dnsNames: [serverName, "localhost", node],
      ips: this.#memberIps(node),
    }));
  }

  #memberIps(node: string): string[] {
    const url = this.cluster.memberNamed(node)?.peerURLs[0];
    const host = url ? new URL(url).hostname.replace(/^\[(.*)\]$/, "$1") : undefined;
    return host && !LOOPBACK.includes(host) && /^[\d.:a-f]+$/i.test(host) ? [host] : [];
  }

  #cached(
    key: string,
    names: () => { commonName: string; dnsNames: string[]; ips: string[] },
  ): Promise<KeyPairPem> {
    let issued = this.#issued.get(key);
    if (!issued) {
      const { commonName, dnsNames, ips } = names();
      issued = issueServingCertificate(this.ca, {
        commonName,
        dnsNames,
        ipAddresses: [...LOOPBACK, ...ips],
        now: this.now(),
      });
      this.#issued.set(key, issued);
      // A failed issue is not remembered: the next handshake tries again.
      issued.catch(() => this.#issued.delete(key));
    }
    return issued;
  }
}
