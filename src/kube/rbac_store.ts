// A cluster's stored RBAC objects as the authorizer reads them (src/auth `RbacSource`).

import type { RbacBinding, RbacRole, RbacSource } from "../auth/mod.ts";
import { BUILTIN_CATALOG } from "../resources/mod.ts";
import type { ObjectStore } from "../store/mod.ts";

const RBAC = "rbac.authorization.k8s.io";
const ROLES = BUILTIN_CATALOG.byKey(`${RBAC}/roles`)!;
const ROLE_BINDINGS = BUILTIN_CATALOG.byKey(`${RBAC}/rolebindings`)!;
const CLUSTER_ROLES = BUILTIN_CATALOG.byKey(`${RBAC}/clusterroles`)!;
const CLUSTER_ROLE_BINDINGS = BUILTIN_CATALOG.byKey(`${RBAC}/clusterrolebindings`)!;

/** Reads Roles, ClusterRoles and bindings straight from the store: always the current state. */
export function rbacSourceOf(store: ObjectStore): RbacSource {
  return {
    clusterRoleBindings: () => store.list(CLUSTER_ROLE_BINDINGS) as unknown as RbacBinding[],
    roleBindings: (namespace) => store.list(ROLE_BINDINGS, namespace) as unknown as RbacBinding[],
    clusterRole: (name) => store.get(CLUSTER_ROLES, undefined, name) as RbacRole | undefined,
    role: (namespace, name) => store.get(ROLES, namespace, name) as RbacRole | undefined,
  };
}
