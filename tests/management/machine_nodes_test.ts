import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isControlPlane } from "../../src/cluster/mod.ts";
import { machineNode, normalizeVersion } from "../../src/management/machine_nodes.ts";
import type { KubeObject } from "../../src/store/mod.ts";

const CLUSTER_LABEL = "cluster.x-k8s.io/cluster-name";
const CP_LABEL = "cluster.x-k8s.io/control-plane";

// A v1beta2 Machine that is ready for its node; `changes` edit a copy.
function machine(changes: (m: MachineShape) => void = () => {}): KubeObject {
  const m: MachineShape = {
    apiVersion: "cluster.x-k8s.io/v1beta2",
    kind: "Machine",
    metadata: {
      namespace: "team-a",
      name: "demo-md-0-abc12",
      labels: { [CLUSTER_LABEL]: "demo", "cluster.x-k8s.io/deployment-name": "demo-md-0" },
    },
    spec: {
      clusterName: "demo",
      version: "v1.33.1",
      providerID: "docker:////demo-md-0-xyz",
      bootstrap: { dataSecretName: "demo-md-0-abc12-bootstrap" },
      infrastructureRef: { name: "demo-md-0-xyz" },
    },
    status: { initialization: { infrastructureProvisioned: true } },
  };
  changes(m);
  return m as unknown as KubeObject;
}

interface MachineShape {
  apiVersion: string;
  kind: string;
  metadata: {
    namespace?: string;
    name: string;
    labels?: Record<string, string>;
    deletionTimestamp?: string;
  };
  spec: {
    clusterName?: string;
    version?: string;
    providerID?: string;
    bootstrap?: { dataSecretName?: string };
    infrastructureRef?: { name?: string };
  };
  status: {
    infrastructureReady?: boolean;
    initialization?: { infrastructureProvisioned?: boolean };
  };
}

const waitingFor = (object: KubeObject) => {
  const node = machineNode(object, "infrastructure");
  assert.equal(node.ready, false, "expected the Machine to wait");
  return node.ready ? "" : node.waitingFor;
};
const reportOf = (object: KubeObject, policy: "infrastructure" | "machine" = "infrastructure") => {
  const node = machineNode(object, policy);
  assert.ok(node.ready, `expected a node, got waiting for ${!node.ready && node.waitingFor}`);
  return node.report;
};

