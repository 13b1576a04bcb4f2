// Seeded objects that clusters have alike share their parts in memory; a write stays in its cluster.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ensureActivation } from "../../src/cluster/activation.ts";
import type { FakeCluster } from "../../src/cluster/mod.ts";
import { kubeFixture } from "../kube/kube_fixture.ts";

const NOW = new Date("2026-01-02T03:04:05Z");
const COREDNS = "/apis/apps/v1/namespaces/kube-system/deployments/coredns";
const KUBE_PROXY = "/apis/apps/v1/namespaces/kube-system/daemonsets/kube-proxy";
const KUBELET_CONFIG = "/api/v1/namespaces/kube-system/configmaps/kubelet-config";
const JSON_PATCH = { "content-type": "application/json-patch+json" };
const MERGE = { "content-type": "application/merge-patch+json" };

// deno-lint-ignore no-explicit-any
type Loose = any;

function activated() {
  const fixture = kubeFixture({ now: NOW });
  ensureActivation(fixture.cluster as unknown as FakeCluster, NOW);
  return fixture;
}

const stored = (fixture: Loose, key: string, namespace: string, name: string) =>
  fixture.cluster.store.get(fixture.cluster.catalog.byKey(key), namespace, name);

describe("seeded objects shared between clusters", () => {
  it("hold one frozen copy of what clusters seed alike, each with its own identity", () => {
    const one = activated();
    const two = activated();
    const a = stored(one, "apps/deployments", "kube-system", "coredns");
    const b = stored(two, "apps/deployments", "kube-system", "coredns");
    assert.notEqual(a, b);
    assert.notEqual(a.metadata, b.metadata);
    assert.equal(a.spec.selector, b.spec.selector);
    assert.ok(Object.isFrozen(a.spec.selector));
    assert.equal(a.metadata.labels, b.metadata.labels);
    // What a patch's defaulting fills in place (no maxSurge from kubeadm) is each cluster's own.
    assert.notEqual(a.spec.strategy, b.spec.strategy);
    assert.ok(!Object.isFrozen(a.spec.strategy.rollingUpdate));
    const config = (f: Loose) => stored(f, "configmaps", "kube-system", "kubelet-config").data;
    assert.equal(config(one), config(two));
  });

  it("a write to a shared object in one cluster never shows in another; resourceVersions stay right", async () => {
    const one = activated();
    const two = activated();
    // What the writes below touch (the workload controllers keep writing status meanwhile).
    const written = async (fixture: Loose, path: string) => {
      const { metadata, spec, data } = (await fixture.call("GET", path)).json;
      return JSON.stringify({ labels: metadata.labels, spec, data });
    };
    const coreDnsBefore = await written(two, COREDNS);
    const proxyBefore = await written(two, KUBE_PROXY);
    const kubeletBefore = await written(two, KUBELET_CONFIG);
    const rv = (await one.call("GET", COREDNS)).json.metadata.resourceVersion;
    // A JSON patch deep inside the shared pod template, a merge patch of a shared label map.
    const patched = await one.call("PATCH", COREDNS, [
      { op: "replace", path: "/spec/template/spec/containers/0/args/1", value: "/etc/other" },
      { op: "add", path: "/spec/template/metadata/labels/extra", value: "x" },
    ], JSON_PATCH);
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.json.spec.template.spec.containers[0].args[1], "/etc/other");
    const after = (await one.call("GET", COREDNS)).json;
    assert.ok(
      Number(after.metadata.resourceVersion) >= Number(patched.json.metadata.resourceVersion),
    );
    assert.ok(Number(after.metadata.resourceVersion) <= one.cluster.store.revision);
    assert.ok(Number(patched.json.metadata.resourceVersion) > Number(rv));
    assert.equal(patched.json.metadata.generation, 2);
    const proxy = await one.call("PATCH", KUBE_PROXY, {
      metadata: { labels: { team: "net" } },
      spec: { template: { spec: { tolerations: [] } } },
    }, MERGE);
    assert.equal(proxy.status, 200, proxy.text);
    const config = (await one.call("GET", KUBELET_CONFIG)).json;
    config.data.kubelet = "changed";
    const put = await one.call("PUT", KUBELET_CONFIG, config);
    assert.equal(put.status, 200, put.text);
    assert.equal(put.json.data.kubelet, "changed");

    assert.equal(await written(two, COREDNS), coreDnsBefore);
    assert.equal(await written(two, KUBE_PROXY), proxyBefore);
    assert.equal(await written(two, KUBELET_CONFIG), kubeletBefore);
    // A cluster seeded after the writes still gets the seeded objects, not the written ones.
    const three = activated();
    assert.equal(await written(three, COREDNS), coreDnsBefore);
    assert.equal(await written(three, KUBE_PROXY), proxyBefore);
    assert.equal(await written(three, KUBELET_CONFIG), kubeletBefore);
  });

  it("kube-apiserver's objects come made per second: same content, own unfrozen parts, later seconds' times", () => {
    const at = (now: Date) => {
      const fixture = kubeFixture({ now });
      ensureActivation(fixture.cluster as unknown as FakeCluster, now);
      return fixture;
    };
    const flowSchema = (f: Loose) =>
      stored(f, "flowcontrol.apiserver.k8s.io/flowschemas", "", "exempt");
    const role = (f: Loose) => stored(f, "rbac.authorization.k8s.io/clusterroles", "", "admin");
    const one = at(NOW);
    const two = at(NOW);
    const later = at(new Date(NOW.getTime() + 61_000));
    const content = (object: Loose) => {
      const { uid: _uid, resourceVersion: _rv, ...rest } = object.metadata;
      return JSON.stringify({ ...object, metadata: rest });
    };
    assert.equal(content(flowSchema(one)), content(flowSchema(two)));
    assert.equal(content(role(one)), content(role(two)));
    // Each container not shared (frozen) is each cluster's own.
    const unfrozenShared = (a: unknown, b: unknown, path: string): string[] => {
      if (typeof a !== "object" || a === null || Object.isFrozen(a)) return [];
      if (a === b) return [path];
      return Object.keys(a).flatMap((key) =>
        unfrozenShared((a as Loose)[key], (b as Loose)?.[key], `${path}.${key}`)
      );
    };
    assert.deepEqual(unfrozenShared(flowSchema(one), flowSchema(two), "flowSchema"), []);
    assert.deepEqual(unfrozenShared(role(one), role(two), "role"), []);
    // A cluster activated later has that second's times, in managedFields and APF's status.
    const times = (f: Loose) =>
      [
        ...flowSchema(f).metadata.managedFields.map((entry: Loose) => entry.time),
        ...flowSchema(f).status.conditions.map((condition: Loose) => condition.lastTransitionTime),
      ].join(" ");
    assert.match(times(one), /^(2026-01-02T03:04:05Z ?)+$/);
    assert.match(times(later), /^(2026-01-02T03:05:06Z ?)+$/);
  });

  it("CoreDNS's and kube-proxy's pod templates are one object in every cluster, as rendered", () => {
    const one = activated();
    const two = activated();
    for (
      const [key, name] of [["apps/deployments", "coredns"], ["apps/daemonsets", "kube-proxy"]]
    ) {
      const a = stored(one, key, "kube-system", name);
      const b = stored(two, key, "kube-system", name);
      assert.equal(a.spec.template, b.spec.template);
      assert.ok(Object.isFrozen(a.spec.template));
      // Not defaulted: kubeadm's template as it sent it.
      assert.equal(a.spec.template.spec.containers[0].terminationMessagePath, undefined);
    }
  });

  it("a merge patch of a seeded Deployment changes no other object and no earlier version", async () => {
    const one = activated();
    const replicaSets = () =>
      one.cluster.store.list(one.cluster.catalog.byKey("apps/replicasets")!).map((rs: Loose) =>
        JSON.stringify(rs)
      ).join("\n");
    const rsBefore = replicaSets();
    const version = stored(one, "apps/deployments", "kube-system", "coredns");
    const versionBefore = JSON.stringify(version.spec.template);
    const ops = (object: Loose) =>
      object.metadata.managedFields.find((entry: Loose) => entry.manager === "ops").fieldsV1;
    const labelled = await one.call("PATCH", `${COREDNS}?fieldManager=ops`, {
      metadata: { labels: { team: "dns" } },
    }, MERGE);
    assert.equal(labelled.status, 200, labelled.text);
    // What the stored template decodes to (its defaults) is no one's new field.
    assert.deepEqual(Object.keys(ops(labelled.json)), ["f:metadata"]);
    assert.equal(
      labelled.json.spec.template.spec.containers[0].terminationMessagePath,
      "/dev/termination-log",
    );
    assert.equal(replicaSets(), rsBefore);
    const scaled = await one.call("PATCH", `${COREDNS}?fieldManager=ops`, {
      spec: { replicas: 3 },
    }, MERGE);
    assert.equal(scaled.status, 200, scaled.text);
    assert.deepEqual(Object.keys(ops(scaled.json)["f:spec"]), ["f:replicas"]);
    assert.equal(JSON.stringify(version.spec.template), versionBefore);
  });
});
