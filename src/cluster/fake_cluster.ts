// One fake workload cluster: its identity, CAs, object store and listener state.

import { withSeedManagedFields } from "./seed_managed_fields.ts";
import { controllerCreateEntries } from "./controller_managed_fields.ts";
import { controllerStatusEntries } from "./controller_status_fields.ts";
import { controllerCreates } from "./controller_creates.ts";
import { ServiceAccountKey } from "../auth/mod.ts";
import type { CertificateAuthority } from "../pki/mod.ts";
import { ClusterError } from "./cluster_errors.ts";
import {
  type ClusterControllers,
  type KubeletTiming,
  startClusterControllers,
  startKubernetesEndpoints,
  startRootCaPublisher,
} from "../controllers/mod.ts";
import { EtcdCluster } from "../etcd/mod.ts";
import { goShapedKind } from "../api/schema/mod.ts";
import { FaultPlan } from "../faults/mod.ts";
import { ClusterCatalog, resourcesOfDefinition } from "../resources/mod.ts";
import { renderNamespace, SYSTEM_NAMESPACES } from "../seed/mod.ts";
import {
  type KubeObject,
  ObjectStore,
  type StoreChange,
  type StoreEnvironment,
} from "../store/mod.ts";
import {
  CONFIG_MAPS,
  CUSTOM_RESOURCE_DEFINITIONS,
  ENDPOINT_SLICES,
  ENDPOINTS,
  NAMESPACES,
  NODES,
  SERVICES,
} from "./resources.ts";
import { CLUSTER_NETWORK } from "./activation.ts";
import { NO_DELAYS, type ProvisioningDelays } from "./provisioning.ts";
import { SerialQueue } from "./serial_queue.ts";
import type { NodeReport } from "./node_report.ts";
import { DEFAULT_KUBEADM_SETTINGS, type KubeadmSettings } from "./kubeadm_settings.ts";
import { ControlPlaneVersions } from "./control_plane_versions.ts";
import { type IntervalTimers, LeaseRenewal } from "./lease_renewal.ts";
import { LEADER_RENEW_INTERVAL_MS, NODE_LEASE_RENEW_INTERVAL_MS } from "../seed/mod.ts";

// Each cluster's service-account key, made on its first TokenRequest or JWKS read and dropped with
// the cluster. Kept beside the object rather than in a field: a field costs every cluster 32 bytes
// on Bun (measured with scripts/bench/sa_key_memory.ts), this nothing until a key exists.
const SERVICE_ACCOUNT_KEYS = new WeakMap<FakeCluster, Promise<ServiceAccountKey>>();

/** The running TLS endpoint of a cluster, as far as the cluster needs to know it. */
export interface RunningEndpoint {
  close(): Promise<void>;
}

/** Where a cluster's listener stands: waiting for its first control plane, serving, or stopped by a test. */
export type ListenerState = "pending" | "serving" | "stopped";

/** Identity and credentials a cluster is created with. */
export interface FakeClusterInit {
  readonly namespace: string;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** Both CAs, or none while they are still to come from the management cluster's secrets. */
  readonly ca?: CertificateAuthority;
  readonly etcdCa?: CertificateAuthority;
  readonly defaultKubernetesVersion: string;
  readonly environment: StoreEnvironment;
  /** Hears about failures of the cluster's controllers (garbage collector, namespaces). */
  readonly onControllerError?: (error: unknown) => void;
  /** How long its machines take to come up (none by default). */
  readonly provisioning?: ProvisioningDelays;
  /** Its kubeadm bind port and control-plane taints (kubeadm's defaults when absent). */
  readonly kubeadm?: KubeadmSettings;
  /** A store restored from the journal; a new one, seeded with the system namespaces, if absent. */
  readonly store?: ObjectStore;
  /** Hears every change of the store, the seeding included (the journal). */
  readonly onStoreChange?: (change: StoreChange) => void;
  /**
   * Run the simulated scheduler, kubelets and workload controllers; default false, as the
   * server's `--workloads`, so that in-process tests see what a default fkas serves.
   */
  readonly workloads?: boolean;
  /** Timers of the Lease renewals (real `setInterval` by default). */
  readonly timers?: IntervalTimers;
  /** Renew node and leader-election Leases from the start (`--lease-renewal`); default off. */
  readonly leaseRenewal?: boolean;
  /** Seed kube-apiserver's whole bootstrap RBAC policy at activation (default true). */
  readonly bootstrapPolicy?: boolean;
  /**
   * The pod network (kubeadm `podSubnet`, kube-controller-manager `--cluster-cidr`) node IPAM
   * hands node ranges out of; CLUSTER_NETWORK's when absent.
   */
  readonly podSubnet?: string;
  /** The prefix length of each node's pod range (`--node-cidr-mask-size`); 24 when absent. */
  readonly nodeCidrMaskSize?: number;
}

