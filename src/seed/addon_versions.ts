// What kubeadm changes between Kubernetes minors: CoreDNS version, config API version, names.

import { kubernetesMinor } from "../api/version/mod.ts";

// kubeadm's `constants.CoreDNSVersion` in each release branch.
const COREDNS_BY_MINOR: Record<number, string> = {
  25: "v1.9.3",
  26: "v1.9.3",
  27: "v1.10.1",
  28: "v1.10.1",
  29: "v1.11.1",
  30: "v1.11.1",
  31: "v1.11.3",
  32: "v1.11.3",
  33: "v1.12.0",
  34: "v1.12.1",
  35: "v1.13.1",
};

const DEFAULT_MINOR = 33;

/** True when the Kubernetes version's minor is at least `minor` (unknown versions count as recent). */
export function atLeastMinor(kubernetesVersion: string, minor: number): boolean {
  return (kubernetesMinor(kubernetesVersion) ?? DEFAULT_MINOR) >= minor;
}

/** The CoreDNS image tag kubeadm deploys with a Kubernetes version (the nearest known one otherwise). */
export function coreDNSImageTag(kubernetesVersion: string): string {
  const minor = kubernetesMinor(kubernetesVersion) ?? DEFAULT_MINOR;
  const known = Object.keys(COREDNS_BY_MINOR).map(Number).sort((a, b) => a - b);
  const nearest = known.filter((m) => m <= minor).pop() ?? known[0];
  return COREDNS_BY_MINOR[nearest];
}

/** The kubeadm config API kubeadm writes: `v1beta4` from 1.31 on, `v1beta3` before. */
export function kubeadmAPIVersion(kubernetesVersion: string): string {
  return atLeastMinor(kubernetesVersion, 31) ? "kubeadm.k8s.io/v1beta4" : "kubeadm.k8s.io/v1beta3";
}

/** The kubelet ConfigMap's name: `kubelet-config` since 1.24, `kubelet-config-1.<minor>` before. */
export function kubeletConfigMapName(kubernetesVersion: string): string {
  if (atLeastMinor(kubernetesVersion, 24)) return "kubelet-config";
  return `kubelet-config-1.${kubernetesMinor(kubernetesVersion)}`;
}
