// Builders for the RBAC objects kubeadm creates: one rule shape, subjects by kind.

import type { KubeObject } from "../store/mod.ts";

const RBAC = "rbac.authorization.k8s.io";
const API_VERSION = `${RBAC}/v1`;

/** A subject: `Group`/`User` by name, or a kube-system `ServiceAccount`. */
export type Subject = { kind: "Group" | "User"; name: string } | {
  kind: "ServiceAccount";
  name: string;
  namespace: string;
};

/** A PolicyRule as kubeadm writes it (no empty fields). */
export interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
}

/** A namespaced Role granting `get` on named ConfigMaps, kubeadm's usual read grant. */
export function configMapReaderRole(
  namespace: string,
  name: string,
  configMap: string,
): KubeObject {
  return role(namespace, name, [
    { verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: [configMap] },
  ]);
}

/** A namespaced Role. */
export function role(namespace: string, name: string, rules: Rule[]): KubeObject {
  return { apiVersion: API_VERSION, kind: "Role", metadata: { name, namespace }, rules };
}

/** A RoleBinding to the Role of the same name. */
export function roleBinding(namespace: string, name: string, subjects: Subject[]): KubeObject {
  return {
    apiVersion: API_VERSION,
    kind: "RoleBinding",
    metadata: { name, namespace },
    roleRef: { apiGroup: RBAC, kind: "Role", name },
    subjects: subjects.map(withApiGroup),
  };
}

/** A ClusterRole. */
export function clusterRole(name: string, rules: Rule[]): KubeObject {
  return { apiVersion: API_VERSION, kind: "ClusterRole", metadata: { name }, rules };
}

/** A ClusterRoleBinding to the ClusterRole `roleName`. */
export function clusterRoleBinding(
  name: string,
  roleName: string,
  subjects: Subject[],
): KubeObject {
  return {
    apiVersion: API_VERSION,
    kind: "ClusterRoleBinding",
    metadata: { name },
    roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: roleName },
    subjects: subjects.map(withApiGroup),
  };
}

// The apiserver defaults apiGroup on Group and User subjects; ServiceAccounts have none.
// Field order follows rbacv1.Subject, as the apiserver serializes it.
function withApiGroup(subject: Subject): Record<string, string> {
  if (subject.kind === "ServiceAccount") return { ...subject };
  return { kind: subject.kind, apiGroup: RBAC, name: subject.name };
}
