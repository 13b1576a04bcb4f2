// The in-process placement: clusters live in this thread's `ClusterRegistry`, as fkas always ran.

import type {
  BootPhase,
  ClusterRegistry,
  FakeCluster,
  NodeReport,
  RegisterRequest,
} from "../cluster/mod.ts";
import { BUILTIN_CATALOG } from "../resources/mod.ts";
import type {
  ClusterAddress,
  ClusterCommand,
  ClusterCommandKind,
  ClusterCommandResult,
  ClusterHost,
  ClusterRef,
  ClusterSummary,
  TrafficSource,
} from "./cluster_host.ts";
import { runClusterCommand } from "./cluster_commands.ts";
import { type ClusterView, clusterView } from "./cluster_view.ts";
import { HostError } from "./host_error.ts";

const NODES = BUILTIN_CATALOG.byKey("nodes")!;
const NO_TRAFFIC = Object.freeze({ requestsPerSecond: 0, errorsPerSecond: 0, watches: 0 });

/** What the in-process host needs. */
export interface LocalClusterHostOptions {
  /** The wall clock for certificates the commands issue. @default () => new Date() */
  readonly now?: () => Date;
  /** The monotonic clock that cuts long renders into slices, in ms. @default performance.now */
  readonly monotonicNow?: () => number;
  /** Waits between slices, letting timers and sockets run. @default a zero-delay timer */
  readonly pause?: () => Promise<void>;
  /** Where this thread's clusters' requests are counted (the dashboard's rates). */
  readonly traffic?: TrafficSource;
}

/** Rendering time of `views()` before it lets the event loop run, in ms. */
const SLICE_MS = 5;

/** A `ClusterHost` over a `ClusterRegistry` of this thread. */
export class LocalClusterHost implements ClusterHost {
  readonly #incarnations = new WeakMap<FakeCluster, number>();
  #registrations = 0;
  readonly #now: () => Date;
  readonly #monotonicNow: () => number;
  readonly #pause: () => Promise<void>;
  readonly #traffic?: TrafficSource;

  constructor(readonly registry: ClusterRegistry, options: LocalClusterHostOptions = {}) {
    this.#now = options.now ?? (() => new Date());
    this.#monotonicNow = options.monotonicNow ?? (() => performance.now());
    this.#pause = options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
    this.#traffic = options.traffic;
  }

  /** The cluster object itself: only for code of this thread (tests, durability, benchmarks). */
  cluster(ref: ClusterRef): FakeCluster | undefined {
    return this.registry.get(ref.namespace, ref.name);
  }

  async register(request: RegisterRequest): Promise<ClusterAddress> {
    return addressOf(await this.registry.register(request));
  }

  async reportNode(report: NodeReport): Promise<void> {
    await this.registry.reportNode(report);
  }

  runPhase(report: NodeReport, phase: BootPhase): Promise<void> {
    return this.registry.runPhase(report, phase);
  }

  async unregister(ref: ClusterRef): Promise<ClusterAddress> {
    const cluster = this.#require(ref);
    await this.registry.unregister(ref.namespace, ref.name);
    return addressOf(cluster);
  }

  view(ref: ClusterRef): Promise<ClusterView> {
    try {
      return Promise.resolve(clusterView(this.#require(ref)));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  // Rendered in slices: 10,000 views take 100 ms or more, which must not hold every cluster's
  // requests at once.
  async views(refs?: readonly ClusterRef[]): Promise<ClusterView[]> {
    const clusters = refs
      ? refs.map((ref) => this.cluster(ref)).filter((c): c is FakeCluster => c !== undefined)
      : this.registry.list();
    const views: ClusterView[] = [];
    let started = this.#monotonicNow();
    for (const cluster of clusters) {
      if (this.#monotonicNow() - started >= SLICE_MS) {
        await this.#pause();
        started = this.#monotonicNow();
      }
      // A cluster unregistered during a pause is left out, as if listed after its deletion.
      if (this.registry.get(cluster.namespace, cluster.name) === cluster) {
        views.push(clusterView(cluster));
      }
    }
    return views;
  }

  summaries(): Promise<ClusterSummary[]> {
    return Promise.resolve(this.registry.list().map((cluster) => this.#summary(cluster)));
  }

  summary(ref: ClusterRef): Promise<ClusterSummary | undefined> {
    const cluster = this.cluster(ref);
    return Promise.resolve(cluster && this.#summary(cluster));
  }

  command<K extends ClusterCommandKind>(
    ref: ClusterRef,
    command: ClusterCommand<K>,
  ): Promise<ClusterCommandResult<K>> {
    const cluster = this.cluster(ref);
    if (!cluster) return Promise.reject(notRegistered(ref));
    return runClusterCommand(cluster, command, {
      registry: this.registry,
      now: this.#now,
      traffic: this.#traffic,
    });
  }

  onRegistered(listener: (cluster: ClusterAddress) => void): () => void {
    return this.registry.onRegistered((cluster) => listener(addressOf(cluster)));
  }

  close(): Promise<void> {
    return this.registry.close();
  }

  #require(ref: ClusterRef): FakeCluster {
    const cluster = this.cluster(ref);
    if (!cluster) throw notRegistered(ref);
    return cluster;
  }

  #summary(cluster: FakeCluster): ClusterSummary {
    let incarnation = this.#incarnations.get(cluster);
    if (incarnation === undefined) {
      this.#incarnations.set(cluster, incarnation = ++this.#registrations);
    }
    return {
      ...addressOf(cluster),
      listener: cluster.listenerState,
      serving: cluster.endpoint !== undefined,
      activated: cluster.activated,
      nodes: cluster.store.count(NODES),
      booting: cluster.booting.size,
      faults: cluster.faults.size,
      traffic: this.#traffic?.summary(cluster.resourceName) ?? NO_TRAFFIC,
      incarnation,
    };
  }
}

/** The address of a cluster object (for hosts that hold the cluster themselves). */
export function addressOf(cluster: FakeCluster): ClusterAddress {
  return {
    namespace: cluster.namespace,
    name: cluster.name,
    resourceName: cluster.resourceName,
    host: cluster.host,
    port: cluster.port,
  };
}

function notRegistered(ref: ClusterRef): HostError {
  return new HostError("NotFound", `cluster ${ref.namespace}/${ref.name} is not registered`);
}
