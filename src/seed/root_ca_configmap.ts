// The kube-root-ca.crt ConfigMap kube-controller-manager's root-CA publisher puts in every namespace.

import type { KubeObject } from "../store/mod.ts";

const DESCRIPTION =
  "Contains a CA bundle that can be used to verify the kube-apiserver when using " +
  "internal endpoints such as the internal service IP or kubernetes.default.svc. " +
  "No other usage is guaranteed across distributions of Kubernetes clusters.";

/** The `kube-root-ca.crt` ConfigMap of a namespace, holding the cluster CA under `ca.crt`. */
export function renderRootCAConfigMap(namespace: string, caCertificatePem: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: "kube-root-ca.crt",
      namespace,
      annotations: { "kubernetes.io/description": DESCRIPTION },
    },
    data: { "ca.crt": caCertificatePem },
  };
}
