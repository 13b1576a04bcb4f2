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

/**
 * Every ClusterRole/ClusterRoleBinding kubeadm init adds: `kubeadm:cluster-admins` (1.29+), the
 * TLS-bootstrap and CSR auto-approval bindings, and `kubeadm:get-nodes`.
 */
export function renderBootstrapRBAC(kubernetesVersion: string): KubeObject[] {
  const admins = atLeastMinor(kubernetesVersion, 29)
    ? [
      clusterRoleBinding("kubeadm:cluster-admins", "cluster-admin", [
        { kind: "Group", name: "kubeadm:cluster-admins" },
      ]),
    ]
    : [];
  return [
    ...admins,
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
