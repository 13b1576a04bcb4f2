// The clusterrole-aggregation controller: aggregated ClusterRoles gather the rules of labelled ones.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { renderBootstrapPolicy } from "../../src/seed/bootstrap_policy.ts";
import { BUILTIN_RESOURCES } from "../../src/resources/mod.ts";
import type { KubeObject } from "../../src/store/mod.ts";
import { newCluster } from "./controller_fixture.ts";

const CLUSTER_ROLES = BUILTIN_RESOURCES.find((r) =>
  r.key === "rbac.authorization.k8s.io/clusterroles"
)!;

// deno-lint-ignore no-explicit-any
type Obj = Record<string, any>;

function role(
  name: string,
  labels: Record<string, string>,
  rules: Obj[],
  aggregate?: string,
): KubeObject {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: { name, labels },
    rules,
    ...(aggregate
      ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [aggregate]: "true" } }] } }
      : {}),
  };
}

describe("clusterrole-aggregation controller", () => {
  it("fills admin, edit and view of the bootstrap policy; admin ⊇ edit ⊇ view", () => {
    const cluster = newCluster();
    for (const object of renderBootstrapPolicy("v1.33.1")) {
      const resource = BUILTIN_RESOURCES.find((r) => r.kind === object.kind)!;
      cluster.store.create(resource, object);
    }
    cluster.settle();
    assert.deepEqual(cluster.errors, []);
    const rules = (name: string) =>
      cluster.store.get(CLUSTER_ROLES, undefined, name)!.rules as Obj[];
    const [admin, edit, view] = [rules("admin"), rules("edit"), rules("view")];
    assert.ok(view.length > 0 && edit.length > view.length && admin.length > edit.length);
    const has = (list: Obj[], rule: Obj) =>
      list.some((r) => JSON.stringify(r) === JSON.stringify(rule));
    for (const rule of view) assert.ok(has(edit, rule), JSON.stringify(rule));
    for (const rule of edit) assert.ok(has(admin, rule), JSON.stringify(rule));
    // The first rule of view comes from system:aggregate-to-view, the only role labelled for it.
    const source = cluster.store.get(CLUSTER_ROLES, undefined, "system:aggregate-to-view")!;
    assert.deepEqual(view.slice(0, (source.rules as Obj[]).length), source.rules);
  });

  it("follows labelled roles as they come, change and go, and writes nothing when unchanged", () => {
    const cluster = newCluster();
    const key = "example.com/aggregate-to-mine";
    cluster.store.create(CLUSTER_ROLES, role("mine", {}, [], key));
    const a = { verbs: ["get"], apiGroups: [""], resources: ["pods"] };
    const b = { verbs: ["list"], apiGroups: [""], resources: ["pods"] };
    cluster.store.create(CLUSTER_ROLES, role("z-source", { [key]: "true" }, [b, a]));
    cluster.store.create(CLUSTER_ROLES, role("a-source", { [key]: "true" }, [a]));
    cluster.store.create(CLUSTER_ROLES, role("other", {}, [{ verbs: ["*"] }]));
    cluster.settle();
    const mine = () => cluster.store.get(CLUSTER_ROLES, undefined, "mine")!;
    // Sorted by name, duplicates dropped.
    assert.deepEqual(mine().rules, [a, b]);
    const version = mine().metadata.resourceVersion;
    cluster.store.create(CLUSTER_ROLES, role("unrelated", {}, []));
    cluster.settle();
    assert.equal(mine().metadata.resourceVersion, version);
    cluster.store.delete(CLUSTER_ROLES, undefined, "a-source");
    cluster.settle();
    assert.deepEqual(mine().rules, [b, a]);
    cluster.store.delete(CLUSTER_ROLES, undefined, "z-source");
    cluster.settle();
    assert.deepEqual(mine().rules, []);
  });
});
