// Node bodies: labels, taints, conditions with timestamps, quantities and node info.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeKubernetesProtobuf } from "../../src/protobuf/mod.ts";
import {
  entry,
  envelope,
  goMetaDefaults,
  message,
  quantityEntry,
  str,
  sub,
  time,
  varint,
} from "./_wire.ts";

describe("Node", () => {
  it("decodes labels, taints, conditions, capacity, addresses and nodeInfo", () => {
    // k8s.io/api core/v1 generated.proto: Node metadata = 1, spec = 2, status = 3;
    // NodeSpec providerID = 3, unschedulable = 4, taints = 5; Taint key = 1, value = 2,
    // effect = 3, timeAdded = 4; NodeStatus capacity = 1, allocatable = 2, conditions = 4,
    // addresses = 5, daemonEndpoints = 6, nodeInfo = 7; NodeCondition type = 1, status = 2,
    // lastHeartbeatTime = 3, lastTransitionTime = 4, reason = 5, message = 6;
    // NodeAddress type = 1, address = 2; DaemonEndpoint Port = 1; NodeSystemInfo kubeletVersion = 7,
    // operatingSystem = 9, architecture = 10.
    const raw = message((w) => {
      sub(w, 1, (m) => {
        str(m, 1, "wl-md-0-abcde");
        goMetaDefaults(m);
        entry(m, 11, "kubernetes.io/hostname", "wl-md-0-abcde");
        entry(m, 11, "node-role.kubernetes.io/control-plane", "");
        str(m, 14, "example.com/finalizer");
      });
      sub(w, 2, (s) => {
        str(s, 1, "");
        str(s, 3, "in-memory://wl-md-0-abcde");
        varint(s, 4, false);
        sub(s, 5, (t) => {
          str(t, 1, "node-role.kubernetes.io/control-plane");
          str(t, 2, "");
          str(t, 3, "NoSchedule");
        });
        sub(s, 5, (t) => {
          str(t, 1, "node.kubernetes.io/unreachable");
          str(t, 3, "NoExecute");
          time(t, 4, "2026-01-02T03:04:05Z");
        });
      });
      sub(w, 3, (st) => {
        quantityEntry(st, 1, "cpu", "2");
        quantityEntry(st, 1, "memory", "4Gi");
        quantityEntry(st, 2, "pods", "110");
        sub(st, 4, (c) => {
          str(c, 1, "Ready");
          str(c, 2, "True");
          time(c, 3, "2026-01-02T03:04:05Z", 999_000_000); // fraction is dropped in JSON
          time(c, 4, "2026-01-02T03:00:00Z");
          str(c, 5, "KubeletReady");
          str(c, 6, "kubelet is posting ready status");
        });
        sub(st, 5, (a) => str(str(a, 1, "InternalIP"), 2, "10.0.0.5"));
        sub(st, 6, (d) => sub(d, 1, (e) => varint(e, 1, 10250)));
        sub(st, 7, (i) => {
          str(i, 7, "v1.33.0");
          str(i, 9, "linux");
          str(i, 10, "amd64");
        });
      });
    });
    assert.deepEqual(decodeKubernetesProtobuf(envelope("v1", "Node", raw)).object, {
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name: "wl-md-0-abcde",
        labels: {
          "kubernetes.io/hostname": "wl-md-0-abcde",
          "node-role.kubernetes.io/control-plane": "",
        },
        finalizers: ["example.com/finalizer"],
      },
      spec: {
        providerID: "in-memory://wl-md-0-abcde",
        taints: [
          { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" },
          {
            key: "node.kubernetes.io/unreachable",
            effect: "NoExecute",
            timeAdded: "2026-01-02T03:04:05Z",
          },
        ],
      },
      status: {
        capacity: { cpu: "2", memory: "4Gi" },
        allocatable: { pods: "110" },
        conditions: [{
          type: "Ready",
          status: "True",
          lastHeartbeatTime: "2026-01-02T03:04:05Z",
          lastTransitionTime: "2026-01-02T03:00:00Z",
          reason: "KubeletReady",
          message: "kubelet is posting ready status",
        }],
        addresses: [{ type: "InternalIP", address: "10.0.0.5" }],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: { kubeletVersion: "v1.33.0", operatingSystem: "linux", architecture: "amd64" },
      },
    });
  });

  it("decodes a Namespace with finalizers and phase", () => {
    // core/v1 Namespace metadata = 1, spec = 2 {finalizers = 1}, status = 3 {phase = 1}.
    const raw = message((w) => {
      sub(w, 1, (m) => str(m, 1, "kube-system"));
      sub(w, 2, (s) => str(s, 1, "kubernetes"));
      sub(w, 3, (s) => str(s, 1, "Active"));
    });
    assert.deepEqual(decodeKubernetesProtobuf(envelope("v1", "Namespace", raw)).object, {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "kube-system" },
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Active" },
    });
  });
});
