// fkas beside a management cluster (a second fkas plays it): CAs from CAPI's secrets, nodes that
// follow Machines and Metal3 hosts, and watches that survive disconnects and 410 Gone.

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
const SECRETS = `/api/v1/namespaces/${NS}/secrets`;
const MACHINES_V1BETA1 = `/apis/cluster.x-k8s.io/v1beta1/namespaces/${NS}/machines`;
const MACHINES_V1BETA2 = `/apis/cluster.x-k8s.io/v1beta2/namespaces/${NS}/machines`;
const MACHINE_POOLS = `/apis/cluster.x-k8s.io/v1beta2/namespaces/${NS}/machinepools`;

interface ClusterView {
  ca: string;
  caFingerprintSha256?: string;
  listener: string;
  kubernetesVersion: string;
  nodes: { name: string; providerID?: string }[];
  etcd: { members: { name: string }[] };
}

async function view(fkas: FkasProcess, name: string): Promise<ClusterView> {
  const response = await fetch(`${fkas.control}/clusters/${NS}/${name}`);
  assert.equal(response.status, 200, await response.clone().text());
  return await response.json();
}

async function register(fkas: FkasProcess, cluster: string, extra: Record<string, unknown> = {}) {
  const response = await fetch(`${fkas.control}/register`, {
    method: "POST",
    body: JSON.stringify({ cluster, namespace: NS, ...extra }),
  });
  assert.equal(response.status, 200, await response.clone().text());
}

async function addCaSecrets(
  mgmt: ManagementCluster,
  cluster: string,
  keyAlgorithm: "rsa" | "ecdsa",
) {
  const now = new Date();
  const [ca, etcd] = await Promise.all([
    createCertificateAuthority({ commonName: "kubernetes", keyAlgorithm, now }),
    createCertificateAuthority({ commonName: "etcd-ca", keyAlgorithm, now }),
  ]);
  await mgmt.must("POST", SECRETS, caSecret(NS, `${cluster}-ca`, ca.certPem, ca.keyPem));
  await mgmt.must("POST", SECRETS, caSecret(NS, `${cluster}-etcd`, etcd.certPem, etcd.keyPem));
  return { ca, etcd };
}

function machine(name: string, cluster: string, options: {
  apiVersion?: string;
  controlPlane?: boolean;
  providerID?: string;
  infrastructure?: string;
  bootstrap?: boolean;
  version?: string;
}) {
  const labels: Record<string, string> = { "cluster.x-k8s.io/cluster-name": cluster };
  if (options.controlPlane) labels["cluster.x-k8s.io/control-plane"] = "";
  return {
    apiVersion: options.apiVersion ?? "cluster.x-k8s.io/v1beta1",
    kind: "Machine",
    metadata: { name, namespace: NS, labels },
    spec: {
      clusterName: cluster,
      version: options.version ?? "v1.32.2",
      providerID: options.providerID,
      bootstrap: options.bootstrap === false ? {} : { dataSecretName: `${name}-bootstrap` },
      infrastructureRef: { kind: "DevMachine", name: options.infrastructure ?? `${name}-infra` },
    },
  };
}

const nodeNames = (v: ClusterView) => v.nodes.map((n) => n.name).sort();

/** A management cluster and an fkas beside it watching `watch` (its `--watch` value). */
async function startBeside(watch: string) {
  const mgmt = await startManagementCluster();
  try {
    const fkas = await startFkasProcess([
      `--management-kubeconfig=${mgmt.kubeconfigPath}`,
      `--watch=${watch}`,
    ]);
    return { mgmt, fkas };
  } catch (error) {
    await mgmt.fkas.stop();
    throw error;
  }
}

async function stopBeside(mgmt: ManagementCluster | undefined, fkas: FkasProcess | undefined) {
  await fkas?.stop();
  await mgmt?.fkas.stop();
}

