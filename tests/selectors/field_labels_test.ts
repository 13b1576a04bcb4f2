// Tests which fields each kind supports, how they read from objects, and how unsupported ones fail.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseFieldSelector } from "../../src/selectors/mod.ts";
import type { KubeObject } from "../../src/store/mod.ts";

function reads(resourceKey: string, object: KubeObject, fields: Record<string, string>) {
  for (const [field, value] of Object.entries(fields)) {
    const selector = parseFieldSelector(
      `${field}=${value.replace(/[\\,=]/g, "\\$&")}`,
      resourceKey,
    );
    assert.equal(selector.matches(object), true, `${resourceKey} ${field}=${value}`);
    assert.equal(parseFieldSelector(`${field}!=${value}x`, resourceKey).matches(object), true);
  }
}

const pod: KubeObject = {
  metadata: { name: "p1", namespace: "kube-system" },
  spec: {
    nodeName: "n1",
    restartPolicy: "Always",
    schedulerName: "default-scheduler",
    serviceAccountName: "sa",
    hostNetwork: true,
  },
  status: {
    phase: "Running",
    podIP: "10.0.0.5",
    podIPs: [{ ip: "10.0.0.5" }],
    nominatedNodeName: "n2",
  },
};

describe("field labels per kind", () => {
  it("pods", () => {
    reads("pods", pod, {
      "metadata.name": "p1",
      "metadata.namespace": "kube-system",
      "spec.nodeName": "n1",
      "spec.restartPolicy": "Always",
      "spec.schedulerName": "default-scheduler",
      "spec.serviceAccountName": "sa",
      "spec.hostNetwork": "true",
      "status.phase": "Running",
      "status.podIP": "10.0.0.5",
      "status.nominatedNodeName": "n2",
      "status.podIPs": "", // accepted, but never in the pod's field set
    });
    const bare: KubeObject = { metadata: { name: "p2", namespace: "default" } };
    reads("pods", bare, { "spec.hostNetwork": "false", "spec.nodeName": "", "status.phase": "" });
    reads("pods", { metadata: { name: "p3" }, status: { podIPs: [{ ip: "fd00::1" }] } }, {
      "status.podIP": "fd00::1",
    });
    reads("pods", { metadata: { name: "p4" }, spec: { serviceAccount: "old" } }, {
      "spec.serviceAccountName": "old",
    });
  });

  it("pods accept the legacy spec.host as spec.nodeName", () => {
    const selector = parseFieldSelector("spec.host=n1", "pods");
    assert.equal(selector.toString(), "spec.nodeName=n1");
    assert.equal(selector.matches(pod), true);
  });

  it("nodes, namespaces and secrets", () => {
    reads("nodes", { metadata: { name: "n1" }, spec: { unschedulable: true } }, {
      "metadata.name": "n1",
      "spec.unschedulable": "true",
    });
    reads("nodes", { metadata: { name: "n2" } }, { "spec.unschedulable": "false" });
    reads("namespaces", { metadata: { name: "ns" }, status: { phase: "Active" } }, {
      "status.phase": "Active",
    });
    reads("secrets", { metadata: { name: "s", namespace: "d" }, type: "kubernetes.io/tls" }, {
      type: "kubernetes.io/tls",
      "metadata.namespace": "d",
    });
    reads("services", {
      metadata: { name: "s" },
      spec: { clusterIP: "10.96.0.1", type: "ClusterIP" },
    }, { "spec.clusterIP": "10.96.0.1", "spec.type": "ClusterIP" });
  });

  it("events", () => {
    const involvedObject = {
      kind: "Pod",
      namespace: "d",
      name: "p",
      uid: "u1",
      apiVersion: "v1",
      resourceVersion: "7",
      fieldPath: "spec.containers{c}",
    };
    const event: KubeObject = {
      metadata: { name: "e", namespace: "d" },
      involvedObject,
      reason: "Pulled",
      reportingComponent: "kubelet",
      type: "Normal",
    };
    reads("events", event, {
      "involvedObject.kind": "Pod",
      "involvedObject.namespace": "d",
      "involvedObject.name": "p",
      "involvedObject.uid": "u1",
      "involvedObject.apiVersion": "v1",
      "involvedObject.resourceVersion": "7",
      "involvedObject.fieldPath": "spec.containers{c}",
      reason: "Pulled",
      reportingComponent: "kubelet",
      source: "kubelet", // falls back to reportingComponent
      type: "Normal",
    });
    reads("events", { ...event, source: { component: "scheduler" } }, { source: "scheduler" });
  });
});
