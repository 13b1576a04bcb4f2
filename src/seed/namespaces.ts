// The namespaces a new cluster starts with, as kube-apiserver and kubeadm create them.

import type { KubeObject } from "../store/mod.ts";

/** Namespaces that exist from a cluster's start. */
export const SYSTEM_NAMESPACES = ["default", "kube-node-lease", "kube-public", "kube-system"];

/** A Namespace object as the apiserver stores it (it labels every namespace with its name). */
export function renderNamespace(name: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name, labels: { "kubernetes.io/metadata.name": name } },
    spec: { finalizers: ["kubernetes"] },
    status: { phase: "Active" },
  };
}
