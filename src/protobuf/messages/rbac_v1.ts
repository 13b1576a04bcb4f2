// rbac.authorization.k8s.io/v1 messages; field numbers from kubernetes/api rbac/v1/generated.proto (v0.26).

import type { MessageTable } from "../descriptor.ts";

/** Role, ClusterRole, RoleBinding, ClusterRoleBinding and their parts. */
export const RBAC_V1: MessageTable = {
  Role: { 1: "metadata ObjectMeta", 2: "rules PolicyRule[]" },
  ClusterRole: {
    1: "metadata ObjectMeta",
    2: "rules PolicyRule[]",
    3: "aggregationRule AggregationRule",
  },
  RoleBinding: { 1: "metadata ObjectMeta", 2: "subjects Subject[]", 3: "roleRef RoleRef" },
  ClusterRoleBinding: { 1: "metadata ObjectMeta", 2: "subjects Subject[]", 3: "roleRef RoleRef" },
  PolicyRule: {
    1: "verbs string[]",
    2: "apiGroups string[]",
    3: "resources string[]",
    4: "resourceNames string[]",
    5: "nonResourceURLs string[]",
  },
  AggregationRule: { 1: "clusterRoleSelectors LabelSelector[]" },
  Subject: { 1: "kind string?", 2: "apiGroup string", 3: "name string?", 4: "namespace string" },
  RoleRef: { 1: "apiGroup string?", 2: "kind string?", 3: "name string?" },
};
