// The worker-thread placement, main thread's side: each cluster lives on the worker its
// `namespace/name` hashes to; this side keeps the one port range (so ports are handed out lowest
// first across workers, as in one process) and the registration order.

import { fnv32a } from "../../encoding/mod.ts";
import {
  type BootPhase,
  type ClusterEvent,
  type NodeReport,
  PortAllocator,
  type RegisterRequest,
} from "../../cluster/mod.ts";
import type {
  ClusterAddress,
  ClusterCommand,
  ClusterCommandKind,
  ClusterCommandResult,
  ClusterHost,
  ClusterRef,
  ClusterSummary,
} from "../mod.ts";
import { type ClusterView, HostError } from "../mod.ts";
import {
  fromWireError,
  type HostChannel,
  type HostMethod,
  type RestoredAddress,
  type WorkerLogLevel,
} from "./host_channel.ts";

/** What the main thread's side needs. */
export interface WorkerClusterHostOptions {
  /** One channel per worker, in worker order. */
  readonly workers: readonly HostChannel[];
  readonly ports: { readonly min: number; readonly max: number };
  /** Whether the OS lets fkas bind a cluster port. */
  readonly isPortFree: (port: number) => Promise<boolean>;
  /** Hears each worker's cluster lifecycle events. */
  readonly onEvent?: (event: ClusterEvent, cluster: ClusterAddress) => void;
  /** Hears each worker's log lines. */
  readonly onLog?: (
    level: WorkerLogLevel,
    message: string,
    fields: Record<string, unknown>,
  ) => void;
}

interface Pending {
  readonly worker: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** A `ClusterHost` whose clusters live on worker threads, reached through `HostChannel`s. */
export class WorkerClusterHost implements ClusterHost {
  readonly #workers: readonly HostChannel[];
  readonly #pending = new Map<number, Pending>();
  readonly #ports: PortAllocator;
  // Registered clusters and their ports, in registration order (a Map keeps insertion order).
  readonly #clusters = new Map<string, number>();
  readonly #registering = new Map<string, Promise<ClusterAddress>>();
  readonly #registeredListeners = new Set<(cluster: ClusterAddress) => void>();
  #nextId = 0;
  readonly #gone = new Map<number, string>();

  constructor(private readonly options: WorkerClusterHostOptions) {
    if (options.workers.length === 0) throw new Error("Cannot host clusters: no workers");
    this.#workers = options.workers;
    this.#ports = new PortAllocator(options.ports.min, options.ports.max);
    for (const channel of this.#workers) {
      channel.onMessage((message) => {
        switch (message.type) {
          case "answer":
          case "failure": {
            const pending = this.#pending.get(message.id);
            if (!pending) return;
            this.#pending.delete(message.id);
            if (message.type === "answer") pending.resolve(message.value);
            else pending.reject(fromWireError(message.error));
            return;
          }
          case "event":
            return options.onEvent?.(message.event, message.cluster);
          case "registered":
            for (const listener of this.#registeredListeners) listener(message.cluster);
            return;
          case "log":
            return options.onLog?.(message.level, message.message, message.fields);
        }
      });
    }
  }

  /** How many workers hold clusters. */
  get workerCount(): number {
    return this.#workers.length;
  }

  /** The worker a cluster lives on: a stable hash of `namespace/name`. */
  workerOf(ref: ClusterRef): number {
    return workerIndexOf(`${ref.namespace}/${ref.name}`, this.#workers.length);
  }

  /**
   * Takes in the clusters the workers restored from their journals (`--data-dir`): their ports
   * are handed out, and they list in port order (the registration order across workers is not
   * journaled; ports are handed out lowest first, so it is close).
   */
  adopt(clusters: readonly RestoredAddress[]): void {
    for (const { resourceName, port } of [...clusters].sort((a, b) => a.port - b.port)) {
      this.#ports.hold(port);
      this.#clusters.set(resourceName, port);
    }
  }

  register(request: RegisterRequest): Promise<ClusterAddress> {
    const key = `${request.namespace}/${request.name}`;
    const registering = this.#registering.get(key);
    // A second call for a cluster on its way: the worker checks port and CAs once it exists.
    if (this.#clusters.has(key) || registering) {
      return (registering ?? Promise.resolve()).then(() =>
        this.#call(this.#worker(request), "register", request) as Promise<ClusterAddress>
      );
    }
    const created = this.#create(request).finally(() => this.#registering.delete(key));
    this.#registering.set(key, created);
    return created;
  }

  // The port is chosen here, as `ClusterRegistry` would (same messages), then claimed by the
  // worker; a failed registration gives it back.
  async #create(request: RegisterRequest): Promise<ClusterAddress> {
    const { namespace, name } = request;
    const port = await this.#ports.take(
      `${namespace}/${name}`,
      request.port,
      this.options.isPortFree,
    );
    try {
      const address = await this.#call(this.#worker(request), "register", { ...request, port });
      this.#clusters.set(`${namespace}/${name}`, port);
      return address as ClusterAddress;
    } catch (error) {
      this.#ports.release(port);
      throw error;
    }
  }