const REAL_TIMERS: IntervalTimers = {
  setInterval: (task, ms) => setInterval(task, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/** A fake cluster; every change to it runs through `queue` so concurrent calls never interleave. */
export class FakeCluster {
  readonly namespace: string;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly store: ObjectStore;
  /** The pod network its kubeadm-config, kube-proxy and node IPAM use (kubeadm `podSubnet`). */
  readonly podSubnet: string;
  /** The cluster's fake etcd: members, leader, alarms. */
  readonly etcd: EtcdCluster;
  /** The etcd members' TLS endpoint (loopback), started on the first port-forward to etcd. */
  etcdEndpoint?: Promise<{ readonly port: number; close(): Promise<void> }>;
  /** Latency and errors injected into this cluster's API by tests. */
  readonly faults = new FaultPlan();
  /** Built-in resources plus those this cluster's CRDs define. */
  readonly catalog = new ClusterCatalog();
  readonly queue = new SerialQueue();
  /**
   * What `/version` says: the lowest version of its control-plane nodes (see
   * `control_plane_versions.ts`), the default until one reports a version, the last known one
   * after all are gone. Setting it also switches the built-in resources served to that minor's.
   */
  get kubernetesVersion(): string {
    return this.#kubernetesVersion;
  }
  set kubernetesVersion(version: string) {
    this.#kubernetesVersion = version;
    this.catalog.useVersion(version);
  }
  #kubernetesVersion = "";
  readonly #controlPlaneVersions = new ControlPlaneVersions();
  /** Whether the first control plane's kubeadm objects exist. */
  activated = false;
  /** How its fake kubelets time pod starts and stops (control API `PUT .../kubelet`). */
  kubeletTiming: Required<KubeletTiming> = { podStartDelayMs: 0, podStopDelayMs: 0 };
  endpoint?: RunningEndpoint;
  /** Whether a test stopped the listener on purpose (then node reports do not restart it). */
  listenerStopped = false;
  /** Machines booting in the background (with provisioning delays), by node name. */
  readonly booting = new Map<string, Promise<void>>();
  /** The latest report of each booting machine: a version reported while it boots is the one it gets. */
  readonly latestReports = new Map<string, NodeReport>();
  readonly provisioning: ProvisioningDelays;
  /** Its kubeadm bind port and control-plane taints; a provider may learn them after registering. */
  kubeadm: KubeadmSettings;
  /** The garbage collector and namespace controller of this cluster. */
  readonly controllers: ClusterControllers;
  #nodesSeen = 0;
  #cas?: { readonly ca: CertificateAuthority; readonly etcdCa: CertificateAuthority };
  #caWaitingFor = "the CA secrets";
  readonly #casArrived: PromiseWithResolvers<void> = Promise.withResolvers();
  readonly #stopRootCaPublisher: () => void;
  readonly #stopKubernetesEndpoints: () => void;
  readonly #leaseRenewal: LeaseRenewal;
  /** Whether activation seeds the whole bootstrap RBAC policy (`--bootstrap-policy`). */
  readonly bootstrapPolicy: boolean;
  #servicesSeen = 0;

  constructor(init: FakeClusterInit) {
    this.namespace = init.namespace;
    this.name = init.name;
    this.host = init.host;
    this.port = init.port;
    if (init.ca && init.etcdCa) this.provideCas(init.ca, init.etcdCa);
    this.kubernetesVersion = init.defaultKubernetesVersion;
    this.podSubnet = init.podSubnet ?? CLUSTER_NETWORK.podSubnet;
    this.provisioning = init.provisioning ?? NO_DELAYS;
    this.kubeadm = init.kubeadm ?? DEFAULT_KUBEADM_SETTINGS;
    this.etcd = new EtcdCluster({ seed: `${init.namespace}/${init.name}` });
    this.store = init.store ?? new ObjectStore(init.environment);
    if (init.onStoreChange) this.store.onChange(init.onStoreChange);
    // Every stored built-in object is Go-shaped, whoever writes it (REST, seeding, controllers).
    this.store.shapeWith((resource, object, previous) => {
      const type = this.catalog.byKey(resource.key);
      return type ? goShapedKind(this.kubernetesVersion, type, object, previous) : object;
    });
    // A restored store brings its CRDs along: their resources exist before controllers catch up
    // (once the store is read: a restored snapshot may wait, as text, for its first use).
    init.store?.whenRead(() => {
      for (const definition of init.store!.list(CUSTOM_RESOURCE_DEFINITIONS)) {
        this.catalog.define(definition.metadata.name!, resourcesOfDefinition(definition));
      }
    });
    this.store.onChange((change) => {
      // A control-plane Node deleted by anyone (CAPI, a test) no longer holds `/version` back.
      if (change.resource === NODES.key) {
        if (change.type === "DELETED") this.#forgetControlPlane(change.object.metadata.name!);
        return;
      }
      if (change.resource !== CUSTOM_RESOURCE_DEFINITIONS.key) return;
      const name = change.object.metadata.name!;
      if (change.type === "DELETED") this.#removeCustomResources(name);
      else this.catalog.define(name, resourcesOfDefinition(change.object));
    });
    this.controllers = startClusterControllers(this.store, {
      resources: (key) => this.catalog.byKey(key),
      resourceForKind: (apiVersion, kind) => {
        const [group, version] = apiVersion.includes("/")
          ? apiVersion.split("/")
          : ["", apiVersion];
        return this.catalog.byKind(group, kind, version) ?? this.catalog.byKind(group, kind);
      },
      schedule: queueMicrotask,
      scheduleLater: (task) => setTimeout(task, 0),
      now: init.environment.now,
      onError: init.onControllerError,
      updateNamespaceStatus: true,
      workloads: init.workloads ?? false,
      random: Math.random,
      kubernetesVersion: () => this.kubernetesVersion,
      clusterCidr: this.podSubnet,
      nodeCidrMaskSize: init.nodeCidrMaskSize,
      createdManagedFields: (resource, sent, shape) => {
        const served = this.catalog.byKey(resource.key);
        return served &&
          controllerCreateEntries(
            this.kubernetesVersion,
            served,
            sent,
            init.environment.now(),
            shape,
          );
      },
      statusManagedFields: (resource, previous, status) => {
        const served = this.catalog.byKey(resource.key);
        return served &&
          controllerStatusEntries(
            this.kubernetesVersion,
            served,
            previous,
            status,
            init.environment.now(),
          );
      },
      apiserver: controllerCreates({
        store: this.store,
        resources: (key) => this.catalog.byKey(key),
        kubernetesVersion: () => this.kubernetesVersion,
        random: Math.random,
        now: init.environment.now,
      }),
      kubelet: () => this.kubeletTiming,
      setTimer: (delayMs, task) => {
        const timer = setTimeout(task, delayMs);
        return () => clearTimeout(timer);
      },
    });
    this.#stopRootCaPublisher = startRootCaPublisher(this.store, {
      namespaces: NAMESPACES,
      configMaps: CONFIG_MAPS,
      schedule: queueMicrotask,
      caPem: () => this.activated ? this.ca.certPem : undefined,
    });
    this.#stopKubernetesEndpoints = startKubernetesEndpoints(this.store, {
      nodes: NODES,
      services: SERVICES,
      endpoints: ENDPOINTS,
      endpointSlices: ENDPOINT_SLICES,
      apiServerPort: () => this.kubeadm.apiServerBindPort,
      schedule: queueMicrotask,
    });
    this.#leaseRenewal = new LeaseRenewal(
      this.store,
      init.timers ?? REAL_TIMERS,
      init.environment.now,
      { nodeMs: NODE_LEASE_RENEW_INTERVAL_MS, leaderMs: LEADER_RENEW_INTERVAL_MS },
    );
    if (init.leaseRenewal) this.#leaseRenewal.start();
    this.bootstrapPolicy = init.bootstrapPolicy ?? true;
    if (init.store) {
      init.store.whenRead(() => this.#countAllocations());
      return;
    }
    const now = init.environment.now();
    for (const namespace of SYSTEM_NAMESPACES) {
      this.store.create(
        NAMESPACES,
        withSeedManagedFields(this.kubernetesVersion, NAMESPACES, renderNamespace(namespace), now),
        { seeded: true },
      );
    }
  }

  // Continue IP allocation after a restore past the highest address in use (what was allocated
  // and freed again is not reused, as before the restart).
  #countAllocations(): void {
    for (const service of this.store.list(SERVICES)) {
      const ip = (service.spec as { clusterIP?: unknown } | undefined)?.clusterIP;
      const index = typeof ip === "string" ? ipIndex(ip, "10.96.", 254, 1) : undefined;
      if (index !== undefined) this.#servicesSeen = Math.max(this.#servicesSeen, index - 9);
    }
    for (const node of this.store.list(NODES)) {
      const addresses = (node.status as { addresses?: { type?: string; address?: string }[] })
        ?.addresses ?? [];
      const ip = addresses.find((a) => a.type === "InternalIP")?.address;
      const index = ip ? ipIndex(ip, "10.0.", 250, 0) : undefined;
      if (index !== undefined) this.#nodesSeen = Math.max(this.#nodesSeen, index - 1);
    }
  }

  // A deleted CRD takes its custom resources with it, as the apiserver's cleanup finalizer does.
  #removeCustomResources(definitionName: string): void {
    const resource = this.catalog.all().find((r) =>
      r.custom && `${r.name}.${r.group}` === definitionName
    );
    this.catalog.define(definitionName, []);
    if (!resource) return;
    for (const object of this.store.list(resource)) {
      this.store.delete(resource, object.metadata.namespace, object.metadata.name!);
    }
  }

  /** Stops the cluster's controllers and forgets pending boots (the registry closes the listener). */
  async close(): Promise<void> {
    this.controllers.stop();
    this.#stopRootCaPublisher();
    this.#stopKubernetesEndpoints();
    this.#leaseRenewal.stop();
    this.booting.clear();
    const etcd = this.etcdEndpoint;
    this.etcdEndpoint = undefined;
    await (await etcd?.catch(() => undefined))?.close();
  }

  /** Whether node and leader-election Leases are renewed at kubelet and controller intervals. */
  get leaseRenewal(): boolean {
    return this.#leaseRenewal.running;
  }

  /** Turns Lease renewals on or off for this cluster. */
  setLeaseRenewal(enabled: boolean): void {
    if (enabled) this.#leaseRenewal.start();
    else this.#leaseRenewal.stop();
  }

  /** The cluster CA; a CaPending error while it is still to be read from the management cluster. */
  get ca(): CertificateAuthority {
    return this.#requireCas().ca;
  }

  /** The etcd CA; a CaPending error while it is still to be read from the management cluster. */
  get etcdCa(): CertificateAuthority {
    return this.#requireCas().etcdCa;
  }

  /** Whether both CAs are known. */
  get hasCas(): boolean {
    return this.#cas !== undefined;
  }

  /** "ready", or what the cluster is waiting for ("waiting for CA secret default/demo-ca"). */
  get caStatus(): string {
    return this.#cas ? "ready" : `waiting for ${this.#caWaitingFor}`;
  }

  /** Resolves once both CAs are known. */
  whenCasReady(): Promise<void> {
    return this.#casArrived.promise;
  }

  /** Says what the cluster still waits for while its CAs are missing (shown in its status). */
  setCaWaitingFor(what: string): void {
    this.#caWaitingFor = what;
  }

  /** Sets both CAs once; later calls are ignored (the first CA a cluster serves with stays). */
  provideCas(ca: CertificateAuthority, etcdCa: CertificateAuthority): void {
    if (this.#cas) return;
    this.#cas = { ca, etcdCa };
    this.#casArrived.resolve();
  }

  #requireCas() {
    if (!this.#cas) {
      throw new ClusterError("CaPending", `cluster ${this.resourceName} is ${this.caStatus}`);
    }
    return this.#cas;
  }

  /** `namespace/name`, the key FKAS calls ResourceName. */
  get resourceName(): string {
    return `${this.namespace}/${this.name}`;
  }

  /** `host:port` as clients dial it (IPv6 hosts in brackets). */
  get serverAddress(): string {
    return this.host.includes(":") ? `[${this.host}]:${this.port}` : `${this.host}:${this.port}`;
  }

  /** The `https://` URL of the API server. */
  get serverUrl(): string {
    return `https://${this.serverAddress}`;
  }

  get listenerState(): ListenerState {
    if (this.endpoint) return "serving";
    return this.listenerStopped ? "stopped" : "pending";
  }

  /** Each control-plane node's version, as `recordControlPlaneVersion` set them. */
  controlPlaneVersions(): [string, string][] {
    return this.#controlPlaneVersions.entries();
  }

  /** Records the version a control-plane node's kubelet and API server run; `/version` follows. */
  recordControlPlaneVersion(nodeName: string, version: string): void {
    if (!this.#controlPlaneVersions.set(nodeName, version)) return;
    this.kubernetesVersion = this.#controlPlaneVersions.lowest() ?? this.kubernetesVersion;
  }

  #forgetControlPlane(nodeName: string): void {
    if (!this.#controlPlaneVersions.delete(nodeName)) return;
    this.kubernetesVersion = this.#controlPlaneVersions.lowest() ?? this.kubernetesVersion;
  }

  /** The Node of that name, if the cluster has it. */
  nodeNamed(name: string): KubeObject | undefined {
    return this.store.get(NODES, undefined, name);
  }

  /** The next Service ClusterIP from 10.96.0.0/12 (10.96.0.1 is the kubernetes Service). */
  /** The key signing this cluster's service account tokens (kubeadm's `sa.key`), made lazily. */
  serviceAccountKey(): Promise<ServiceAccountKey> {
    let key = SERVICE_ACCOUNT_KEYS.get(this);
    if (!key) {
      key = ServiceAccountKey.generate();
      SERVICE_ACCOUNT_KEYS.set(this, key);
      // A failure is not remembered: the next request tries again.
      key.catch(() => SERVICE_ACCOUNT_KEYS.delete(this));
    }
    return key;
  }

  /** The service-account key if one was made; undefined for a cluster that never issued a token. */
  existingServiceAccountKey(): Promise<ServiceAccountKey> | undefined {
    return SERVICE_ACCOUNT_KEYS.get(this);
  }

  allocateClusterIP(): string {
    const index = ++this.#servicesSeen + 9;
    return `10.96.${Math.floor(index / 254)}.${(index % 254) + 1}`;
  }

  /** A stable internal IP for the next node (10.0.0.2, 10.0.0.3, ...). */
  nextNodeIP(): string {
    const index = ++this.#nodesSeen + 1;
    return `10.0.${Math.floor(index / 250)}.${index % 250}`;
  }
}

// The allocation index behind `10.96.<i / per>.<i % per + offset>` (the inverse of the allocators).
function ipIndex(ip: string, prefix: string, per: number, offset: number): number | undefined {
  if (!ip.startsWith(prefix)) return undefined;
  const [high, low] = ip.slice(prefix.length).split(".").map(Number);
  if (!Number.isInteger(high) || !Number.isInteger(low)) return undefined;
  return high * per + low - offset;
}
