// In-place upgrades and version reporting (CAPI v1.14 compares kubeletVersion with the Machine's).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FakeCluster, NodeReport } from "../../src/cluster/mod.ts";
import { compareKubernetesVersions } from "../../src/cluster/mod.ts";
import type { KubeObject } from "../../src/store/mod.ts";
import { registryWithFakeListeners } from "./registry_fixture.ts";

const CP = { "cluster.x-k8s.io/control-plane": "" };
const NODES = { key: "nodes", namespaced: false, tracksGeneration: false };
const PODS = { key: "pods", namespaced: true, tracksGeneration: true };

const report = (nodeName: string, version?: string, labels = {}): NodeReport => ({
  namespace: "default",
  cluster: "demo",
  nodeName,
  labels,
  ...(version ? { kubernetesVersion: version } : {}),
});

async function demo() {
  const fixture = registryWithFakeListeners();
  await fixture.registry.register({ namespace: "default", name: "demo" });
  const cluster = fixture.registry.get("default", "demo")!;
  return { ...fixture, cluster };
}

// deno-lint-ignore no-explicit-any
const nodeOf = (cluster: FakeCluster, name: string): any =>
  cluster.store.get(NODES, undefined, name);
const imageOf = (cluster: FakeCluster, pod: string) =>
  (cluster.store.get(PODS, "kube-system", pod)?.spec as { containers: { image: string }[] })
    .containers[0].image;

describe("in-place upgrades", () => {
  it("a node reported again with a new version reports it in kubeletVersion and kubeProxyVersion", async () => {
    const { registry, cluster } = await demo();
    await registry.reportNode(report("md-1", "v1.33.1"));
    const before = nodeOf(cluster, "md-1");
    await registry.reportNode(report("md-1", "v1.34.0"));
    const after = nodeOf(cluster, "md-1");
    assert.equal(after.status.nodeInfo.kubeletVersion, "v1.34.0");
    assert.equal(after.status.nodeInfo.kubeProxyVersion, "v1.34.0");
    assert.equal(after.metadata.uid, before.metadata.uid, "the same Node, upgraded in place");
    assert.notEqual(after.metadata.resourceVersion, before.metadata.resourceVersion);
    const same = await registry.reportNode(report("md-1", "v1.34.0"));
    assert.equal(same.nodeCreated, false);
    assert.equal(nodeOf(cluster, "md-1").metadata.resourceVersion, after.metadata.resourceVersion);
  });

  it("a control plane's static pods move to the new images; /version moves when the last control plane did", async () => {
    const { registry, cluster } = await demo();
    await registry.reportNode(report("cp-1", "v1.33.1", CP));
    await registry.reportNode(report("cp-2", "v1.33.1", CP));
    assert.equal(cluster.kubernetesVersion, "v1.33.1");
    const oldUid = cluster.store.get(PODS, "kube-system", "kube-apiserver-cp-1")!.metadata.uid;
    await registry.reportNode(report("cp-1", "v1.34.0", CP));
    assert.equal(imageOf(cluster, "kube-apiserver-cp-1"), "registry.k8s.io/kube-apiserver:v1.34.0");
    assert.equal(
      imageOf(cluster, "kube-controller-manager-cp-1"),
      "registry.k8s.io/kube-controller-manager:v1.34.0",
    );
    assert.equal(imageOf(cluster, "kube-scheduler-cp-1"), "registry.k8s.io/kube-scheduler:v1.34.0");
    assert.equal(imageOf(cluster, "etcd-cp-1"), "registry.k8s.io/etcd:3.6.4-0");
    assert.notEqual(
      cluster.store.get(PODS, "kube-system", "kube-apiserver-cp-1")!.metadata.uid,
      oldUid,
      "the kubelet replaces a mirror pod whose manifest changed",
    );
    assert.equal(imageOf(cluster, "kube-apiserver-cp-2"), "registry.k8s.io/kube-apiserver:v1.33.1");
    assert.equal(cluster.kubernetesVersion, "v1.33.1", "cp-2 still serves v1.33.1");
    await registry.reportNode(report("cp-2", "v1.34.0", CP));
    assert.equal(cluster.kubernetesVersion, "v1.34.0");
  });

  it("a rolling replacement moves /version once the old control planes' Nodes are gone", async () => {
    const { registry, cluster } = await demo();
    await registry.reportNode(report("cp-old", "v1.33.1", CP));
    await registry.reportNode(report("cp-new", "v1.34.0", CP));
    assert.equal(cluster.kubernetesVersion, "v1.33.1");
    // CAPI deletes the old Machine's Node through the API.
    cluster.store.delete(NODES, undefined, "cp-old");
    assert.equal(cluster.kubernetesVersion, "v1.34.0");
  });

  it("a report without a version leaves kubeletVersion empty and never changes an existing one", async () => {
    const { registry, cluster } = await demo();
    await registry.reportNode(report("cp-1", "v1.32.3", CP));
    await registry.reportNode(report("md-1"));
    assert.equal(nodeOf(cluster, "md-1").status.nodeInfo.kubeletVersion, "");
    await registry.reportNode(report("cp-1", undefined, CP));
    assert.equal(nodeOf(cluster, "cp-1").status.nodeInfo.kubeletVersion, "v1.32.3");
    assert.equal(cluster.kubernetesVersion, "v1.32.3");
    // A control plane without a version does not hold /version back.
    await registry.reportNode(report("cp-2", undefined, CP));
    assert.equal(cluster.kubernetesVersion, "v1.32.3");
    assert.equal(imageOf(cluster, "kube-apiserver-cp-2"), "registry.k8s.io/kube-apiserver:v1.32.3");
  });

  it("a version reported while the machine still boots is the one it comes up with", async () => {
    const sleeps: (() => void)[] = [];
    const { registry } = registryWithFakeListeners({
      sleep: () => new Promise((resolve) => sleeps.push(() => resolve())),
    });
    await registry.register({
      namespace: "default",
      name: "demo",
      provisioning: {
        node: { startupMs: 100, jitter: 0 },
        etcd: { startupMs: 100, jitter: 0 },
        apiServer: { startupMs: 100, jitter: 0 },
      },
    });
    const cluster = registry.get("default", "demo")!;
    await registry.reportNode(report("md-1", "v1.33.1"));
    await registry.reportNode(report("md-1", "v1.34.0"));
    sleeps.shift()!();
    await cluster.booting.get("md-1");
    assert.equal(nodeOf(cluster, "md-1").status.nodeInfo.kubeletVersion, "v1.34.0");
    // Booted: a later version applies at once, with no delay.
    await registry.reportNode(report("md-1", "v1.35.0"));
    assert.equal(nodeOf(cluster, "md-1").status.nodeInfo.kubeletVersion, "v1.35.0");
    assert.equal(sleeps.length, 0);
  });
});

