// kube-apiserver feature gates whose default changes what a client sees, per Kubernetes minor.
//
// Source: k8s.io/kubernetes pkg/features/kube_features.go (and versioned_kube_features.go in
// v1.32) of v1.29.15 … v1.36.3: `genericfeatures.WatchList` is Alpha (off) until 1.31, Beta on in
// 1.32, switched back off in 1.33 ("the json and proto streaming encoders appear to work
// better"), on again from 1.34.

import { kubernetesMinor } from "../api/version/mod.ts";

const WATCH_LIST_BY_MINOR: Readonly<Record<number, boolean>> = {
  29: false,
  30: false,
  31: false,
  32: true,
  33: false,
  34: true,
  35: true,
  36: true,
};

/** Whether the WatchList gate (`sendInitialEvents` on a watch) is on by default for a version. */
export function watchListEnabled(kubernetesVersion: string): boolean {
  const minor = kubernetesMinor(kubernetesVersion);
  if (minor === undefined) return true;
  return WATCH_LIST_BY_MINOR[minor] ?? minor > 36;
}
