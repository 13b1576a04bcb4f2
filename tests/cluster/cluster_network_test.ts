// Tests the pod network a registry gives its clusters (--cluster-cidr, --node-cidr-mask-size) and
// that workload simulation is off unless asked for, as with a default fkas server.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FakeCluster } from "../../src/cluster/mod.ts";
import { BUILTIN_CATALOG } from "../../src/resources/mod.ts";
import { registryWithFakeListeners } from "./registry_fixture.ts";

const NODES = BUILTIN_CATALOG.byKey("nodes")!;
const PODS = BUILTIN_CATALOG.byKey("pods")!;
const CONFIG_MAPS = BUILTIN_CATALOG.byKey("configmaps")!;
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function clusterWithNodes(
  options: Parameters<typeof registryWithFakeListeners>[0],
): Promise<FakeCluster> {
  const { registry } = registryWithFakeListeners(options);
  const cluster = await registry.register({ namespace: "ns", name: "net" });
  for (
    const [nodeName, labels] of [["net-cp", { "cluster.x-k8s.io/control-plane": "" }], [
      "net-w",
      {},
    ]] as const
  ) {
    await registry.reportNode({ namespace: "ns", cluster: "net", nodeName, labels });
  }
  await settle();
  return cluster;
}

const podCidrOf = (cluster: FakeCluster, node: string) =>
  (cluster.store.get(NODES, undefined, node)?.spec as { podCIDR?: string }).podCIDR;

describe("cluster pod network", () => {
  it("runs no scheduler, kubelets or node IPAM unless workloads are on (the server's default)", async () => {
    const cluster = await clusterWithNodes({});
    assert.equal(podCidrOf(cluster, "net-w"), undefined);
    const pods = cluster.store.list(PODS, "kube-system");
    assert.ok(pods.every((p) => !p.metadata.name?.startsWith("coredns-")));
  });

  it("hands nodes ranges of --node-cidr-mask-size from --cluster-cidr, which kubeadm-config and kube-proxy name", async () => {
    const cluster = await clusterWithNodes({
      workloads: true,
      clusterCidr: "10.128.0.0/12",
      nodeCidrMaskSize: 26,
    });
    assert.deepEqual(
      [podCidrOf(cluster, "net-cp"), podCidrOf(cluster, "net-w")],
      ["10.128.0.0/26", "10.128.0.64/26"],
    );
    const kubeadm = cluster.store.get(CONFIG_MAPS, "kube-system", "kubeadm-config")!;
    assert.match(
      (kubeadm.data as Record<string, string>).ClusterConfiguration,
      /podSubnet: 10\.128\.0\.0\/12/,
    );
    const proxy = cluster.store.get(CONFIG_MAPS, "kube-system", "kube-proxy")!;
    assert.match(
      (proxy.data as Record<string, string>)["config.conf"],
      /clusterCIDR: 10\.128\.0\.0\/12/,
    );
  });
});
