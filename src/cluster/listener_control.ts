// Starts, stops and restarts the API server listener of a cluster, with its serving certificate.

import { issueServingCertificate, type KeyPairPem } from "../pki/mod.ts";
import { ClusterError } from "./cluster_errors.ts";
import type { FakeCluster, RunningEndpoint } from "./fake_cluster.ts";

/** What listeners need: the advertised host (a SAN), the clock, and how to open a TLS endpoint. */
export interface ListenerControlOptions {
  readonly advertiseHost: string;
  readonly now: () => Date;
  readonly startListener: (cluster: FakeCluster, serving: KeyPairPem) => Promise<RunningEndpoint>;
  /** Hears that a listener started or stopped (the journal records the state). */
  readonly onStateChange?: (cluster: FakeCluster) => void;
  /** Hears a newly issued serving certificate (the journal keeps it across restarts). */
  readonly onServingIssued?: (cluster: FakeCluster, serving: KeyPairPem) => void;
  /** Hears that a listener came up (true) or went down (false). */
  readonly onChange?: (cluster: FakeCluster, up: boolean) => void;
}

/** Listener lifecycle of every cluster; callers hold the cluster's queue. */
export class ListenerControl {
  readonly #serving = new WeakMap<FakeCluster, Promise<KeyPairPem>>();

  constructor(private readonly options: ListenerControlOptions) {}

  /**
   * Starts the listener unless it serves already or a test stopped it; true when it started it.
   * A bind failure is a ListenFailed error, and the next call tries again.
   */
  async ensure(cluster: FakeCluster): Promise<boolean> {
    if (cluster.endpoint || cluster.listenerStopped) return false;
    await this.#start(cluster);
    return true;
  }

  /** Starts a stopped (or never started) listener on the same port with the same certificate. */
  async start(cluster: FakeCluster): Promise<void> {
    cluster.listenerStopped = false;
    if (!cluster.endpoint) await this.#start(cluster);
    else this.options.onStateChange?.(cluster);
  }

  /** Serves a restored cluster with the certificate it served before the restart. */
  adoptServing(cluster: FakeCluster, serving: KeyPairPem): void {
    this.#serving.set(cluster, Promise.resolve(serving));
  }

  /** Closes the listener (clients see connection refused) until `start`. */
  async stop(cluster: FakeCluster): Promise<void> {
    const endpoint = cluster.endpoint;
    cluster.endpoint = undefined;
    cluster.listenerStopped = true;
    this.options.onStateChange?.(cluster);
    await endpoint?.close();
    if (endpoint) this.options.onChange?.(cluster, false);
  }

  async #start(cluster: FakeCluster): Promise<void> {
    const serving = await this.#servingCertificate(cluster);
    try {
      cluster.endpoint = await this.options.startListener(cluster, serving);
      this.options.onStateChange?.(cluster);
      this.options.onChange?.(cluster, true);
    } catch (cause) {
      throw new ClusterError(
        "ListenFailed",
        `Failed to add API server: cannot listen on port ${cluster.port}: ${
          (cause as Error).message
        }`,
        { cause },
      );
    }
  }

  #servingCertificate(cluster: FakeCluster): Promise<KeyPairPem> {
    let serving = this.#serving.get(cluster);
    if (!serving) {
      const host = this.options.advertiseHost;
      const isIP = /^[\d.]+$/.test(host) || host.includes(":");
      serving = issueServingCertificate(cluster.ca, {
        commonName: "kube-apiserver",
        dnsNames: [
          "localhost",
          "kubernetes",
          "kubernetes.default",
          "kubernetes.default.svc",
          "kubernetes.default.svc.cluster.local",
          ...(isIP ? [] : [host]),
        ],
        ipAddresses: [...new Set(["127.0.0.1", "::1", "10.96.0.1", ...(isIP ? [host] : [])])],
        now: this.options.now(),
      });
      this.#serving.set(cluster, serving);
      serving.then(
        (issued) => this.options.onServingIssued?.(cluster, issued),
        () => this.#serving.delete(cluster),
      );
    }
    return serving;
  }
}
