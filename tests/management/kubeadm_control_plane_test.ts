import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kcpKubeadmOf, owningKcp } from "../../src/management/mod.ts";
import type { KubeObject } from "../../src/store/mod.ts";

const kcp = (kubeadmConfigSpec: unknown): KubeObject => ({
  apiVersion: "controlplane.cluster.x-k8s.io/v1beta2",
  kind: "KubeadmControlPlane",
  metadata: { name: "demo-control-plane", namespace: "default" },
  spec: { kubeadmConfigSpec },
});

describe("kcpKubeadmOf", () => {
  it("absent taint lists keep kubeadm's default; a set list (even empty) replaces it", () => {
    assert.deepEqual(kcpKubeadmOf(kcp({})), {});
    assert.deepEqual(
      kcpKubeadmOf(kcp({
        initConfiguration: {
          localAPIEndpoint: { bindPort: 6444 },
          nodeRegistration: { taints: [] },
        },
        joinConfiguration: {
          nodeRegistration: { taints: [{ key: "a", effect: "NoSchedule", value: "" }] },
        },
      })),
      { apiServerBindPort: 6444, initTaints: [], joinTaints: [{ key: "a", effect: "NoSchedule" }] },
    );
  });

  it("skips malformed taints and ports instead of storing them", () => {
    const read = kcpKubeadmOf(kcp({
      initConfiguration: {
        localAPIEndpoint: { bindPort: 70000 },
        nodeRegistration: {
          taints: [{ key: "", effect: "NoSchedule" }, { key: "b", effect: "Bad" }, null],
        },
      },
    }));
    assert.deepEqual(read, { initTaints: [] });
  });

  it("finds the KCP owning a Machine", () => {
    const machine: KubeObject = {
      apiVersion: "cluster.x-k8s.io/v1beta2",
      kind: "Machine",
      metadata: {
        name: "m",
        ownerReferences: [{
          apiVersion: "controlplane.cluster.x-k8s.io/v1beta2",
          kind: "KubeadmControlPlane",
          name: "demo-control-plane",
          uid: "u",
        }],
      },
    };
    assert.equal(owningKcp(machine), "demo-control-plane");
    assert.equal(owningKcp({ ...machine, metadata: { name: "m" } }), undefined);
  });
});
