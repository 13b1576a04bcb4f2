// A cluster's settings made through the control API (`PUT .../kubelet`, `.../lease-renewal`): what
// the journal keeps of them, and how a change or a restore applies them to the cluster.

import type { FakeCluster } from "./fake_cluster.ts";

/** The fake kubelets' pod start and stop delays, as set through the control API. */
export interface KubeletDelays {
  readonly podStartDelayMs: number;
  readonly podStopDelayMs: number;
}

/**
 * What a control client set on a cluster, each field only once set: a restart brings back what was
 * acknowledged, and a setting never set follows the new process's flags (`--lease-renewal`).
 */
export interface ClusterSettings {
  readonly kubelet?: KubeletDelays;
  readonly leaseRenewal?: boolean;
}

/** A settings change: the delays given (either alone), lease renewal on or off. */
export interface SettingsChange {
  readonly podStartDelayMs?: number;
  readonly podStopDelayMs?: number;
  readonly leaseRenewal?: boolean;
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
  return after;
}

/** Applies restored settings to a cluster that was just rebuilt. */
export function restoreSettings(cluster: FakeCluster, settings: ClusterSettings): void {
  changeSettings(cluster, {}, { ...settings.kubelet, leaseRenewal: settings.leaseRenewal });
}

/** Whether two settings are the same (then nothing is journaled). */
export function sameSettings(a: ClusterSettings, b: ClusterSettings): boolean {
  return a.leaseRenewal === b.leaseRenewal &&
    a.kubelet?.podStartDelayMs === b.kubelet?.podStartDelayMs &&
    a.kubelet?.podStopDelayMs === b.kubelet?.podStopDelayMs;
}