describe("beside a management cluster (--watch machines)", () => {
  let mgmt: ManagementCluster;
  let fkas: FkasProcess;

  before(async () => ({ mgmt, fkas } = await startBeside("machines")));
  after(() => stopBeside(mgmt, fkas));

  for (const keyAlgorithm of ["rsa", "ecdsa"] as const) {
    it(`takes a cluster's CAs from its ${keyAlgorithm.toUpperCase()} <cluster>-ca and -etcd secrets`, async () => {
      const cluster = `from-${keyAlgorithm}`;
      const { ca } = await addCaSecrets(mgmt, cluster, keyAlgorithm);
      await register(fkas, cluster);
      const state = await view(fkas, cluster);
      assert.equal(state.ca, "ready");
      assert.equal(state.caFingerprintSha256, ca.fingerprintSha256);
      const { config } = await fkas.kubeconfig(NS, cluster);
      assert.equal(kubeApi(config).caPem, ca.certPem);
    });
  }

  it("waits for a missing CA secret, accepts node reports meanwhile, and boots them once it appears", async () => {
    const cluster = "late-ca";
    await register(fkas, cluster);
    assert.match((await view(fkas, cluster)).ca, /^waiting for CA secret default\/late-ca-ca/);
    const kubeconfig = await fetch(`${fkas.control}/clusters/${NS}/${cluster}/kubeconfig`);
    assert.equal(kubeconfig.status, 503);
    assert.match((await kubeconfig.json()).error, /waiting for CA secret/);
    await fkas.updateNode({
      cluster,
      namespace: NS,
      nodeName: "late-ca-cp",
      labels: { "cluster.x-k8s.io/control-plane": "" },
      providerID: "fake://late-ca-cp",
    });
    assert.deepEqual(nodeNames(await view(fkas, cluster)), []);
    const { ca } = await addCaSecrets(mgmt, cluster, "ecdsa");
    await eventually(15_000, "the CA and the node", async () => {
      const state = await view(fkas, cluster);
      return state.ca === "ready" && state.listener === "serving" && state.nodes.length === 1;
    });
    const { config } = await fkas.kubeconfig(NS, cluster);
    const nodes = await kubeApi(config).must("GET", "/api/v1/nodes");
    assert.deepEqual(nodes.items.map((n: Json) => n.spec.providerID), ["fake://late-ca-cp"]);
    assert.equal((await view(fkas, cluster)).caFingerprintSha256, ca.fingerprintSha256);
  });

  it("reports the node of each ready Machine (v1beta1 and v1beta2) and removes it with the Machine", async () => {
    const cluster = "machines";
    await addCaSecrets(mgmt, cluster, "ecdsa");
    await register(fkas, cluster);
    await mgmt.must(
      "POST",
      MACHINES_V1BETA1,
      machine("machines-cp-1", cluster, {
        controlPlane: true,
        providerID: "in-memory://machines-cp-1-abcde",
        infrastructure: "machines-cp-1-abcde",
      }),
    );
    await eventually(15_000, "the control-plane node", async () => {
      const state = await view(fkas, cluster);
      return state.listener === "serving" && nodeNames(state).includes("machines-cp-1-abcde");
    }, () => fkas.output().slice(-2000));
    const state = await view(fkas, cluster);
    assert.equal(state.kubernetesVersion, "v1.32.2");
    assert.deepEqual(state.etcd.members.map((m) => m.name), ["machines-cp-1-abcde"]);

    // Not yet: no providerID, infrastructure not provisioned, no bootstrap data.
    const worker = machine("machines-md-1", cluster, {
      apiVersion: "cluster.x-k8s.io/v1beta2",
      bootstrap: false,
    });
    await mgmt.must("POST", MACHINES_V1BETA2, worker);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(nodeNames(await view(fkas, cluster)), ["machines-cp-1-abcde"]);
    // CAPI's v1beta2 status and bootstrap data: now it is a machine with a node.
    await mgmt.must("PATCH", `${MACHINES_V1BETA2}/machines-md-1`, {
      spec: { bootstrap: { dataSecretName: "machines-md-1-bootstrap" } },
      status: { initialization: { infrastructureProvisioned: true } },
    });
    await eventually(
      15_000,
      "the worker node",
      async () => nodeNames(await view(fkas, cluster)).includes("machines-md-1-infra"),
    );

    await mgmt.must("DELETE", `${MACHINES_V1BETA2}/machines-md-1`);
    await eventually(
      15_000,
      "the worker node to go",
      async () => !nodeNames(await view(fkas, cluster)).includes("machines-md-1-infra"),
    );
    const { config } = await fkas.kubeconfig(NS, cluster);
    const pods = await kubeApi(config).must("GET", "/api/v1/namespaces/kube-system/pods");
    assert.ok(pods.items.every((p: Json) => !p.metadata.name.endsWith("machines-md-1-infra")));
  });

  it("follows a Machine's in-place upgrade, and a worker's uninitialized taint stays removed once CAPI removed it", async () => {
    const cluster = "inplace";
    await addCaSecrets(mgmt, cluster, "ecdsa");
    await register(fkas, cluster);
    // KCP's kubeadm config: bind port 6444, the control-plane taint listed explicitly plus one.
    const kcp = await mgmt.must(
      "POST",
      `/apis/controlplane.cluster.x-k8s.io/v1beta2/namespaces/${NS}/kubeadmcontrolplanes`,
      {
        apiVersion: "controlplane.cluster.x-k8s.io/v1beta2",
        kind: "KubeadmControlPlane",
        metadata: { name: "inplace-control-plane", namespace: NS },
        spec: {
          kubeadmConfigSpec: {
            initConfiguration: {
              localAPIEndpoint: { bindPort: 6444 },
              nodeRegistration: {
                taints: [
                  { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" },
                  { key: "example.com/dedicated", value: "cp", effect: "NoSchedule" },
                ],
              },
            },
          },
        },
      },
    );
    const cpMachine = machine("inplace-cp", cluster, {
      controlPlane: true,
      providerID: "fake://inplace-cp",
    });
    await mgmt.must("POST", MACHINES_V1BETA2, {
      ...cpMachine,
      apiVersion: "cluster.x-k8s.io/v1beta2",
      metadata: {
        ...cpMachine.metadata,
        ownerReferences: [{
          apiVersion: "controlplane.cluster.x-k8s.io/v1beta2",
          kind: "KubeadmControlPlane",
          name: "inplace-control-plane",
          uid: kcp.metadata.uid,
        }],
      },
    });
    await mgmt.must("POST", MACHINES_V1BETA2, {
      ...machine("inplace-md", cluster, { providerID: "fake://inplace-md" }),
      apiVersion: "cluster.x-k8s.io/v1beta2",
    });
    await eventually(15_000, "both nodes", async () => {
      const state = await view(fkas, cluster);
      return state.listener === "serving" && state.nodes.length === 2;
    });
    const { config } = await fkas.kubeconfig(NS, cluster);
    const api = kubeApi(config);
    const node = (name: string) => api.must("GET", `/api/v1/nodes/${name}`);
    assert.equal((await node("inplace-md-infra")).status.nodeInfo.kubeletVersion, "v1.32.2");
    assert.deepEqual((await node("inplace-md-infra")).spec.taints, [
      { key: "node.cluster.x-k8s.io/uninitialized", effect: "NoSchedule" },
    ]);
    assert.deepEqual((await node("inplace-cp-infra")).spec.taints, [
      { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" },
      { key: "example.com/dedicated", value: "cp", effect: "NoSchedule" },
    ]);
    const kubeApiserver = await api.must(
      "GET",
      "/api/v1/namespaces/kube-system/pods/kube-apiserver-inplace-cp-infra",
    );
    assert.equal(kubeApiserver.spec.containers[0].ports[0].containerPort, 6444);
    // CAPI's Machine controller syncs the labels and drops the taint.
    await api.must("PATCH", "/api/v1/nodes/inplace-md-infra", { spec: { taints: [] } });
    // An in-place upgrade: CAPI bumps spec.version, nothing touches the Node.
    for (const name of ["inplace-cp", "inplace-md"]) {
      await mgmt.must("PATCH", `${MACHINES_V1BETA2}/${name}`, { spec: { version: "v1.33.0" } });
    }
    await eventually(15_000, "the new kubelet versions", async () => {
      const versions = await Promise.all(
        ["inplace-cp-infra", "inplace-md-infra"].map(async (n) =>
          (await node(n)).status.nodeInfo.kubeletVersion
        ),
      );
      return versions.every((v) => v === "v1.33.0");
    });
    assert.equal((await view(fkas, cluster)).kubernetesVersion, "v1.33.0");
    const apiserver = await api.must(
      "GET",
      "/api/v1/namespaces/kube-system/pods/kube-apiserver-inplace-cp-infra",
    );
    assert.equal(apiserver.spec.containers[0].image, "registry.k8s.io/kube-apiserver:v1.33.0");
    // (fkas keeps the empty list the patch wrote; kube-apiserver would omit it: omitempty.)
    assert.deepEqual((await node("inplace-md-infra")).spec.taints ?? [], [], "not put back");
  });

  it("gives each MachinePool instance (spec.providerIDList) a node, and drops those scaled away", async () => {
    const cluster = "pools";
    await addCaSecrets(mgmt, cluster, "ecdsa");
    await register(fkas, cluster);
    await mgmt.must(
      "POST",
      MACHINES_V1BETA1,
      machine("pools-cp", cluster, { controlPlane: true, providerID: "fake://pools-cp" }),
    );
    const pool = (providerIDs: string[]) => ({
      apiVersion: "cluster.x-k8s.io/v1beta2",
      kind: "MachinePool",
      metadata: { name: "pools-mp-0", namespace: NS },
      spec: {
        clusterName: cluster,
        replicas: providerIDs.length,
        providerIDList: providerIDs,
        template: {
          spec: {
            clusterName: cluster,
            version: "v1.32.2",
            bootstrap: { dataSecretName: "pools-mp-0-bootstrap" },
          },
        },
      },
    });
    await mgmt.must(
      "POST",
      MACHINE_POOLS,
      pool(["docker:////pools-mp-0-a", "docker:////pools-mp-0-b"]),
    );
    await eventually(15_000, "the pool's nodes", async () => {
      const names = nodeNames(await view(fkas, cluster));
      return names.join() === "pools-cp-infra,pools-mp-0-a,pools-mp-0-b";
    }, () => fkas.output().slice(-1500));
    const { config } = await fkas.kubeconfig(NS, cluster);
    const nodes = await kubeApi(config).must("GET", "/api/v1/nodes");
    const b = nodes.items.find((n: Json) => n.metadata.name === "pools-mp-0-b");
    assert.equal(b.spec.providerID, "docker:////pools-mp-0-b");
    assert.equal(b.status.nodeInfo.kubeletVersion, "v1.32.2");
    await mgmt.must("PATCH", `${MACHINE_POOLS}/pools-mp-0`, {
      spec: { replicas: 1, providerIDList: ["docker:////pools-mp-0-b"] },
    });
    await eventually(15_000, "the scaled-away node to go", async () => {
      const names = nodeNames(await view(fkas, cluster));
      return names.join() === "pools-cp-infra,pools-mp-0-b";
    });
    await mgmt.must("DELETE", `${MACHINE_POOLS}/pools-mp-0`);
    await eventually(15_000, "the pool's nodes to go", async () => {
      return nodeNames(await view(fkas, cluster)).join() === "pools-cp-infra";
    });
  });

  it("re-watches after a disconnect, backs off while watches fail, and re-lists after 410 Gone", async () => {
    const cluster = "relist";
    await addCaSecrets(mgmt, cluster, "ecdsa");
    await register(fkas, cluster);
    await mgmt.must(
      "POST",
      MACHINES_V1BETA1,
      machine("relist-cp", cluster, { controlPlane: true, providerID: "fake://relist-cp" }),
    );
    await mgmt.must(
      "POST",
      MACHINES_V1BETA1,
      machine("relist-old", cluster, { providerID: "fake://relist-old" }),
    );
    await eventually(
      15_000,
      "both nodes",
      async () => nodeNames(await view(fkas, cluster)).length === 2,
    );

    // Every new watch of machines fails; then the open one is cut.
    await mgmt.control("POST", "/clusters/default/mgmt/faults", {
      id: "no-watch",
      verb: "watch",
      resource: "machines",
      errorRate: 1,
      errorCode: 500,
    });
    await mgmt.control("POST", "/clusters/default/mgmt/listener/stop");
    await mgmt.control("POST", "/clusters/default/mgmt/listener/start");
    const failuresBefore = fkas.output().split('"watch ended"').length;
    // While fkas cannot watch: a Machine goes, one comes, and 1,200 other writes push the
    // change history past fkas's resourceVersion.
    await mgmt.must("DELETE", `${MACHINES_V1BETA1}/relist-old`);
    await mgmt.must(
      "POST",
      MACHINES_V1BETA1,
      machine("relist-new", cluster, { providerID: "fake://relist-new" }),
    );
    const configMaps = `/api/v1/namespaces/${NS}/configmaps`;
    await mgmt.must("POST", configMaps, { metadata: { name: "churn" }, data: { n: "0" } });
    for (let i = 1; i <= 1200; i++) {
      await mgmt.must("PATCH", `${configMaps}/churn`, { data: { n: String(i) } });
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const failures = fkas.output().split('"watch ended"').length - failuresBefore;
    assert.ok(failures >= 1, "the failing watches were noticed");
    // Backoff: 0.5 s, 1 s, 2 s, 4 s... whatever the writes took, a handful of attempts, not hundreds.
    assert.ok(failures <= 8, `${failures} failed watches: a hot loop`);
    assert.deepEqual(nodeNames(await view(fkas, cluster)), ["relist-cp-infra", "relist-old-infra"]);

    await mgmt.control("DELETE", "/clusters/default/mgmt/faults/no-watch");
    await eventually(40_000, "the re-list to catch up", async () => {
      const names = nodeNames(await view(fkas, cluster));
      return names.join() === "relist-cp-infra,relist-new-infra";
    }, () => fkas.output().slice(-1500));
    assert.match(fkas.output(), /410 Gone/);
  });
});

describe("beside a Metal3 management cluster (--watch baremetalhosts)", () => {
  let mgmt: ManagementCluster;
  let fkas: FkasProcess;

  before(async () => ({ mgmt, fkas } = await startBeside("baremetalhosts")));
  after(() => stopBeside(mgmt, fkas));

  it("maps a provisioned host → Metal3Machine → Machine to the node, as the upstream side-car", async () => {
    const cluster = "metal";
    await addCaSecrets(mgmt, cluster, "rsa");
    await register(fkas, cluster);
    // The host comes first: its Metal3Machine is missing, so fkas retries with backoff.
    const host = await mgmt.must(
      "POST",
      `/apis/metal3.io/v1alpha1/namespaces/${NS}/baremetalhosts`,
      {
        apiVersion: "metal3.io/v1alpha1",
        kind: "BareMetalHost",
        metadata: { name: "host-0", namespace: NS },
        spec: {
          consumerRef: {
            apiVersion: "infrastructure.cluster.x-k8s.io/v1beta1",
            kind: "Metal3Machine",
            name: "metal-m3m-0",
            namespace: NS,
          },
        },
        status: { provisioning: { state: "provisioned" } },
      },
    );
    await eventually(
      10_000,
      "a failed lookup",
      () => /Metal3Machine default\/metal-m3m-0 not found/.test(fkas.output()),
    );
    const capiMachine = await mgmt.must(
      "POST",
      MACHINES_V1BETA1,
      machine("metal-cp-0", cluster, { controlPlane: true, version: "v1.31.4" }),
    );
    await mgmt.must(
      "POST",
      `/apis/infrastructure.cluster.x-k8s.io/v1beta1/namespaces/${NS}/metal3machines`,
      {
        apiVersion: "infrastructure.cluster.x-k8s.io/v1beta1",
        kind: "Metal3Machine",
        metadata: {
          name: "metal-m3m-0",
          namespace: NS,
          ownerReferences: [{
            apiVersion: "cluster.x-k8s.io/v1beta1",
            kind: "Machine",
            name: "metal-cp-0",
            uid: capiMachine.metadata.uid,
          }],
        },
        spec: { providerID: "metal3://default/host-0/metal-m3m-0" },
      },
    );
    // The next retry finds both.
    await eventually(20_000, "the node of host-0", async () => {
      const state = await view(fkas, cluster);
      return state.listener === "serving" && nodeNames(state).includes("metal-cp-0");
    }, () => fkas.output().slice(-1500));
    const { config } = await fkas.kubeconfig(NS, cluster);
    const node = await kubeApi(config).must("GET", "/api/v1/nodes/metal-cp-0");
    assert.equal(node.spec.providerID, "metal3://default/host-0/metal-m3m-0");
    assert.equal(node.metadata.labels["metal3.io/uuid"], host.metadata.uid);
    assert.equal(node.status.nodeInfo.kubeletVersion, "v1.31.4");
    assert.equal((await view(fkas, cluster)).kubernetesVersion, "v1.31.4");
  });

  it("ignores hosts that are not provisioned or have no consumer", async () => {
    const cluster = "idle";
    await addCaSecrets(mgmt, cluster, "ecdsa");
    await register(fkas, cluster);
    await mgmt.must("POST", MACHINES_V1BETA1, machine("idle-0", cluster, {}));
    await mgmt.must("POST", `/apis/metal3.io/v1alpha1/namespaces/${NS}/baremetalhosts`, {
      metadata: { name: "host-idle", namespace: NS },
      spec: {},
      status: { provisioning: { state: "available" } },
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(nodeNames(await view(fkas, cluster)), []);
  });
});
