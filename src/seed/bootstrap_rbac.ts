// The cluster-wide RBAC kubeadm init creates for admins and for nodes joining with bootstrap tokens.

import type { KubeObject } from "../store/mod.ts";
import { clusterRole, clusterRoleBinding } from "./_rbac.ts";
import { atLeastMinor } from "./addon_versions.ts";

/** The group every kubeadm bootstrap token authenticates as. */
export const BOOTSTRAP_TOKEN_GROUP = "system:bootstrappers:kubeadm:default-node-token";

const bootstrappers = [{ kind: "Group" as const, name: BOOTSTRAP_TOKEN_GROUP }];

/** ClusterRole and ClusterRoleBinding `kubeadm:get-nodes`: bootstrap tokens may get Nodes. */
export function renderGetNodesRBAC(): KubeObject[] {
  return [
    clusterRole("kubeadm:get-nodes", [{ verbs: ["get"], apiGroups: [""], resources: ["nodes"] }]),
    clusterRoleBinding("kubeadm:get-nodes", "kubeadm:get-nodes", bootstrappers),
  ];
}

// The first kubeadm of each minor whose init binds the API server's kubelet client explicitly
// (kubernetes/kubernetes#138957: v1.33.12, v1.34.8, v1.35.5, v1.36.1, and 1.37 on), as CAPI's
// troubleshooting guide lists them; KCP's EnsureKubeadmPermissions creates it on older ones.
const KUBELET_CLIENT_BINDING_SINCE: Record<number, number> = { 33: 12, 34: 8, 35: 5, 36: 1 };

/** Whether kubeadm init at this version creates `kubeadm:apiserver-kubelet-client`. */
export function bindsApiServerKubeletClient(kubernetesVersion: string): boolean {
  const match = /^v?1\.(\d+)\.(\d+)/.exec(kubernetesVersion);
  if (!match) return false;
  const [minor, patch] = [Number(match[1]), Number(match[2])];
  if (minor >= 37) return true;
  const since = KUBELET_CLIENT_BINDING_SINCE[minor];
  return since !== undefined && patch >= since;
}

/**
 * Every ClusterRole/ClusterRoleBinding kubeadm init adds: `kubeadm:cluster-admins` (1.29+), the
 * TLS-bootstrap and CSR auto-approval bindings, `kubeadm:get-nodes`, and on recent patch releases
 * `kubeadm:apiserver-kubelet-client`.
 */
export function renderBootstrapRBAC(kubernetesVersion: string): KubeObject[] {
  const admins = atLeastMinor(kubernetesVersion, 29)
    ? [
      clusterRoleBinding("kubeadm:cluster-admins", "cluster-admin", [
        { kind: "Group", name: "kubeadm:cluster-admins" },
      ]),
    ]
    : [];
  const kubeletClient = bindsApiServerKubeletClient(kubernetesVersion)
    ? [
      clusterRoleBinding("kubeadm:apiserver-kubelet-client", "system:kubelet-api-admin", [
        { kind: "User", name: "kube-apiserver-kubelet-client" },
      ]),
    ]
    : [];
  return [
    ...admins,
    ...kubeletClient,
    ...renderGetNodesRBAC(),
    clusterRoleBinding("kubeadm:kubelet-bootstrap", "system:node-bootstrapper", bootstrappers),
    clusterRoleBinding(
      "kubeadm:node-autoapprove-bootstrap",
      "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
      bootstrappers,
    ),
    clusterRoleBinding(
      "kubeadm:node-autoapprove-certificate-rotation",
      "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
      [{ kind: "Group", name: "system:nodes" }],
    ),
  ];
}
