// The parts of a cluster's kubeadm configuration that show on its nodes and static pods.

import type { NodeTaint } from "./node_report.ts";

/** What KCP's `kubeadmConfigSpec` says about the control planes, as far as a fake needs it. */
export interface KubeadmSettings {
  /**
   * `initConfiguration.localAPIEndpoint.bindPort`: where each kube-apiserver listens on its node,
   * and so the port KCP port-forwards to on `kube-apiserver-<node>` (kubeadm's default 6443).
   */
  readonly apiServerBindPort: number;
  /**
   * `nodeRegistration.taints` of the control planes; absent means kubeadm's default (the
   * `node-role.kubernetes.io/control-plane:NoSchedule` taint), an empty list means none, as KCP's
   * `NodeKubeadmLabelsAndTaintsSet` check reads it.
   */
  readonly controlPlaneTaints?: readonly NodeTaint[];
}

/** kubeadm's defaults: bind port 6443, the default control-plane taint. */
export const DEFAULT_KUBEADM_SETTINGS: KubeadmSettings = Object.freeze({ apiServerBindPort: 6443 });
