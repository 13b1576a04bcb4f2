// The cluster host boundary: every operation the control API, the dashboard, the management
// watchers and the provider perform on a cluster, as one small async interface whose inputs and
// answers are plain data (structured-clone and JSON safe), so that a cluster may live in this
// thread (`LocalClusterHost`), in a worker thread, or in a peer replica behind HTTP.

import type { BootPhase, NodeReport, RegisterRequest } from "../cluster/mod.ts";
import type { EtcdClusterSnapshot } from "../etcd/mod.ts";
import type { FaultRule } from "../faults/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import type { ClusterView } from "./cluster_view.ts";

/** Names one cluster. */
export interface ClusterRef {
  readonly namespace: string;
  readonly name: string;
}

/** Where a registered cluster serves: what `/register` answers and `DELETE` reports. */
export interface ClusterAddress extends ClusterRef {
  /** `namespace/name`. */
  readonly resourceName: string;
  readonly host: string;
  readonly port: number;
}

/** A cluster's API traffic over the last minute (the dashboard's rates). */
export interface ClusterTraffic {
  readonly requestsPerSecond: number;
  /** Answers with a 5xx or 429 per second. */
  readonly errorsPerSecond: number;
  /** Watches open now. */
  readonly watches: number;
}

/** Requests of one minute by `verb resource code` (the dashboard's traffic chart). */
export interface TrafficMinute {
  readonly minute: number;
  readonly counts: Record<string, number>;
}

/** Where a host reads its clusters' traffic (the dashboard's `RequestRates` fits). */
export interface TrafficSource {
  summary(cluster: string): ClusterTraffic;
  byMinute(cluster: string): TrafficMinute[];
}

/**
 * The cheap facts of one cluster, for lists that filter, count or page thousands of clusters
 * without rendering each one's full view (dashboard, `/metrics` gauges, watchers).
 */
export interface ClusterSummary extends ClusterAddress {
  readonly listener: "pending" | "serving" | "stopped";
  /** Whether a listener is bound right now. */
  readonly serving: boolean;
  /** Whether the first control plane has activated the cluster. */
  readonly activated: boolean;
  readonly nodes: number;
  readonly booting: number;
  readonly faults: number;
  /** Its API traffic, where the host counts it (zeros otherwise). */
  readonly traffic: ClusterTraffic;
  /**
   * Changes each time the name is registered anew (a re-registered cluster starts empty), so a
   * caller can keep per-instance state without holding the cluster object.
   */
  readonly incarnation: number;
}

/** A change of a cluster's fake etcd, as the control API's etcd routes ask for it. */
export type EtcdControlChange =
  | { readonly leader: string | null }
  | { readonly member: string; readonly learner: boolean }
  | { readonly member: string; readonly alarm: "NOSPACE" | "CORRUPT"; readonly active: boolean };

