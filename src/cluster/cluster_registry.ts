// The registry of fake clusters: register, report nodes, start listeners, hand out kubeconfigs.

import {
  type CertificateAuthority,
  createCertificateAuthority,
  issueClientCertificate,
  type KeyAlgorithm,
  loadCertificateAuthority,
} from "../pki/mod.ts";
import { ClusterError } from "./cluster_errors.ts";
import { FakeCluster, type RunningEndpoint } from "./fake_cluster.ts";
import { renderKubeconfig } from "./kubeconfig.ts";
import { ListenerControl } from "./listener_control.ts";
import { bootMachine, type NodeReportResult } from "./machine_boot.ts";
import type { NodeReport } from "./node_report.ts";
import { PortAllocator } from "./port_allocator.ts";
import { NO_DELAYS, type ProvisioningDelays } from "./provisioning.ts";
import type { KeyPairPem } from "../pki/mod.ts";

/** Everything the registry needs from outside, passed in by `main.ts` (and by tests). */
export interface ClusterRegistryOptions {
  readonly advertiseHost: string;
  readonly ports: { readonly min: number; readonly max: number };
  readonly caKeyAlgorithm: KeyAlgorithm;
  readonly kubernetesVersion: string;
  readonly now: () => Date;
  readonly newUid: () => string;
  /** Whether the OS lets fkas bind a cluster port (another process may hold it). */
  readonly isPortFree: (port: number) => Promise<boolean>;
  /** Starts a cluster's TLS listener with its serving certificate. */
  readonly startListener: (cluster: FakeCluster, serving: KeyPairPem) => Promise<RunningEndpoint>;
  /** Waits (provisioning delays); real timers by default. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Randomness for jitter; Math.random by default. */
  readonly random?: () => number;
  /** Hears about failures that no request waits for (background boots, controllers). */
  readonly onBackgroundError?: (error: unknown, cluster: FakeCluster) => void;
}

/** CA material supplied by the caller instead of generated. */
export interface SuppliedCa {
  readonly certPem: string;
  readonly keyPem: string;
}

/** A `/register` request after validation. */
export interface RegisterRequest {
  readonly namespace: string;
  readonly name: string;
  readonly ca?: SuppliedCa;
  readonly etcdCa?: SuppliedCa;
  readonly provisioning?: ProvisioningDelays;
}

/** All fake clusters of this process, keyed by `namespace/name`. */
export class ClusterRegistry {
  readonly #clusters = new Map<string, FakeCluster>();
  readonly #registering = new Map<string, Promise<FakeCluster>>();
  readonly #ports: PortAllocator;
  readonly #adminKubeconfigs = new WeakMap<FakeCluster, Promise<string>>();
  /** Starts and stops cluster listeners. */
  readonly listeners: ListenerControl;

  constructor(private readonly options: ClusterRegistryOptions) {
    this.#ports = new PortAllocator(options.ports.min, options.ports.max);
    this.listeners = new ListenerControl({
      advertiseHost: options.advertiseHost,
      now: options.now,
      startListener: options.startListener,
    });
  }

  /** The cluster, if registered. */
  get(namespace: string, name: string): FakeCluster | undefined {
    return this.#clusters.get(`${namespace}/${name}`);
  }

