// Image versions kubeadm pairs with each Kubernetes minor release (kubeadm's constants).

import { kubernetesMinor } from "../api/version/mod.ts";

const ETCD_BY_MINOR: Record<number, string> = {
  27: "3.5.7-0",
  28: "3.5.9-0",
  29: "3.5.10-0",
  30: "3.5.12-0",
  31: "3.5.15-0",
  32: "3.5.16-0",
  33: "3.5.21-0",
  34: "3.6.4-0",
  35: "3.6.5-0",
};

/** The etcd image tag kubeadm uses for a Kubernetes version (the nearest known one otherwise). */
export function etcdImageTag(kubernetesVersion: string): string {
  const minor = kubernetesMinor(kubernetesVersion) ?? 33;
  const known = Object.keys(ETCD_BY_MINOR).map(Number).sort((a, b) => a - b);
  const nearest = known.filter((m) => m <= minor).pop() ?? known[0];
  return ETCD_BY_MINOR[nearest];
}

/** An OCI image tag for a version, as kubeadm derives it: `+` is not allowed in tags. */
export function imageTag(kubernetesVersion: string): string {
  return kubernetesVersion.replaceAll("+", "_");
}