/** A client certificate for etcdctl with the etcd CA to trust. */
export interface EtcdClientCertificate {
  readonly commonName: string;
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/** A static pod (the kubelet's mirror pod) as the dashboard lists it. */
export interface StaticPodRow {
  readonly name: string;
  readonly node?: string;
  readonly phase?: string;
  readonly ready: boolean;
}

/**
 * The operations on one registered cluster, by kind: what each takes and answers. A command on a
 * name that is not registered fails with `HostError` "NotFound".
 */
export interface ClusterCommands {
  /** An admin kubeconfig (kubernetes-admin, system:masters), made once per cluster. */
  kubeconfig: { input: Record<never, never>; output: string };
  /** The `<cluster>-ca` and `<cluster>-etcd` Secrets as CAPI stores them, as YAML. */
  caSecrets: { input: Record<never, never>; output: string };
  /** A fresh etcdctl client certificate ("Unavailable" while the CAs are pending). */
  etcdClientCertificate: { input: Record<never, never>; output: EtcdClientCertificate };
  /** Deletes a machine as a control client asks (Node, Lease, static pods, etcd member). */
  deleteNode: { input: { readonly node: string }; output: void };
  /** Removes a machine whose source (Machine, BareMetalHost, FkasMachine) went away. */
  removeMachine: { input: { readonly node: string }; output: void };
  /** The stored Node, or null. */
  node: { input: { readonly node: string }; output: KubeObject | null };
  /** Sets one Node condition; answers the cluster view. */
  setNodeCondition: {
    input: {
      readonly node: string;
      readonly condition: {
        readonly type: string;
        readonly status: "True" | "False" | "Unknown";
        readonly reason?: string;
        readonly message?: string;
      };
      /** The transition time (ISO 8601), from the caller's clock. */
      readonly now: string;
    };
    output: ClusterView;
  };
  /** Reads, or changes, the kubelets' pod start and stop delays. */
  kubelet: {
    input: { readonly podStartDelayMs?: number; readonly podStopDelayMs?: number };
    output: { podStartDelayMs: number; podStopDelayMs: number };
  };
  /** Reads, or switches, Lease renewals. */
  leaseRenewal: { input: { readonly enabled?: boolean }; output: boolean };
  /** Starts or stops the cluster's listener; answers the cluster view. */
  listener: { input: { readonly action: "start" | "stop" }; output: ClusterView };
  /** The fault rules, in order. */
  faults: { input: Record<never, never>; output: FaultRule[] };
  /** Adds (or replaces, by id) a rule; "Invalid" for a resource not served, "Conflict" when full. */
  addFault: { input: { readonly rule: FaultRule; readonly maxRules: number }; output: FaultRule };
  /** Removes one rule ("NotFound" when there is none with that id). */
  removeFault: { input: { readonly id: string }; output: void };
  /** Removes every rule; answers how many there were. */
  clearFaults: { input: Record<never, never>; output: number };
  /** The fake etcd's members, leader and alarms, after `change` when one is given. */
  etcd: { input: { readonly change?: EtcdControlChange }; output: EtcdClusterSnapshot };
  /** Takes the API server bind port of its KubeadmControlPlane; answers whether it is activated. */
  apiServerBindPort: { input: { readonly port: number }; output: { activated: boolean } };
  /** The requests of the last minutes (the dashboard's traffic chart). */
  trafficMinutes: { input: Record<never, never>; output: TrafficMinute[] };
  /** The mirror pods of kube-system (the dashboard's cluster page). */
  staticPods: { input: Record<never, never>; output: StaticPodRow[] };
}

/** The kinds of `ClusterCommands`. */
export type ClusterCommandKind = keyof ClusterCommands;

/** One command as data: its kind and its input. */
export type ClusterCommand<K extends ClusterCommandKind = ClusterCommandKind> = K extends
  ClusterCommandKind ? { readonly kind: K } & ClusterCommands[K]["input"] : never;

/** What a command of kind `K` answers. */
export type ClusterCommandResult<K extends ClusterCommandKind> = ClusterCommands[K]["output"];

/**
 * Where clusters live. Every method is async and takes and answers plain data; failures are
 * `ClusterError` (registration, node reports) or `HostError` (commands) in every placement.
 */
export interface ClusterHost {
  /** Registers a cluster, or answers the existing one (FKAS `/register`). */
  register(request: RegisterRequest): Promise<ClusterAddress>;
  /** Applies a node report (FKAS `/updateNode`); the first control plane brings the listener up. */
  reportNode(report: NodeReport): Promise<void>;
  /** Runs one boot phase of a machine now (the provider keeps its own delays). */
  runPhase(report: NodeReport, phase: BootPhase): Promise<void>;
  /** Unregisters a cluster: listener closed, port freed, state dropped. */
  unregister(ref: ClusterRef): Promise<ClusterAddress>;
  /** The control API's view of one cluster ("NotFound" when not registered). */
  view(ref: ClusterRef): Promise<ClusterView>;
  /** The views of `refs` (those still registered), or of every cluster in registration order. */
  views(refs?: readonly ClusterRef[]): Promise<ClusterView[]>;
  /** One summary per cluster, in registration order. */
  summaries(): Promise<ClusterSummary[]>;
  /** The summary of one cluster, or undefined when it is not registered. */
  summary(ref: ClusterRef): Promise<ClusterSummary | undefined>;
  /** Runs one command on a registered cluster. */
  command<K extends ClusterCommandKind>(
    ref: ClusterRef,
    command: ClusterCommand<K>,
  ): Promise<ClusterCommandResult<K>>;
  /** Calls `listener` with each newly registered cluster; answers the unsubscribe. */
  onRegistered(listener: (cluster: ClusterAddress) => void): () => void;
  /** Closes every cluster's listener. */
  close(): Promise<void>;
}