  /** Every cluster, in registration order. */
  list(): FakeCluster[] {
    return [...this.#clusters.values()];
  }

  /** The cluster, or a NotRegistered error. */
  require(namespace: string, name: string): FakeCluster {
    const cluster = this.get(namespace, name);
    if (!cluster) {
      throw new ClusterError(
        "NotRegistered",
        `Workload Cluster does not exist: ${namespace}/${name} is not registered`,
      );
    }
    return cluster;
  }

  /**
   * Registers a cluster, or returns the existing one untouched (same host and port), as FKAS does.
   * Concurrent calls for one cluster share one registration. A repeated call that supplies a
   * different CA than the cluster has is a Conflict: it must not disturb a working cluster.
   */
  async register(request: RegisterRequest): Promise<FakeCluster> {
    const key = `${request.namespace}/${request.name}`;
    let pending = this.#clusters.get(key) ? undefined : this.#registering.get(key);
    if (!this.#clusters.has(key) && !pending) {
      pending = this.#create(request).finally(() => this.#registering.delete(key));
      this.#registering.set(key, pending);
    }
    const cluster = this.#clusters.get(key) ?? await pending!;
    await checkSameCa(cluster.ca, request.ca, `${key}: ca`);
    await checkSameCa(cluster.etcdCa, request.etcdCa, `${key}: etcdCA`);
    return cluster;
  }

  /** Closes a cluster's listener, frees its port for reuse and drops all its state. */
  async unregister(namespace: string, name: string): Promise<void> {
    const cluster = this.require(namespace, name);
    this.#clusters.delete(cluster.resourceName);
    await cluster.queue.run(async () => {
      await this.listeners.stop(cluster);
      await cluster.close();
    });
    this.#ports.release(cluster.port);
  }

  /** Applies a node report; the first control plane brings the cluster's listener up. */
  reportNode(report: NodeReport): Promise<NodeReportResult> {
    let cluster: FakeCluster;
    try {
      cluster = this.require(report.namespace, report.cluster);
    } catch (error) {
      return Promise.reject(error);
    }
    return bootMachine(cluster, report, {
      environment: () => ({ now: this.options.now(), newUid: this.options.newUid }),
      sleep: this.options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      random: this.options.random ?? Math.random,
      ensureListener: (target) => this.listeners.ensure(target),
      onError: (error, target) => this.options.onBackgroundError?.(error, target),
    });
  }

  /** An admin kubeconfig (client certificate CN=kubernetes-admin, O=system:masters), made once. */
  adminKubeconfig(cluster: FakeCluster): Promise<string> {
    let kubeconfig = this.#adminKubeconfigs.get(cluster);
    if (!kubeconfig) {
      kubeconfig = issueClientCertificate(cluster.ca, {
        commonName: "kubernetes-admin",
        organizations: ["system:masters"],
        now: this.options.now(),
      }).then((client) =>
        renderKubeconfig({
          clusterName: cluster.name,
          serverUrl: cluster.serverUrl,
          caPem: cluster.ca.certPem,
          clientCertPem: client.certPem,
          clientKeyPem: client.keyPem,
        })
      );
      this.#adminKubeconfigs.set(cluster, kubeconfig);
    }
    return kubeconfig;
  }

  /** Closes every listener. */
  async close(): Promise<void> {
    await Promise.all(
      this.list().map((cluster) =>
        cluster.queue.run(async () => {
          await this.listeners.stop(cluster);
          await cluster.close();
        })
      ),
    );
  }

  async #create(request: RegisterRequest): Promise<FakeCluster> {
    const { namespace, name } = request;
    const now = this.options.now();
    const [ca, etcdCa] = await Promise.all([
      this.#ca(request.ca, `${name}-ca`, now),
      this.#ca(request.etcdCa, `${name}-etcd`, now),
    ]);
    const port = await this.#ports.allocate(this.options.isPortFree);
    if (port === undefined) {
      const { min, max } = this.options.ports;
      throw new ClusterError("PortsExhausted", `no more free ports in the ${min}-${max} range`);
    }
    const cluster = new FakeCluster({
      namespace,
      name,
      host: this.options.advertiseHost,
      port,
      ca,
      etcdCa,
      defaultKubernetesVersion: this.options.kubernetesVersion,
      environment: { now: this.options.now, newUid: this.options.newUid },
      provisioning: request.provisioning ?? NO_DELAYS,
      onControllerError: (error) => this.options.onBackgroundError?.(error, cluster),
    });
    this.#clusters.set(cluster.resourceName, cluster);
    return cluster;
  }

  #ca(supplied: SuppliedCa | undefined, commonName: string, now: Date) {
    if (supplied) return loadCertificateAuthority(supplied.certPem, supplied.keyPem);
    return createCertificateAuthority({
      commonName,
      keyAlgorithm: this.options.caKeyAlgorithm,
      now,
    });
  }
}

async function checkSameCa(
  current: CertificateAuthority,
  supplied: SuppliedCa | undefined,
  what: string,
): Promise<void> {
  if (!supplied) return;
  const candidate = await loadCertificateAuthority(supplied.certPem, supplied.keyPem);
  if (candidate.fingerprintSha256 !== current.fingerprintSha256) {
    throw new ClusterError(
      "Conflict",
      `${what}: the cluster is already registered with a different CA; unregister it first`,
    );
  }
}
