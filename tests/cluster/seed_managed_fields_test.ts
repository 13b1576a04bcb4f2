// Seeded objects carry managedFields as on a kubeadm cluster, shared (frozen) between clusters.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ensureActivation } from "../../src/cluster/activation.ts";
import type { FakeCluster } from "../../src/cluster/mod.ts";
import { kubeFixture } from "../kube/kube_fixture.ts";

const NOW = new Date("2026-01-02T03:04:05Z");
const COREDNS = "/apis/apps/v1/namespaces/kube-system/deployments/coredns";
const MERGE = { "content-type": "application/merge-patch+json" };

// deno-lint-ignore no-explicit-any
type Loose = any;

function activated() {
  const fixture = kubeFixture({ now: NOW });
  ensureActivation(fixture.cluster as unknown as FakeCluster, NOW);
  return fixture;
}

const who = (object: Loose) =>
  object.metadata.managedFields.map((e: Loose) =>
    `${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ""}`
  );

describe("managedFields of seeded objects", () => {
  it("names kube-apiserver, kubeadm and kube-controller-manager as a kubeadm cluster does", async () => {
    const { call } = activated();
    const ns = (await call("GET", "/api/v1/namespaces/kube-system")).json;
    assert.deepEqual(ns.metadata.managedFields, [{
      manager: "kube-apiserver",
      operation: "Update",
      apiVersion: "v1",
      time: "2026-01-02T03:04:05Z",
      fieldsType: "FieldsV1",
      fieldsV1: { "f:metadata": { "f:labels": { ".": {}, "f:kubernetes.io/metadata.name": {} } } },
    }]);
    const coredns = (await call("GET", COREDNS)).json;
    // One second: sorted by manager as kube-apiserver encodes them.
    assert.deepEqual(who(coredns), ["kube-controller-manager/Update/status", "kubeadm/Update"]);
    assert.equal(coredns.metadata.managedFields[1].fieldsV1["f:status"], undefined);
    const dns = (await call("GET", "/api/v1/namespaces/kube-system/services/kube-dns")).json;
    const spec = dns.metadata.managedFields[0].fieldsV1["f:spec"];
    assert.deepEqual(spec["f:clusterIP"], {}, "kubeadm sends the DNS address");
    assert.equal(spec["f:clusterIPs"], undefined, "the registry fills clusterIPs");
    assert.equal(spec["f:ipFamilyPolicy"], undefined);
    // kube-apiserver keeps default/kubernetes and sets its ipFamilyPolicy (oracle, v1.36.3).
    const kubernetes = (await call("GET", "/api/v1/namespaces/default/services/kubernetes")).json;
    assert.deepEqual(who(kubernetes), ["kube-apiserver/Update"]);
    const own = kubernetes.metadata.managedFields[0].fieldsV1["f:spec"];
    assert.deepEqual(own["f:ipFamilyPolicy"], {});
    assert.equal(own["f:clusterIPs"], undefined);
    // kube-apiserver's system PriorityClasses, as v1.36.3 serves them (scripts/oracle).
    const classes = (await call("GET", "/apis/scheduling.k8s.io/v1/priorityclasses")).json.items;
    assert.deepEqual(
      classes.map((c: Loose) => [c.metadata.name, c.value, c.metadata.generation]),
      [["system-cluster-critical", 2000000000, 1], ["system-node-critical", 2000001000, 1]],
    );
    assert.deepEqual(classes[0].metadata.managedFields.map((e: Loose) => [e.manager, e.fieldsV1]), [
      ["kube-apiserver", { "f:description": {}, "f:preemptionPolicy": {}, "f:value": {} }],
    ]);
    const rootCA =
      (await call("GET", "/api/v1/namespaces/default/configmaps/kube-root-ca.crt")).json;
    assert.deepEqual(who(rootCA), ["kube-controller-manager/Update"]);
    const kubeadmConfig =
      (await call("GET", "/api/v1/namespaces/kube-system/configmaps/kubeadm-config")).json;
    assert.deepEqual(kubeadmConfig.metadata.managedFields[0].fieldsV1, {
      "f:data": { ".": {}, "f:ClusterConfiguration": {} },
    });
  });

  it("shares one frozen FieldsV1 per shape between clusters; client writes build on them", async () => {
    const one = activated();
    const two = activated();
    const a = (await one.call("GET", COREDNS)).json;
    const stored = (fixture: Loose) =>
      fixture.cluster.store.list(fixture.cluster.catalog.byKey("apps/deployments"))[0];
    const first = stored(one).metadata.managedFields;
    const second = stored(two).metadata.managedFields;
    assert.equal(first, second, "same second, same entries");
    assert.ok(Object.isFrozen(first) && Object.isFrozen(first[0].fieldsV1["f:spec"]));
    const patched = await one.call("PATCH", `${COREDNS}?fieldManager=ops`, {
      metadata: { labels: { team: "dns" } },
    }, MERGE);
    assert.equal(patched.status, 200);
    assert.deepEqual(who(patched.json), [...who(a), "ops/Update"]);
    assert.deepEqual(patched.json.metadata.managedFields.at(-1).fieldsV1, {
      "f:metadata": { "f:labels": { "f:team": {} } },
    });
    assert.deepEqual(stored(two).metadata.managedFields, second, "the other cluster's are intact");
  });
});
