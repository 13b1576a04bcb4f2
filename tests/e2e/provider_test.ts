// fkas as a Cluster API infrastructure provider (--provider): the test plays CAPI's controllers
// against a management cluster served by a second fkas, as CAPD's in-memory backend is driven.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createCertificateAuthority } from "../../src/pki/mod.ts";
import { eventually } from "./client_node_fixture.ts";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";
import {
  caSecret,
  type Json,
  kubeApi,
  type ManagementCluster,
  startManagementCluster,
} from "./management_fixture.ts";

const NS = "default";
const INFRA = `/apis/infrastructure.cluster.x-k8s.io/v1alpha1/namespaces/${NS}`;
const CAPI = `/apis/cluster.x-k8s.io/v1beta1/namespaces/${NS}`;

interface Timeline {
  [condition: string]: number;
}

function conditionsOf(object: Json): Record<string, Json> {
  return Object.fromEntries((object.status?.conditions ?? []).map((c: Json) => [c.type, c]));
}

function delays(ms: { vm: number; node: number; etcd: number; apiServer: number }) {
  const block = (n: number) => ({
    provisioning: { startupDuration: `${n}ms`, startupJitter: "0" },
  });
  return {
    vm: block(ms.vm),
    node: block(ms.node),
    etcd: block(ms.etcd),
    apiServer: block(ms.apiServer),
  };
}