  reportNode(report: NodeReport): Promise<void> {
    const ref = { namespace: report.namespace, name: report.cluster };
    return this.#call(this.#worker(ref), "reportNode", report) as Promise<void>;
  }

  runPhase(report: NodeReport, phase: BootPhase): Promise<void> {
    const ref = { namespace: report.namespace, name: report.cluster };
    return this.#call(this.#worker(ref), "runPhase", report, phase) as Promise<void>;
  }

  async unregister(ref: ClusterRef): Promise<ClusterAddress> {
    const address = await this.#call(this.#worker(ref), "unregister", ref) as ClusterAddress;
    this.#clusters.delete(address.resourceName);
    this.#ports.release(address.port);
    return address;
  }

  view(ref: ClusterRef): Promise<ClusterView> {
    return this.#call(this.#worker(ref), "view", ref) as Promise<ClusterView>;
  }

  async views(refs?: readonly ClusterRef[]): Promise<ClusterView[]> {
    const byWorker = this.#workers.map((): ClusterRef[] => []);
    for (const ref of refs ?? this.#refs()) byWorker[this.workerOf(ref)].push(ref);
    const answers = await Promise.all(
      byWorker.map((group, index) =>
        group.length === 0
          ? Promise.resolve([])
          : this.#call(index, "views", group) as Promise<ClusterView[]>
      ),
    );
    return this.#inOrder(answers.flat(), refs);
  }

  async summaries(): Promise<ClusterSummary[]> {
    const answers = await Promise.all(
      this.#workers.map((_, index) => this.#call(index, "summaries") as Promise<ClusterSummary[]>),
    );
    return this.#inOrder(answers.flat());
  }

  summary(ref: ClusterRef): Promise<ClusterSummary | undefined> {
    return this.#call(this.#worker(ref), "summary", ref) as Promise<ClusterSummary | undefined>;
  }

  command<K extends ClusterCommandKind>(
    ref: ClusterRef,
    command: ClusterCommand<K>,
  ): Promise<ClusterCommandResult<K>> {
    return this.#call(this.#worker(ref), "command", ref, command) as Promise<
      ClusterCommandResult<K>
    >;
  }

  onRegistered(listener: (cluster: ClusterAddress) => void): () => void {
    this.#registeredListeners.add(listener);
    return () => this.#registeredListeners.delete(listener);
  }

  /** Each worker's Prometheus text, in worker order. */
  metrics(): Promise<string[]> {
    return Promise.all(
      this.#workers.map((_, index) => this.#call(index, "metrics") as Promise<string>),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((_, index) => this.#call(index, "close")));
  }

  #worker(ref: ClusterRef | RegisterRequest): number {
    return this.workerOf(ref);
  }

  #refs(): ClusterRef[] {
    return [...this.#clusters.keys()].map((key) => {
      const slash = key.indexOf("/");
      return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
    });
  }

  // Registration order (or the order asked for), whatever order the workers answered in.
  #inOrder<T extends { resourceName: string }>(items: T[], refs?: readonly ClusterRef[]): T[] {
    const order = new Map<string, number>();
    let index = 0;
    if (refs) { for (const ref of refs) order.set(`${ref.namespace}/${ref.name}`, index++); }
    else for (const key of this.#clusters.keys()) order.set(key, index++);
    const rank = (item: T) => order.get(item.resourceName) ?? Number.MAX_SAFE_INTEGER;
    return items.sort((a, b) => rank(a) - rank(b));
  }

  /**
   * A worker ended on its own: its calls in flight fail, and so does every later call for its
   * clusters (503 through the control API), while the other workers keep serving.
   */
  workerGone(worker: number, reason: string): void {
    this.#gone.set(worker, reason);
    for (const [id, pending] of this.#pending) {
      if (pending.worker !== worker) continue;
      this.#pending.delete(id);
      pending.reject(this.#goneError(worker));
    }
  }

  #goneError(worker: number): HostError {
    return new HostError("Unavailable", `worker ${worker} is gone: ${this.#gone.get(worker)}`);
  }

  #call(worker: number, method: HostMethod, ...args: unknown[]): Promise<unknown> {
    if (this.#gone.has(worker)) return Promise.reject(this.#goneError(worker));
    const id = ++this.#nextId;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { worker, resolve, reject });
      this.#workers[worker].post({ type: "call", id, method, args });
    });
  }
}

/**
 * The worker (of `workers`) a `namespace/name` key is placed on: FNV-1a over UTF-16 code units,
 * cheap and stable across runs and runtimes (journals are re-placed with it when `--workers`
 * changes).
 */
export function workerIndexOf(key: string, workers: number): number {
  return fnv32a(key) % workers;
}