describe("compareKubernetesVersions", () => {
  it("orders by number, pre-releases before their release, build metadata ignored", () => {
    const sorted = ["v1.34.0", "v1.9.10", "v1.34.0-rc.1", "v1.33.1+k3s1", "v1.34.0-alpha.2"]
      .sort(compareKubernetesVersions);
    assert.deepEqual(sorted, [
      "v1.9.10",
      "v1.33.1+k3s1",
      "v1.34.0-alpha.2",
      "v1.34.0-rc.1",
      "v1.34.0",
    ]);
    assert.equal(compareKubernetesVersions("v1.33.1+a", "v1.33.1+b"), 0);
  });
});

describe("registration taints", () => {
  it("a worker from a CAPI Machine registers uninitialized; once CAPI removed the taint fkas never puts it back", async () => {
    const { registry, cluster } = await demo();
    const worker = {
      ...report("md-1", "v1.33.1"),
      taints: [{ key: "node.cluster.x-k8s.io/uninitialized", effect: "NoSchedule" as const }],
    };
    await registry.reportNode(worker);
    assert.deepEqual(nodeOf(cluster, "md-1").spec.taints, worker.taints);
    // CAPI's Machine controller removes the taint after its first label sync.
    const node: KubeObject = nodeOf(cluster, "md-1");
    cluster.store.update(NODES, { ...node, spec: { ...node.spec as object, taints: [] } });
    await registry.reportNode(worker);
    await registry.reportNode({ ...worker, kubernetesVersion: "v1.34.0" });
    // No taint back (the emptied list is stored left out, as Go's omitempty writes it).
    assert.equal(nodeOf(cluster, "md-1").spec.taints, undefined);
  });

  it("control planes carry the label and kubeadm's NoSchedule taint unless their taints say otherwise", async () => {
    const { registry, cluster } = await demo();
    await registry.reportNode(report("cp-1", "v1.33.1", CP));
    const cp = nodeOf(cluster, "cp-1");
    assert.equal(cp.metadata.labels["node-role.kubernetes.io/control-plane"], "");
    assert.deepEqual(cp.spec.taints, [
      { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" },
    ]);
    await registry.reportNode({ ...report("cp-2", "v1.33.1", CP), taints: [] });
    const untainted = nodeOf(cluster, "cp-2");
    assert.equal(untainted.metadata.labels["node-role.kubernetes.io/control-plane"], "");
    assert.equal(untainted.spec.taints, undefined);
  });
});
