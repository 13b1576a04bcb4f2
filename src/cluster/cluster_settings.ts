// A cluster's settings made after it registered (control API `PUT .../kubelet`, `.../lease-renewal`,
// a provider's KCP bind port): what the journal keeps of them, and how a change or a restore
// applies them to the cluster.

import type { FakeCluster } from "./fake_cluster.ts";

/** The fake kubelets' pod start and stop delays, as set through the control API. */
export interface KubeletDelays {
  readonly podStartDelayMs: number;
  readonly podStopDelayMs: number;
}

/**
 * What a control client (or a provider) set on a cluster, each field only once set: a restart
 * brings back what was acknowledged, and a setting never set follows the new process's flags
 * (`--lease-renewal`) and the register call.
 */
export interface ClusterSettings {
  readonly kubelet?: KubeletDelays;
  readonly leaseRenewal?: boolean;
  /** The KCP's kube-apiserver bind port a provider learned after the cluster registered. */
  readonly apiServerBindPort?: number;
}

/** A settings change: the delays given (either alone), lease renewal on or off, a bind port. */
export interface SettingsChange {
  readonly podStartDelayMs?: number;
  readonly podStopDelayMs?: number;
  readonly leaseRenewal?: boolean;
  readonly apiServerBindPort?: number;
}

/**
 * Applies `change` to `cluster` and returns its settings after it (`before` with the fields the
 * change set), or `before` itself when the change sets nothing.
 */
export function changeSettings(
  cluster: FakeCluster,
  before: ClusterSettings,
  change: SettingsChange,
): ClusterSettings {
  let after = before;
  if (change.podStartDelayMs !== undefined || change.podStopDelayMs !== undefined) {
    const current = cluster.kubeletTiming;
    const kubelet = {
      podStartDelayMs: change.podStartDelayMs ?? current.podStartDelayMs,
      podStopDelayMs: change.podStopDelayMs ?? current.podStopDelayMs,
    };
    cluster.kubeletTiming = kubelet;
    after = { ...after, kubelet };
  }
  if (change.leaseRenewal !== undefined) {
    cluster.setLeaseRenewal(change.leaseRenewal);
    after = { ...after, leaseRenewal: change.leaseRenewal };
  }
  if (change.apiServerBindPort !== undefined) {
    cluster.kubeadm = { ...cluster.kubeadm, apiServerBindPort: change.apiServerBindPort };
    after = { ...after, apiServerBindPort: change.apiServerBindPort };
  }
  return after;
}

/** Applies restored settings to a cluster that was just rebuilt. */
export function restoreSettings(cluster: FakeCluster, settings: ClusterSettings): void {
  const { kubelet, leaseRenewal, apiServerBindPort } = settings;
  changeSettings(cluster, {}, { ...kubelet, leaseRenewal, apiServerBindPort });
}

/** Whether two settings are the same (then nothing is journaled). */
export function sameSettings(a: ClusterSettings, b: ClusterSettings): boolean {
  return a.leaseRenewal === b.leaseRenewal && a.apiServerBindPort === b.apiServerBindPort &&
    a.kubelet?.podStartDelayMs === b.kubelet?.podStartDelayMs &&
    a.kubelet?.podStopDelayMs === b.kubelet?.podStopDelayMs;
}
