// What the registry tells a durability journal, and what it is given back on restart (plain data).

import type { SavedEtcd } from "../etcd/mod.ts";
import type { FaultRule } from "../faults/mod.ts";
import type { ReplayedChange, SnapshotText, StoreChange, StoreSnapshot } from "../store/mod.ts";
import type { SavedCertificateAuthority } from "../pki/mod.ts";
import type { SuppliedCa } from "./ca_sourcing.ts";
import type { ClusterSettings } from "./cluster_settings.ts";
import type { FakeCluster, ListenerState } from "./fake_cluster.ts";
import type { KubeadmSettings } from "./kubeadm_settings.ts";
import type { NodeReport } from "./node_report.ts";
import type { ProvisioningDelays } from "./provisioning.ts";

/** What identifies a registered cluster for good: its port, provisioning and (once known) CAs. */
export interface RegisteredCluster {
  readonly namespace: string;
  readonly name: string;
  readonly port: number;
  readonly provisioning: ProvisioningDelays;
  /** The kubeadm settings of the register call (a provider may update them later itself). */
  readonly kubeadm?: KubeadmSettings;
  readonly ca?: SavedCertificateAuthority;
  readonly etcdCa?: SavedCertificateAuthority;
}

/** A cluster's state beyond its objects that a restart must bring back. */
export interface ClusterState {
  readonly activated: boolean;
  readonly kubernetesVersion: string;
  /** Each control plane's version, by node name (what `/version` is derived from). */
  readonly controlPlaneVersions: readonly (readonly [string, string])[];
  readonly listener: ListenerState;
}

/**
 * Hears every change to the registry, synchronously and in order, before the call that made it
 * answers (`cluster` is the `namespace/name` key).
 */
export interface RegistryJournal {
  registered(cluster: RegisteredCluster): void;
  /** The CAs arrived later (from the management cluster's secrets). */
  casProvided(
    cluster: string,
    ca: SavedCertificateAuthority,
    etcdCa: SavedCertificateAuthority,
  ): void;
  /** The serving certificate of the cluster's listener was issued. */
  servingIssued(cluster: string, serving: SuppliedCa): void;
  stateChanged(cluster: string, state: ClusterState): void;
  storeChanged(cluster: string, change: StoreChange): void;
  /** A machine boots with delays: its (latest) report and when its boot began. */
  bootPending(cluster: string, machine: BootingMachine): void;
  /** The machine's boot ended (done or failed). */
  bootSettled(cluster: string, nodeName: string): void;
  /** The cluster's etcd membership now (member added, removed, updated; leader; alarm). */
  etcdChanged(cluster: string, etcd: SavedEtcd): void;
  /** The cluster's fault rules now (added, removed, cleared, or a counted rule matched). */
  faultsChanged(cluster: string, rules: readonly FaultRule[]): void;
  /** The cluster's control API settings now (kubelet delays, lease renewal). */
  settingsChanged(cluster: string, settings: ClusterSettings): void;
  unregistered(cluster: string): void;
}

/** A machine still booting: the report it boots with and when its boot began (ms since epoch). */
export interface BootingMachine {
  readonly report: NodeReport;
  readonly startedAt: number;
}

/** One cluster as the journal and snapshot left it, for `ClusterRegistry.restore`. */
export interface RestoredCluster {
  readonly registered: RegisteredCluster;
  readonly state?: ClusterState;
  readonly serving?: SuppliedCa;
  /** Its fault rules as last journaled (a counted rule with the count it had left). */
  readonly faults?: readonly FaultRule[];
  /** Its etcd members, leader and alarms as last journaled. */
  readonly etcd?: SavedEtcd;
  /** Its control API settings as last journaled (none when never set). */
  readonly settings?: ClusterSettings;
  /** Machines whose delayed boot had not ended (resumed with what is left of their delays). */
  readonly booting?: readonly BootingMachine[];
  /**
   * The store as of the last snapshot, if one holds the cluster; as its text when read from a
   * file (the store parses it on first use).
   */
  readonly snapshot?: StoreSnapshot | SnapshotText;
  /** The changes after it, in resourceVersion order. */
  readonly changes: readonly ReplayedChange[];
}

/** The state of a cluster as the journal records it. */
export function clusterState(
  cluster: Pick<
    FakeCluster,
    "activated" | "kubernetesVersion" | "controlPlaneVersions" | "listenerState"
  >,
): ClusterState {
  return {
    activated: cluster.activated,
    kubernetesVersion: cluster.kubernetesVersion,
    controlPlaneVersions: cluster.controlPlaneVersions(),
    listener: cluster.listenerState,
  };
}

/** Whether two states are the same (then nothing is journaled). */
export function sameState(a: ClusterState | undefined, b: ClusterState): boolean {
  return a !== undefined && a.activated === b.activated &&
    a.kubernetesVersion === b.kubernetesVersion &&
    a.listener === b.listener &&
    JSON.stringify(a.controlPlaneVersions) === JSON.stringify(b.controlPlaneVersions);
}
