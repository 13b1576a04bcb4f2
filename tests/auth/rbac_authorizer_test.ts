// The RBAC authorizer over stored objects: bindings and their subjects, Roles in the binding's
// namespace, superusers, the reasons SubjectAccessReviews report, and RulesFor.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  authorize,
  type RbacBinding,
  type RbacRole,
  type RbacSource,
  type RequestAttributes,
  rulesFor,
  type UserInfo,
} from "../../src/auth/mod.ts";

function source(objects: {
  clusterRoles?: Record<string, RbacRole>;
  roles?: Record<string, RbacRole>;
  clusterRoleBindings?: RbacBinding[];
  roleBindings?: RbacBinding[];
}): RbacSource {
  return {
    clusterRoleBindings: () => objects.clusterRoleBindings ?? [],
    roleBindings: (ns) => (objects.roleBindings ?? []).filter((b) => b.metadata.namespace === ns),
    clusterRole: (name) => objects.clusterRoles?.[name],
    role: (ns, name) => objects.roles?.[`${ns}/${name}`],
  };
}

const POD_READER: RbacRole = {
  rules: [{ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] }],
};
const alice: UserInfo = { username: "alice", groups: ["dev", "system:authenticated"] };
const sa: UserInfo = {
  username: "system:serviceaccount:team:builder",
  groups: ["system:serviceaccounts"],
};

function get(resource: string, namespace = "", name = ""): RequestAttributes {
  return {
    kind: "resource",
    verb: "get",
    apiGroup: "",
    resource,
    subresource: "",
    namespace,
    name,
  };
}

describe("RBAC authorize", () => {
  it("system:masters is allowed everything with no reason, whatever is stored", () => {
    const decision = authorize(
      source({}),
      { username: "admin", groups: ["system:masters"] },
      get("secrets", "x"),
    );
    assert.deepEqual(decision, { allowed: true, reason: "" });
  });

  it("a ClusterRoleBinding to a group allows, naming binding, role and subject", () => {
    const rbac = source({
      clusterRoles: { "pod-reader": POD_READER },
      clusterRoleBindings: [{
        metadata: { name: "devs-read" },
        subjects: [{ kind: "Group", name: "dev" }],
        roleRef: { kind: "ClusterRole", name: "pod-reader" },
      }],
    });
    assert.deepEqual(authorize(rbac, alice, get("pods", "default")), {
      allowed: true,
      reason:
        'RBAC: allowed by ClusterRoleBinding "devs-read" of ClusterRole "pod-reader" to Group "dev"',
    });
    assert.equal(authorize(rbac, alice, get("secrets", "default")).allowed, false);
  });

  it("a RoleBinding allows only in its namespace, and its SA subject defaults to that namespace", () => {
    const rbac = source({
      roles: { "team/reader": POD_READER },
      roleBindings: [{
        metadata: { name: "build", namespace: "team" },
        subjects: [{ kind: "ServiceAccount", name: "builder" }],
        roleRef: { kind: "Role", name: "reader" },
      }],
    });
    assert.deepEqual(authorize(rbac, sa, get("pods", "team")), {
      allowed: true,
      reason:
        'RBAC: allowed by RoleBinding "build/team" of Role "reader" to ServiceAccount "builder/team"',
    });
    assert.equal(authorize(rbac, sa, get("pods", "other")).allowed, false);
    assert.equal(
      authorize(rbac, sa, get("pods")).allowed,
      false,
      "cluster-scoped: RoleBindings do not apply",
    );
  });

  it("a ClusterRoleBinding's ServiceAccount subject without a namespace matches no one", () => {
    const rbac = source({
      clusterRoles: { r: POD_READER },
      clusterRoleBindings: [{
        metadata: { name: "b" },
        subjects: [{ kind: "ServiceAccount", name: "builder" }],
        roleRef: { kind: "ClusterRole", name: "r" },
      }],
    });
    assert.equal(authorize(rbac, sa, get("pods", "team")).allowed, false);
  });

  it("a binding to a missing role denies with the lookup error as reason", () => {
    const rbac = source({
      clusterRoleBindings: [{
        metadata: { name: "b" },
        subjects: [{ kind: "User", name: "alice" }],
        roleRef: { kind: "ClusterRole", name: "gone" },
      }, {
        metadata: { name: "c" },
        subjects: [{ kind: "User", name: "alice" }],
        roleRef: { kind: "ClusterRole", name: "also-gone" },
      }],
    });
    assert.deepEqual(authorize(rbac, alice, get("pods", "x")), {
      allowed: false,
      reason:
        'RBAC: [clusterrole.rbac.authorization.k8s.io "gone" not found, clusterrole.rbac.authorization.k8s.io "also-gone" not found]',
    });
  });

  it("no binding at all: denied without reason (no opinion)", () => {
    assert.deepEqual(authorize(source({}), alice, get("pods", "x")), {
      allowed: false,
      reason: "",
    });
  });

  it("rulesFor lists cluster rules then the namespace's, with resolution errors", () => {
    const rbac = source({
      clusterRoles: { "pod-reader": POD_READER },
      roles: {
        "team/cm": { rules: [{ verbs: ["get"], apiGroups: [""], resources: ["configmaps"] }] },
      },
      clusterRoleBindings: [{
        metadata: { name: "a" },
        subjects: [{ kind: "Group", name: "dev" }],
        roleRef: { kind: "ClusterRole", name: "pod-reader" },
      }],
      roleBindings: [{
        metadata: { name: "b", namespace: "team" },
        subjects: [{ kind: "User", name: "alice" }],
        roleRef: { kind: "Role", name: "cm" },
      }, {
        metadata: { name: "c", namespace: "team" },
        subjects: [{ kind: "User", name: "alice" }],
        roleRef: { kind: "Role", name: "missing" },
      }],
    });
    const resolved = rulesFor(rbac, alice, "team");
    assert.deepEqual(resolved.rules.map((r) => r.resources), [["pods"], ["configmaps"]]);
    assert.deepEqual(resolved.errors, ['role.rbac.authorization.k8s.io "missing" not found']);
  });
});