describe("fkas as an infrastructure provider (--provider)", () => {
  let mgmt: ManagementCluster;
  let fkas: FkasProcess;
  const flags = () => [`--management-kubeconfig=${mgmt.kubeconfigPath}`, "--provider"];
  let port = 0;
  let caFingerprint = "";

  before(async () => {
    mgmt = await startManagementCluster({ provider: true });
    fkas = await startFkasProcess(flags());
  });
  after(async () => {
    await fkas?.stop();
    await mgmt?.fkas.stop();
  });

  async function view(name: string) {
    const response = await fetch(`${fkas.control}/clusters/${NS}/${name}`);
    return response.status === 200 ? await response.json() : undefined;
  }

  it("provisions the cluster, then boots machines phase by phase after their delays", async () => {
    const now = new Date();
    const [ca, etcd] = await Promise.all([
      createCertificateAuthority({ commonName: "kubernetes", keyAlgorithm: "ecdsa", now }),
      createCertificateAuthority({ commonName: "etcd-ca", keyAlgorithm: "rsa", now }),
    ]);
    caFingerprint = ca.fingerprintSha256;
    await mgmt.must(
      "POST",
      `/api/v1/namespaces/${NS}/secrets`,
      caSecret(NS, "demo-ca", ca.certPem, ca.keyPem),
    );
    await mgmt.must(
      "POST",
      `/api/v1/namespaces/${NS}/secrets`,
      caSecret(NS, "demo-etcd", etcd.certPem, etcd.keyPem),
    );
    const cluster = await mgmt.must("POST", `${CAPI}/clusters`, {
      apiVersion: "cluster.x-k8s.io/v1beta1",
      kind: "Cluster",
      metadata: { name: "demo", namespace: NS },
      spec: { infrastructureRef: { kind: "FkasCluster", name: "demo-infra" } },
    });
    await mgmt.must("POST", `${INFRA}/fkasclusters`, {
      apiVersion: "infrastructure.cluster.x-k8s.io/v1alpha1",
      kind: "FkasCluster",
      metadata: {
        name: "demo-infra",
        namespace: NS,
        ownerReferences: [{
          apiVersion: "cluster.x-k8s.io/v1beta1",
          kind: "Cluster",
          name: "demo",
          uid: cluster.metadata.uid,
        }],
      },
      spec: {},
    });
    let infraCluster: Json;
    await eventually(15_000, "the FkasCluster to be provisioned", async () => {
      infraCluster = await mgmt.must("GET", `${INFRA}/fkasclusters/demo-infra`);
      return infraCluster.status?.initialization?.provisioned === true;
    }, () => fkas.output().slice(-1500));
    assert.equal(infraCluster.status.ready, true);
    assert.equal(conditionsOf(infraCluster).Ready.status, "True");
    assert.deepEqual(infraCluster.metadata.finalizers, [
      "fkascluster.infrastructure.cluster.x-k8s.io",
    ]);
    const endpoint = infraCluster.spec.controlPlaneEndpoint;
    assert.equal(endpoint.host, "127.0.0.1");
    port = endpoint.port;
    assert.equal((await view("demo")).port, port);
    assert.equal((await view("demo")).listener, "pending");

    const machine = async (name: string, controlPlane: boolean, bootstrap: boolean) => {
      const capi = await mgmt.must("POST", `${CAPI}/machines`, {
        apiVersion: "cluster.x-k8s.io/v1beta1",
        kind: "Machine",
        metadata: {
          name,
          namespace: NS,
          labels: {
            "cluster.x-k8s.io/cluster-name": "demo",
            ...(controlPlane ? { "cluster.x-k8s.io/control-plane": "" } : {}),
          },
        },
        spec: {
          clusterName: "demo",
          version: "v1.32.3",
          bootstrap: bootstrap ? { dataSecretName: `${name}-bootstrap` } : {},
          infrastructureRef: {
            apiVersion: "infrastructure.cluster.x-k8s.io/v1alpha1",
            kind: "FkasMachine",
            name,
          },
        },
      });
      await mgmt.must("POST", `${INFRA}/fkasmachines`, {
        apiVersion: "infrastructure.cluster.x-k8s.io/v1alpha1",
        kind: "FkasMachine",
        metadata: {
          name,
          namespace: NS,
          labels: { "cluster.x-k8s.io/cluster-name": "demo" },
          ownerReferences: [{
            apiVersion: "cluster.x-k8s.io/v1beta1",
            kind: "Machine",
            name,
            uid: capi.metadata.uid,
          }],
        },
        spec: delays({ vm: 600, node: 400, etcd: 300, apiServer: 500 }),
      });
    };
    const started = Date.now();
    await machine("demo-cp-0", true, true);
    await machine("demo-md-0", false, false);

    // Watch the control plane's conditions come up, noting when each first reads True.
    const seen: Timeline = {};
    await eventually(20_000, "every phase of demo-cp-0", async () => {
      const object = await mgmt.must("GET", `${INFRA}/fkasmachines/demo-cp-0`);
      for (const [type, condition] of Object.entries(conditionsOf(object))) {
        if (condition.status === "True" && seen[type] === undefined) {
          seen[type] = Date.now() - started;
        }
      }
      return seen.Ready !== undefined;
    }, () => seen);
    // Each phase counts from the one before it (VM from the start, etcd from the node, the API
    // server from etcd: it cannot start before its etcd member). Observed times lag the real ones
    // under load, so each is checked against the sum of the delays up to it (600, 400, 300, 500 ms).
    assert.ok(seen.VMProvisioned >= 550, JSON.stringify(seen));
    assert.ok(seen.NodeProvisioned >= 950, JSON.stringify(seen));
    assert.ok(seen.EtcdProvisioned >= 1250, JSON.stringify(seen));
    assert.ok(seen.APIServerProvisioned >= 1750, JSON.stringify(seen));
    assert.ok(seen.VMProvisioned <= seen.NodeProvisioned, JSON.stringify(seen));
    assert.ok(seen.NodeProvisioned <= seen.EtcdProvisioned, JSON.stringify(seen));
    assert.ok(seen.EtcdProvisioned < seen.APIServerProvisioned, JSON.stringify(seen));

    const cp = await mgmt.must("GET", `${INFRA}/fkasmachines/demo-cp-0`);
    assert.equal(cp.spec.providerID, "fkas://default/demo-cp-0");
    assert.equal(cp.status.ready, true);
    assert.equal(cp.status.initialization.provisioned, true);
    assert.ok(cp.status.addresses.some((a: Json) => a.type === "InternalIP"));
    const state = await view("demo");
    assert.equal(state.listener, "serving");
    assert.equal(state.caFingerprintSha256, caFingerprint);
    assert.deepEqual(state.etcd.members.map((m: Json) => m.name), ["demo-cp-0"]);

    // A second control plane, as KCP scales up: its own etcd member joins.
    await machine("demo-cp-1", true, true);
    await eventually(
      15_000,
      "demo-cp-1",
      async () =>
        conditionsOf(await mgmt.must("GET", `${INFRA}/fkasmachines/demo-cp-1`)).Ready?.status ===
          "True",
    );
    assert.deepEqual(
      (await view("demo")).etcd.members.map((m: Json) => m.name).sort(),
      ["demo-cp-0", "demo-cp-1"],
    );

    // The worker waits for its bootstrap data, as CAPD's machines do.
    const md = await mgmt.must("GET", `${INFRA}/fkasmachines/demo-md-0`);
    assert.equal(conditionsOf(md).VMProvisioned.reason, "WaitingForBootstrapData");
    assert.equal(md.status.ready, false);
    await mgmt.must("PATCH", `${CAPI}/machines/demo-md-0`, {
      spec: { bootstrap: { dataSecretName: "demo-md-0-bootstrap" } },
    });
    await eventually(
      15_000,
      "the worker",
      async () =>
        conditionsOf(await mgmt.must("GET", `${INFRA}/fkasmachines/demo-md-0`)).Ready?.status ===
          "True",
    );

    const { config } = await fkas.kubeconfig(NS, "demo");
    const nodes = await kubeApi(config).must("GET", "/api/v1/nodes");
    assert.deepEqual(
      nodes.items.map((n: Json) => [n.metadata.name, n.spec.providerID]).sort(),
      [
        ["demo-cp-0", "fkas://default/demo-cp-0"],
        ["demo-cp-1", "fkas://default/demo-cp-1"],
        ["demo-md-0", "fkas://default/demo-md-0"],
      ],
    );
    const pods = await kubeApi(config).must("GET", "/api/v1/namespaces/kube-system/pods");
    assert.deepEqual(
      pods.items.map((p: Json) => p.metadata.name).filter((n: string) => n.endsWith("demo-cp-0"))
        .sort(),
      [
        "etcd-demo-cp-0",
        "kube-apiserver-demo-cp-0",
        "kube-controller-manager-demo-cp-0",
        "kube-scheduler-demo-cp-0",
      ],
    );
  });

  it("comes back after a restart on the same port, without delaying booted machines again", async () => {
    for (const name of ["demo-cp-0", "demo-cp-1", "demo-md-0"]) {
      await mgmt.must("PATCH", `${INFRA}/fkasmachines/${name}`, {
        spec: delays({ vm: 60_000, node: 60_000, etcd: 60_000, apiServer: 60_000 }),
      });
    }
    await fkas.stop();
    fkas = await startFkasProcess(flags());
    await eventually(15_000, "the cluster and its machines back", async () => {
      const state = await view("demo");
      return state?.listener === "serving" && state.nodes.length === 3;
    }, () => fkas.output().slice(-1500));
    const state = await view("demo");
    assert.equal(state.port, port);
    assert.equal(state.caFingerprintSha256, caFingerprint);
    const { config } = await fkas.kubeconfig(NS, "demo");
    const nodes = await kubeApi(config).must("GET", "/api/v1/nodes");
    assert.equal(nodes.items.length, 3);
    assert.equal(state.etcd.members.length, 2);
  });

  it("follows an in-place upgrade and a rolling replacement: nodes and /version report the new versions", async () => {
    const { config } = await fkas.kubeconfig(NS, "demo");
    const api = kubeApi(config);
    const kubeletVersions = async () =>
      Object.fromEntries(
        (await api.must("GET", "/api/v1/nodes")).items.map((
          n: Json,
        ) => [n.metadata.name, n.status.nodeInfo.kubeletVersion]),
      );
    // In place: CAPI bumps the Machines' versions (InPlaceUpdates); nothing touches the Nodes.
    for (const name of ["demo-cp-0", "demo-cp-1", "demo-md-0"]) {
      await mgmt.must("PATCH", `${CAPI}/machines/${name}`, { spec: { version: "v1.33.0" } });
    }
    await eventually(15_000, "the kubelets to report v1.33.0", async () => {
      const versions = await kubeletVersions();
      return Object.values(versions).every((v) => v === "v1.33.0");
    }, kubeletVersions);
    assert.equal((await view("demo")).kubernetesVersion, "v1.33.0");
    const apiserver = await api.must(
      "GET",
      "/api/v1/namespaces/kube-system/pods/kube-apiserver-demo-cp-0",
    );
    assert.equal(apiserver.spec.containers[0].image, "registry.k8s.io/kube-apiserver:v1.33.0");

    // Rolling: KCP adds demo-cp-2 at v1.34.0, then deletes demo-cp-1.
    const capi = await mgmt.must("POST", `${CAPI}/machines`, {
      apiVersion: "cluster.x-k8s.io/v1beta1",
      kind: "Machine",
      metadata: {
        name: "demo-cp-2",
        namespace: NS,
        labels: { "cluster.x-k8s.io/cluster-name": "demo", "cluster.x-k8s.io/control-plane": "" },
      },
      spec: {
        clusterName: "demo",
        version: "v1.34.0",
        bootstrap: { dataSecretName: "demo-cp-2-bootstrap" },
        infrastructureRef: {
          apiVersion: "infrastructure.cluster.x-k8s.io/v1alpha1",
          kind: "FkasMachine",
          name: "demo-cp-2",
        },
      },
    });
    await mgmt.must("POST", `${INFRA}/fkasmachines`, {
      apiVersion: "infrastructure.cluster.x-k8s.io/v1alpha1",
      kind: "FkasMachine",
      metadata: {
        name: "demo-cp-2",
        namespace: NS,
        labels: { "cluster.x-k8s.io/cluster-name": "demo" },
        ownerReferences: [{
          apiVersion: "cluster.x-k8s.io/v1beta1",
          kind: "Machine",
          name: "demo-cp-2",
          uid: capi.metadata.uid,
        }],
      },
      spec: delays({ vm: 50, node: 50, etcd: 50, apiServer: 50 }),
    });
    await eventually(
      15_000,
      "demo-cp-2",
      async () =>
        conditionsOf(await mgmt.must("GET", `${INFRA}/fkasmachines/demo-cp-2`)).Ready?.status ===
          "True",
    );
    assert.equal((await kubeletVersions())["demo-cp-2"], "v1.34.0");
    assert.equal((await view("demo")).kubernetesVersion, "v1.33.0", "older control planes remain");
    await mgmt.must("DELETE", `${INFRA}/fkasmachines/demo-cp-1`);
    await mgmt.must("DELETE", `${CAPI}/machines/demo-cp-1`);
    await eventually(
      15_000,
      "demo-cp-1 to go",
      async () => !("demo-cp-1" in await kubeletVersions()),
    );
    assert.deepEqual(
      (await view("demo")).etcd.members.map((m: Json) => m.name).sort(),
      ["demo-cp-0", "demo-cp-2"],
    );
    assert.equal((await view("demo")).kubernetesVersion, "v1.33.0", "demo-cp-0 is still v1.33.0");
    await mgmt.must("PATCH", `${CAPI}/machines/demo-cp-0`, { spec: { version: "v1.34.0" } });
    await eventually(
      15_000,
      "/version to reach v1.34.0",
      async () => (await view("demo")).kubernetesVersion === "v1.34.0",
    );
    assert.equal((await kubeletVersions())["demo-cp-0"], "v1.34.0");
  });

  it("removes machines and releases the cluster when CAPI deletes them", async () => {
    await mgmt.must("DELETE", `${INFRA}/fkasmachines/demo-md-0`);
    await eventually(
      15_000,
      "the worker to go",
      async () => (await mgmt.api("GET", `${INFRA}/fkasmachines/demo-md-0`)).status === 404,
    );
    assert.deepEqual((await view("demo")).nodes.map((n: Json) => n.name).sort(), [
      "demo-cp-0",
      "demo-cp-2",
    ]);
    await mgmt.must("DELETE", `${INFRA}/fkasmachines/demo-cp-2`);
    await eventually(15_000, "the second control plane to go", async () => {
      const state = await view("demo");
      return state.nodes.length === 1 && state.etcd.members.length === 1;
    });
    assert.deepEqual((await view("demo")).etcd.members.map((m: Json) => m.name), ["demo-cp-0"]);

    await mgmt.must("DELETE", `${INFRA}/fkasmachines/demo-cp-0`);
    await mgmt.must("DELETE", `${INFRA}/fkasclusters/demo-infra`);
    await eventually(
      15_000,
      "the cluster to be released",
      async () =>
        (await mgmt.api("GET", `${INFRA}/fkasclusters/demo-infra`)).status === 404 &&
        (await view("demo")) === undefined,
    );
    assert.equal((await mgmt.api("GET", `${INFRA}/fkasmachines/demo-cp-0`)).status, 404);
  });
});
