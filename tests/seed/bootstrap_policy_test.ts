// The bootstrap RBAC policy per minor: what kube-apiserver's rbac/bootstrap-roles hook creates.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  BOOTSTRAP_POLICY_MINORS,
  policyMinor,
  renderBootstrapPolicy,
} from "../../src/seed/bootstrap_policy.ts";
import { renderApiServerObjects } from "../../src/seed/apiserver_objects.ts";

// deno-lint-ignore no-explicit-any
type Obj = Record<string, any>;

const named = (objects: Obj[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);

describe("bootstrap RBAC policy", () => {
  it("covers every supported minor 1.29–1.36; others take the nearest older one", () => {
    assert.deepEqual(BOOTSTRAP_POLICY_MINORS, [29, 30, 31, 32, 33, 34, 35, 36]);
    assert.equal(policyMinor("v1.33.1"), 33);
    assert.equal(policyMinor("v1.38.0"), 36);
    assert.equal(policyMinor("v1.27.3"), 29);
    assert.equal(policyMinor("nonsense"), 33);
  });

  it("has upstream's counts per minor (testdata of each release)", () => {
    const count = (version: string, kind: string) =>
      renderBootstrapPolicy(version).filter((o) => o.kind === kind).length;
    // cluster-roles.yaml + controller-roles.yaml, and their bindings, at v1.33.1.
    assert.equal(count("v1.33.1", "ClusterRole"), 31 + 35);
    assert.equal(count("v1.33.1", "ClusterRoleBinding"), 12 + 35);
    assert.equal(count("v1.33.1", "Role"), 7);
    assert.equal(count("v1.33.1", "RoleBinding"), 7);
    assert.equal(renderBootstrapPolicy("v1.29.6").length, 121);
    assert.equal(renderBootstrapPolicy("v1.36.3").length, 133);
  });

  it("writes cluster-admin and the aggregated roles as kube-apiserver stores them", () => {
    const objects = renderBootstrapPolicy("v1.33.1") as Obj[];
    assert.deepEqual(named(objects, "ClusterRole", "cluster-admin"), {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: {
        name: "cluster-admin",
        labels: { "kubernetes.io/bootstrapping": "rbac-defaults" },
        annotations: { "rbac.authorization.kubernetes.io/autoupdate": "true" },
      },
      rules: [
        { verbs: ["*"], apiGroups: ["*"], resources: ["*"] },
        { verbs: ["*"], nonResourceURLs: ["*"] },
      ],
    });
    const edit = named(objects, "ClusterRole", "edit")!;
    assert.equal(edit.rules, undefined, "filled by the aggregation controller");
    assert.deepEqual(edit.metadata.labels, {
      "kubernetes.io/bootstrapping": "rbac-defaults",
      "rbac.authorization.k8s.io/aggregate-to-admin": "true",
    });
    assert.deepEqual(edit.aggregationRule, {
      clusterRoleSelectors: [{
        matchLabels: { "rbac.authorization.k8s.io/aggregate-to-edit": "true" },
      }],
    });
    const binding = named(objects, "ClusterRoleBinding", "cluster-admin")!;
    assert.deepEqual(binding.subjects, [
      { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "system:masters" },
    ]);
    assert.deepEqual(binding.roleRef, {
      apiGroup: "rbac.authorization.k8s.io",
      kind: "ClusterRole",
      name: "cluster-admin",
    });
    const lease = objects.find((o) =>
      o.kind === "RoleBinding" && o.metadata.name === "system::leader-locking-kube-scheduler"
    );
    assert.equal(lease?.metadata.namespace, "kube-system");
  });

  it("changes between minors as upstream did (1.36 has roles 1.29 lacks)", () => {
    const names = (version: string) =>
      new Set(renderBootstrapPolicy(version).map((o) => `${o.kind}/${o.metadata.name}`));
    const added = [...names("v1.36.3")].filter((n) => !names("v1.29.6").has(n));
    assert.ok(added.length > 0);
    for (const name of names("v1.36.3")) assert.ok(!name.endsWith("/undefined"), name);
  });

  it("shares the frozen rules between clusters, with fresh metadata per cluster", () => {
    const a = named(renderBootstrapPolicy("v1.33.1") as Obj[], "ClusterRole", "view")!;
    const b = named(renderBootstrapPolicy("v1.33.9") as Obj[], "ClusterRole", "view")!;
    assert.equal(a.aggregationRule, b.aggregationRule);
    assert.ok(Object.isFrozen(a.aggregationRule));
    assert.notEqual(a.metadata, b.metadata);
  });

  it("comes with the default/kubernetes Service at the service CIDR's first address", () => {
    const objects = renderApiServerObjects(
      { kubernetesVersion: "v1.33.1", serviceSubnet: "10.96.0.0/12", now: new Date(0) },
      6443,
    );
    const service = objects.find((o) => o.resourceKey === "services")!.object as Obj;
    assert.deepEqual(service.metadata, {
      name: "kubernetes",
      namespace: "default",
      labels: { component: "apiserver", provider: "kubernetes" },
    });
    assert.equal(service.spec.clusterIP, "10.96.0.1");
    assert.deepEqual(service.spec.ports, [
      { name: "https", port: 443, protocol: "TCP", targetPort: 6443 },
    ]);
    assert.equal(service.spec.selector, undefined);
  });
});