describe("machineNode", () => {
  it("maps a ready Machine to the node a kubelet would register", () => {
    assert.deepEqual(reportOf(machine()), {
      namespace: "team-a",
      cluster: "demo",
      nodeName: "demo-md-0-xyz",
      providerID: "docker:////demo-md-0-xyz",
      labels: { [CLUSTER_LABEL]: "demo", "cluster.x-k8s.io/deployment-name": "demo-md-0" },
      kubernetesVersion: "v1.33.1",
      taints: [{ key: "node.cluster.x-k8s.io/uninitialized", effect: "NoSchedule" }],
    });
  });

  it("a worker registers with CABPK's uninitialized taint; a control plane with kubeadm's default", () => {
    assert.deepEqual(reportOf(machine()).taints, [
      { key: "node.cluster.x-k8s.io/uninitialized", effect: "NoSchedule" },
    ]);
    const cp = reportOf(machine((m) => {
      m.metadata.labels!["cluster.x-k8s.io/control-plane"] = "";
    }));
    assert.equal(cp.taints, undefined);
  });

  it("waits for spec.clusterName or the cluster-name label, and takes either", () => {
    assert.match(
      waitingFor(machine((m) => {
        delete m.spec.clusterName;
        m.metadata.labels = {};
      })),
      /spec\.clusterName or the cluster\.x-k8s\.io\/cluster-name label/,
    );
    const fromLabel = machine((m) => delete m.spec.clusterName);
    assert.equal(reportOf(fromLabel).cluster, "demo");
    const fromSpec = machine((m) => m.metadata.labels = { [CLUSTER_LABEL]: "other" });
    assert.equal(reportOf(fromSpec).cluster, "demo", "spec.clusterName wins over the label");
  });

  it("waits for a providerID or provisioned infrastructure (v1beta1 and v1beta2)", () => {
    const bare = (status: MachineShape["status"]) =>
      machine((m) => {
        delete m.spec.providerID;
        m.status = status;
      });
    assert.match(waitingFor(bare({})), /spec\.providerID or provisioned infrastructure/);
    assert.match(
      waitingFor(bare({ infrastructureReady: false })),
      /provisioned infrastructure/,
    );
    assert.match(
      waitingFor(bare({ initialization: { infrastructureProvisioned: false } })),
      /provisioned infrastructure/,
    );
    const v1beta1 = reportOf(bare({ infrastructureReady: true }));
    assert.equal(v1beta1.providerID, undefined);
    reportOf(bare({ initialization: { infrastructureProvisioned: true } }));
    reportOf(machine((m) => m.status = {})); // a providerID alone is enough
  });

  it("waits for the bootstrap data secret", () => {
    assert.equal(
      waitingFor(machine((m) => m.spec.bootstrap = {})),
      "spec.bootstrap.dataSecretName",
    );
    assert.equal(
      waitingFor(machine((m) => delete m.spec.bootstrap)),
      "spec.bootstrap.dataSecretName",
    );
  });

  it("gives a Machine being deleted no node, however ready it is", () => {
    assert.match(
      waitingFor(machine((m) => m.metadata.deletionTimestamp = "2026-01-02T03:04:05Z")),
      /being deleted/,
    );
  });

  it("names the node after the infrastructure machine, or after the Machine", () => {
    assert.equal(reportOf(machine(), "infrastructure").nodeName, "demo-md-0-xyz");
    assert.equal(reportOf(machine(), "machine").nodeName, "demo-md-0-abc12");
    const noRef = machine((m) => delete m.spec.infrastructureRef);
    assert.equal(reportOf(noRef, "infrastructure").nodeName, "demo-md-0-abc12");
    const noRefName = machine((m) => m.spec.infrastructureRef = {});
    assert.equal(reportOf(noRefName, "infrastructure").nodeName, "demo-md-0-abc12");
  });

  it("carries all labels, so the control-plane label makes a control plane", () => {
    const worker = reportOf(machine());
    assert.equal(isControlPlane(worker), false);
    const cp = reportOf(machine((m) => m.metadata.labels![CP_LABEL] = ""));
    assert.equal(isControlPlane(cp), true);
    assert.deepEqual(cp.labels, {
      [CLUSTER_LABEL]: "demo",
      "cluster.x-k8s.io/deployment-name": "demo-md-0",
      [CP_LABEL]: "",
    });
  });

  it("falls back to the default namespace", () => {
    assert.equal(reportOf(machine((m) => delete m.metadata.namespace)).namespace, "default");
  });

  it("normalizes the version, leaves it unset when absent, and waits for a valid one", () => {
    assert.equal(reportOf(machine((m) => m.spec.version = "1.33.1")).kubernetesVersion, "v1.33.1");
    assert.equal(
      reportOf(machine((m) => m.spec.version = "v1.34.0-rc.1")).kubernetesVersion,
      "v1.34.0-rc.1",
    );
    assert.equal(reportOf(machine((m) => delete m.spec.version)).kubernetesVersion, undefined);
    assert.equal(
      waitingFor(machine((m) => m.spec.version = "latest")),
      'a valid spec.version (got "latest")',
    );
    assert.match(waitingFor(machine((m) => m.spec.version = "v1.33")), /valid spec\.version/);
  });
});

describe("normalizeVersion", () => {
  it("adds a missing v and rejects what is no semantic version", () => {
    assert.equal(normalizeVersion("v1.33.1"), "v1.33.1");
    assert.equal(normalizeVersion("1.33.1"), "v1.33.1");
    assert.equal(normalizeVersion("1.33.1+k3s1"), "v1.33.1+k3s1");
    assert.equal(normalizeVersion(undefined), undefined);
    assert.equal(normalizeVersion(""), undefined);
    for (const garbage of ["latest", "v1", "1.33", "vv1.33.1", "v1.33.1 ", "1.33.x"]) {
      assert.equal(normalizeVersion(garbage), undefined, garbage);
    }
  });
});
