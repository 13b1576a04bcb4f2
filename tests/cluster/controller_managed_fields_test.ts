// Pods fkas's controllers create carry kube-controller-manager's create entry, one list shared by all.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUILTIN_CATALOG } from "../../src/resources/mod.ts";
import { renderNode } from "../../src/seed/mod.ts";
import { kubeFixture } from "../kube/kube_fixture.ts";

const PODS = BUILTIN_CATALOG.byKey("pods")!;

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("timed out");
}

describe("managedFields of controller creates", () => {
  it("a ReplicaSet's pods: what kube-controller-manager sent, not what admission added", async () => {
    const { call, cluster } = kubeFixture({ workloads: true });
    const created = await call("POST", "/apis/apps/v1/namespaces/default/deployments", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
        },
      },
    });
    assert.equal(created.status, 201);
    let items: { metadata: { name: string; managedFields: unknown; ownerReferences: [] } }[] = [];
    await until(async () => {
      items = (await call("GET", "/api/v1/namespaces/default/pods")).json.items;
      return items.length === 2;
    });
    const [owner] = items[0].metadata.ownerReferences as { uid: string }[];
    assert.deepEqual(items[0].metadata.managedFields, [{
      manager: "kube-controller-manager",
      operation: "Update",
      apiVersion: "v1",
      time: "2026-01-02T03:04:05Z",
      fieldsType: "FieldsV1",
      fieldsV1: {
        "f:metadata": {
          "f:generateName": {},
          "f:labels": { ".": {}, "f:app": {}, "f:pod-template-hash": {} },
          // OwnerReference is an atomic struct.
          "f:ownerReferences": { ".": {}, [`k:{"uid":"${owner.uid}"}`]: {} },
        },
        "f:spec": {
          // A Pod's zero object has `containers: null`: the list is no member, its items are.
          "f:containers": {
            'k:{"name":"web"}': {
              ".": {},
              "f:image": {},
              "f:imagePullPolicy": {},
              "f:name": {},
              // The template's container decoded by Go: kube-controller-manager sends its `{}`.
              "f:resources": {},
              "f:terminationMessagePath": {},
              "f:terminationMessagePolicy": {},
            },
          },
          "f:dnsPolicy": {},
          // SetDefaults_Pod's, at decoding: the creating manager's.
          "f:enableServiceLinks": {},
          "f:restartPolicy": {},
          "f:schedulerName": {},
          "f:securityContext": {},
          "f:terminationGracePeriodSeconds": {},
        },
      },
    }]);
    // Equal entries are one list in memory.
    const [a, b] = items.map((item) =>
      cluster.store.get(PODS, "default", item.metadata.name)!.metadata.managedFields
    );
    assert.equal(a, b);
  });

  it("a DaemonSet's pods: one field set whatever node each is pinned to (an atomic NodeSelector)", async () => {
    const { call, cluster } = kubeFixture({ workloads: true });
    for (const [name, ip] of [["n1", "10.0.0.2"], ["n2", "10.0.0.3"]]) {
      const node = renderNode({
        name,
        labels: {},
        kubeletVersion: "v1.31.0",
        controlPlane: false,
        internalIP: ip,
        systemUUID: `uuid-${name}`,
        now: new Date("2026-01-02T03:04:05Z"),
      });
      assert.equal((await call("POST", "/api/v1/nodes", node)).status, 201);
    }
    const created = await call("POST", "/apis/apps/v1/namespaces/kube-system/daemonsets", {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "agent" },
      spec: {
        selector: { matchLabels: { app: "agent" } },
        template: {
          metadata: { labels: { app: "agent" } },
          spec: {
            containers: [{ name: "agent", image: "registry.k8s.io/pause:3.9" }],
            affinity: {
              nodeAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [{
                  weight: 1,
                  preference: { matchExpressions: [{ key: "disk", operator: "Exists" }] },
                }],
              },
            },
          },
        },
      },
    });
    assert.equal(created.status, 201);
    // deno-lint-ignore no-explicit-any
    let items: any[] = [];
    await until(async () => {
      items = (await call("GET", "/api/v1/namespaces/kube-system/pods")).json.items;
      return items.length === 2;
    });
    assert.deepEqual(items.map((item) => item.spec.nodeName).sort(), ["n1", "n2"]);
    const [owner] = items[0].metadata.ownerReferences as { uid: string }[];
    const entries = [{
      manager: "kube-controller-manager",
      operation: "Update",
      apiVersion: "v1",
      time: "2026-01-02T03:04:05Z",
      fieldsType: "FieldsV1",
      fieldsV1: {
        "f:metadata": {
          "f:generateName": {},
          "f:labels": {
            ".": {},
            "f:app": {},
            "f:controller-revision-hash": {},
            "f:pod-template-generation": {},
          },
          "f:ownerReferences": { ".": {}, [`k:{"uid":"${owner.uid}"}`]: {} },
        },
        "f:spec": {
          "f:affinity": {
            ".": {},
            "f:nodeAffinity": {
              ".": {},
              "f:preferredDuringSchedulingIgnoredDuringExecution": {},
              // The node the pod is pinned to is inside: a NodeSelector is an atomic struct.
              "f:requiredDuringSchedulingIgnoredDuringExecution": {},
            },
          },
          "f:containers": {
            'k:{"name":"agent"}': {
              ".": {},
              "f:image": {},
              "f:imagePullPolicy": {},
              "f:name": {},
              "f:resources": {},
              "f:terminationMessagePath": {},
              "f:terminationMessagePolicy": {},
            },
          },
          "f:dnsPolicy": {},
          "f:enableServiceLinks": {},
          "f:restartPolicy": {},
          "f:schedulerName": {},
          "f:securityContext": {},
          "f:terminationGracePeriodSeconds": {},
          "f:tolerations": {},
        },
      },
    }];
    for (const item of items) assert.deepEqual(item.metadata.managedFields, entries);
    const [a, b] = items.map((item) =>
      cluster.store.get(PODS, "kube-system", item.metadata.name)!.metadata.managedFields
    );
    assert.equal(a, b);
  });

  it("status writes carry kube-controller-manager's status entry, conditions with their `.`", async () => {
    const { call } = kubeFixture({ workloads: true });
    const created = await call("POST", "/apis/apps/v1/namespaces/default/deployments", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "api" },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "api" } },
        template: {
          metadata: { labels: { app: "api" } },
          spec: { containers: [{ name: "api", image: "nginx:1.27" }] },
        },
      },
    });
    assert.equal(created.status, 201);
    // deno-lint-ignore no-explicit-any
    let replicaSet: any;
    await until(async () => {
      replicaSet = (await call("GET", "/apis/apps/v1/namespaces/default/replicasets")).json
        .items[0];
      return replicaSet?.status?.observedGeneration === 1;
    });
    const entry = replicaSet.metadata.managedFields.find((e: { subresource?: string }) =>
      e.subresource === "status"
    );
    assert.deepEqual(Object.keys(entry), [
      "manager",
      "operation",
      "apiVersion",
      "time",
      "fieldsType",
      "fieldsV1",
      "subresource",
    ]);
    assert.equal(entry.manager, "kube-controller-manager");
    assert.equal(entry.operation, "Update");
    for (const field of Object.keys(replicaSet.status)) {
      assert.ok(entry.fieldsV1["f:status"][`f:${field}`], field);
    }
    // deno-lint-ignore no-explicit-any
    let deployment: any;
    await until(async () => {
      deployment = (await call("GET", "/apis/apps/v1/namespaces/default/deployments/api")).json;
      return deployment.status?.conditions?.length > 0;
    });
    const status = deployment.metadata.managedFields.find((e: { subresource?: string }) =>
      e.subresource === "status"
    );
    assert.equal(status.manager, "kube-controller-manager");
    const conditions = status.fieldsV1["f:status"]["f:conditions"];
    assert.deepEqual(conditions["."], {}, "an Update that made the list owns it");
    assert.deepEqual(conditions['k:{"type":"Progressing"}']["f:reason"], {});
  });
});
