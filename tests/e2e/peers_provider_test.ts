// --provider with --peers: two replicas follow the same FkasClusters, and each cluster is
// provisioned once, by its owner, on the owner's ports; the merged list holds each cluster once.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { rendezvousOwner } from "../../src/hosts/peers/mod.ts";
import { eventually } from "./client_node_fixture.ts";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";
import { type Json, type ManagementCluster, startManagementCluster } from "./management_fixture.ts";

const NS = "default";
const INFRA = `/apis/infrastructure.cluster.x-k8s.io/v1alpha1/namespaces/${NS}`;
const CAPI = `/apis/cluster.x-k8s.io/v1beta1/namespaces/${NS}`;
// Below Linux's ephemeral range: 100 cluster ports per replica, then the control ports.
const base = 22000 + Math.floor(Math.random() * 30) * 300;

describe("--provider with two --peers replicas", { timeout: 120_000 }, () => {
  let mgmt: ManagementCluster;
  const replicas: FkasProcess[] = [];

  before(async () => {
    mgmt = await startManagementCluster({ provider: true });
    const urls = [0, 1].map((i) => `http://127.0.0.1:${base + 200 + i}`);
    replicas.push(
      ...await Promise.all(urls.map((url, i) =>
        startFkasProcess([
          `--control-address=127.0.0.1:${new URL(url).port}`,
          `--ports=${base + i * 100}-${base + i * 100 + 99}`,
          `--peers=${urls.join(",")}`,
          `--shard-index=${i}`,
          `--management-kubeconfig=${mgmt.kubeconfigPath}`,
          "--provider",
          "--ca-source=generated",
        ])
      )),
    );
  });
  after(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await mgmt?.fkas.stop();
  });

  it("provisions each FkasCluster once, on the replica owning its cluster", async () => {
    // One cluster owned by each replica.
    const names = ["a", "b", "c", "d", "e", "f"].map((s) => `prov-${s}`);
    const chosen = [0, 1].map((r) => names.find((n) => rendezvousOwner(`${NS}/${n}`, 2) === r)!);
    for (const name of chosen) {
      const cluster = await mgmt.must("POST", `${CAPI}/clusters`, {
        apiVersion: "cluster.x-k8s.io/v1beta1",
        kind: "Cluster",
        metadata: { name, namespace: NS },
        spec: { infrastructureRef: { kind: "FkasCluster", name: `${name}-infra` } },
      });
      await mgmt.must("POST", `${INFRA}/fkasclusters`, {
        apiVersion: "infrastructure.cluster.x-k8s.io/v1alpha1",
        kind: "FkasCluster",
        metadata: {
          name: `${name}-infra`,
          namespace: NS,
          ownerReferences: [{
            apiVersion: "cluster.x-k8s.io/v1beta1",
            kind: "Cluster",
            name,
            uid: cluster.metadata.uid,
          }],
        },
        spec: {},
      });
    }
    for (const [owner, name] of chosen.entries()) {
      let infra: Json;
      await eventually(20_000, `${name} to be provisioned`, async () => {
        infra = await mgmt.must("GET", `${INFRA}/fkasclusters/${name}-infra`);
        return infra.status?.initialization?.provisioned === true;
      }, () => replicas.map((r) => r.output().slice(-1000)).join("\n---\n"));
      const port = infra.spec.controlPlaneEndpoint.port;
      assert.ok(port >= base + owner * 100 && port <= base + owner * 100 + 99, `${name}: ${port}`);
    }
    // Let a replica that wrongly acts for the other's cluster have the time to register it.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const replica of replicas) {
      const list = await (await fetch(`${replica.control}/clusters`)).json();
      assert.deepEqual(list.clusters.map((c: { name: string }) => c.name).sort(), chosen.sort());
    }
  });
});
