import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { machinePoolNodes } from "../../src/management/mod.ts";
import type { KubeObject } from "../../src/store/mod.ts";

// deno-lint-ignore no-explicit-any
function pool(edit: (p: any) => void = () => {}): KubeObject {
  const object = {
    apiVersion: "cluster.x-k8s.io/v1beta2",
    kind: "MachinePool",
    metadata: { name: "demo-mp-0", namespace: "team-a", labels: {} },
    spec: {
      clusterName: "demo",
      replicas: 2,
      providerIDList: ["docker:////demo-mp-0-abcde", "aws:///us-east-1a/i-0123456789"],
      template: {
        metadata: { labels: { "pool": "a" } },
        spec: { version: "1.34.1", bootstrap: { dataSecretName: "demo-mp-0-bootstrap" } },
      },
    },
  };
  edit(object);
  return object as KubeObject;
}

describe("machinePoolNodes", () => {
  it("reports one uninitialized worker node per providerID, named after its last segment", () => {
    const nodes = machinePoolNodes(pool());
    assert.ok(nodes.ready);
    assert.deepEqual([...nodes.reports.values()], [
      {
        namespace: "team-a",
        cluster: "demo",
        nodeName: "demo-mp-0-abcde",
        providerID: "docker:////demo-mp-0-abcde",
        labels: { pool: "a", "cluster.x-k8s.io/cluster-name": "demo" },
        kubernetesVersion: "v1.34.1",
        taints: [{ key: "node.cluster.x-k8s.io/uninitialized", effect: "NoSchedule" }],
      },
      {
        namespace: "team-a",
        cluster: "demo",
        nodeName: "i-0123456789",
        providerID: "aws:///us-east-1a/i-0123456789",
        labels: { pool: "a", "cluster.x-k8s.io/cluster-name": "demo" },
        kubernetesVersion: "v1.34.1",
        taints: [{ key: "node.cluster.x-k8s.io/uninitialized", effect: "NoSchedule" }],
      },
    ]);
  });

  it("waits for bootstrap data and a cluster; a pool being deleted gets no nodes", () => {
    const noBootstrap = machinePoolNodes(pool((p) => delete p.spec.template.spec.bootstrap));
    assert.deepEqual(noBootstrap, {
      ready: false,
      waitingFor: "spec.template.spec.bootstrap.dataSecretName",
    });
    assert.equal(machinePoolNodes(pool((p) => delete p.spec.clusterName)).ready, false);
    assert.equal(
      machinePoolNodes(pool((p) => p.metadata.deletionTimestamp = "2026-01-01T00:00:00Z")).ready,
      false,
    );
    const none = machinePoolNodes(pool((p) => delete p.spec.providerIDList));
    assert.ok(none.ready && none.reports.size === 0);
  });

  it("a providerID whose last segment is no node name gets the pool's name and a stable hash", () => {
    const nodes = machinePoolNodes(
      pool((p) => p.spec.providerIDList = ["azure:///Sub/VM_Scale:0"]),
    );
    assert.ok(nodes.ready);
    const [report] = nodes.reports.values();
    assert.match(report.nodeName, /^demo-mp-0-[0-9a-f]{8}$/);
    assert.equal(
      machinePoolNodes(pool((p) => p.spec.providerIDList = ["azure:///Sub/VM_Scale:0"]))
        .ready && [...nodes.reports.values()][0].nodeName,
      report.nodeName,
    );
  });
});
