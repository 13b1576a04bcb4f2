import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isControlPlane } from "../../src/cluster/mod.ts";
import { baremetalHostNode, type Metal3Lookups } from "../../src/management/baremetalhost_nodes.ts";
import type { KubeObject } from "../../src/store/mod.ts";

const CLUSTER_LABEL = "cluster.x-k8s.io/cluster-name";

// A provisioned host consumed by Metal3Machine m3-0, owned by Machine demo-cp-7x9k2, in `metal3`.
function scenario() {
  const host = {
    apiVersion: "metal3.io/v1alpha1",
    kind: "BareMetalHost",
    metadata: { namespace: "metal3", name: "node-0", uid: "bmh-uid-0" },
    spec: { consumerRef: { name: "m3-0", namespace: "metal3" } } as Record<string, unknown>,
    status: { provisioning: { state: "provisioned" } },
  };
  const metal3Machine = {
    apiVersion: "infrastructure.cluster.x-k8s.io/v1beta1",
    kind: "Metal3Machine",
    metadata: {
      namespace: "metal3",
      name: "m3-0",
      ownerReferences: [
        {
          apiVersion: "cluster.x-k8s.io/v1beta1",
          kind: "Machine",
          name: "demo-cp-7x9k2",
          uid: "m",
        },
        { apiVersion: "v1", kind: "Other", name: "not-the-machine", uid: "o" },
      ] as { apiVersion: string; kind: string; name: string; uid: string }[] | undefined,
    },
    spec: { providerID: "metal3://metal3/node-0/m3-0" as string | null },
  };
  const machine = {
    apiVersion: "cluster.x-k8s.io/v1beta1",
    kind: "Machine",
    metadata: {
      namespace: "metal3",
      name: "demo-cp-7x9k2",
      labels: {
        [CLUSTER_LABEL]: "demo",
        "cluster.x-k8s.io/control-plane": "",
        "cluster.x-k8s.io/control-plane-name": "demo-cp",
      } as Record<string, string>,
    },
    spec: { version: "1.33.1" as string | undefined },
  };
  const asked: string[] = [];
  const stored = {
    metal3Machine: metal3Machine as object | undefined,
    machine: machine as object | undefined,
  };
  const lookups: Metal3Lookups = {
    metal3Machine(namespace, name) {
      asked.push(`Metal3Machine ${namespace}/${name}`);
      const found = stored.metal3Machine as KubeObject | undefined;
      return Promise.resolve(found?.metadata.name === name ? found : undefined);
    },
    machine(namespace, name) {
      asked.push(`Machine ${namespace}/${name}`);
      const found = stored.machine as KubeObject | undefined;
      return Promise.resolve(found?.metadata.name === name ? found : undefined);
    },
  };
  return {
    host,
    metal3Machine,
    machine,
    stored,
    asked,
    lookups,
    node: () => baremetalHostNode(host as unknown as KubeObject, lookups),
  };
}

async function skipReason(s: ReturnType<typeof scenario>): Promise<string> {
  const node = await s.node();
  assert.equal(node.ready, false, "expected the host to be skipped");
  return node.ready ? "" : node.skip;
}

describe("baremetalHostNode", () => {
  it("maps host → Metal3Machine → owning Machine exactly as the upstream side-car", async () => {
    const s = scenario();
    const node = await s.node();
    assert.ok(node.ready);
    assert.deepEqual(node.report, {
      namespace: "metal3",
      cluster: "demo",
      nodeName: "demo-cp-7x9k2",
      providerID: "metal3://metal3/node-0/m3-0",
      uuid: "bmh-uid-0",
      labels: {
        [CLUSTER_LABEL]: "demo",
        "cluster.x-k8s.io/control-plane": "",
        "cluster.x-k8s.io/control-plane-name": "demo-cp",
      },
      kubernetesVersion: "v1.33.1",
    });
    assert.equal(isControlPlane(node.report), true);
    assert.deepEqual(s.asked, ["Metal3Machine metal3/m3-0", "Machine metal3/demo-cp-7x9k2"]);
  });

  it("leaves the providerID unset when the Metal3Machine has none (null) yet", async () => {
    const s = scenario();
    s.metal3Machine.spec.providerID = null;
    const node = await s.node();
    assert.ok(node.ready);
    assert.equal(node.report.providerID, undefined);
  });

  it("a worker host's node registers with CABPK's uninitialized taint", async () => {
    const s = scenario();
    delete s.machine.metadata.labels["cluster.x-k8s.io/control-plane"];
    const node = await s.node();
    assert.ok(node.ready);
    assert.deepEqual(node.report.taints, [
      { key: "node.cluster.x-k8s.io/uninitialized", effect: "NoSchedule" },
    ]);
  });

  it("leaves the version unset when the Machine has none", async () => {
    const s = scenario();
    s.machine.spec.version = undefined;
    const node = await s.node();
    assert.ok(node.ready);
    assert.equal(node.report.kubernetesVersion, undefined);
  });

  it("skips hosts that are not provisioned, without looking anything up", async () => {
    for (const state of ["externally provisioned", "available", "provisioning", "deprovisioning"]) {
      const s = scenario();
      s.host.status.provisioning.state = state;
      assert.equal(await skipReason(s), `the host is ${state}`);
      assert.deepEqual(s.asked, []);
    }
    const s = scenario();
    (s.host as { status: unknown }).status = {};
    assert.equal(await skipReason(s), "the host is not provisioned");
  });

  it("skips a provisioned host without a consumerRef", async () => {
    const s = scenario();
    delete s.host.spec.consumerRef;
    assert.equal(await skipReason(s), "the host has no consumerRef");
    assert.deepEqual(s.asked, []);
  });

  it("looks the consumer up in the host's namespace when consumerRef has none", async () => {
    const s = scenario();
    s.host.spec.consumerRef = { name: "m3-0" };
    const node = await s.node();
    assert.ok(node.ready);
    assert.equal(node.report.namespace, "metal3");
    assert.deepEqual(s.asked, ["Metal3Machine metal3/m3-0", "Machine metal3/demo-cp-7x9k2"]);
  });

  it("takes the namespace from consumerRef, even when it differs from the host's", async () => {
    const s = scenario();
    s.host.spec.consumerRef = { name: "m3-0", namespace: "elsewhere" };
    await s.node();
    assert.deepEqual(s.asked, ["Metal3Machine elsewhere/m3-0", "Machine elsewhere/demo-cp-7x9k2"]);
  });

  it("skips when the Machine has no cluster-name label", async () => {
    const s = scenario();
    delete s.machine.metadata.labels[CLUSTER_LABEL];
    assert.match(
      await skipReason(s),
      /Machine metal3\/demo-cp-7x9k2 has no cluster\.x-k8s\.io\/cluster-name label/,
    );
  });

  it("throws, to be retried, when the Metal3Machine is missing", async () => {
    const s = scenario();
    s.stored.metal3Machine = undefined;
    await assert.rejects(s.node(), /Metal3Machine metal3\/m3-0 not found/);
  });

  it("throws when the Metal3Machine has no owner reference", async () => {
    for (const owners of [undefined, []]) {
      const s = scenario();
      s.metal3Machine.metadata.ownerReferences = owners;
      await assert.rejects(s.node(), /no owner reference found/);
      assert.deepEqual(s.asked, ["Metal3Machine metal3/m3-0"]);
    }
  });

  it("throws when the owning Machine is missing", async () => {
    const s = scenario();
    s.stored.machine = undefined;
    await assert.rejects(s.node(), /Machine metal3\/demo-cp-7x9k2 not found/);
  });
});
