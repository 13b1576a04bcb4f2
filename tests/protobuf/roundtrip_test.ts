// encodeKubernetesProtobuf then decodeKubernetesProtobuf gives back the object, for every kind.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  decodeKubernetesProtobuf,
  encodeKubernetesProtobuf,
  ProtobufError,
  SUPPORTED_KINDS,
} from "../../src/protobuf/mod.ts";
import { envelope } from "./_wire.ts";
import { expectedPod, podBody } from "./_pod_fixture.ts";

const meta = {
  name: "x",
  namespace: "ns",
  labels: { a: "b" },
  creationTimestamp: "2026-01-02T03:04:05Z",
};
const template = {
  metadata: { labels: { app: "x" } },
  spec: {
    containers: [{ name: "c", image: "i", resources: {} }],
    tolerations: [{ operator: "Exists" }],
  },
};

const examples: Record<string, unknown>[] = [
  {
    apiVersion: "v1",
    kind: "Secret",
    metadata: meta,
    type: "Opaque",
    data: { k: "dg==" },
    immutable: false,
  },
  {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: meta,
    data: { k: "v" },
    binaryData: { b: "AAE=" },
  },
  {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: "ns" },
    spec: { finalizers: ["kubernetes"] },
  },
  {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name: "n" },
    spec: { providerID: "p", taints: [{ key: "k", effect: "NoSchedule" }] },
    status: { capacity: { cpu: "2" }, conditions: [{ type: "Ready", status: "True" }] },
  },
  expectedPod,
  {
    apiVersion: "v1",
    kind: "Service",
    metadata: meta,
    spec: {
      ports: [{ port: 443, targetPort: "https" }],
      selector: { a: "b" },
      ipFamilyPolicy: "SingleStack",
    },
  },
  {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: meta,
    secrets: [{ name: "s" }],
    automountServiceAccountToken: false,
  },
  {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: meta,
    subsets: [{
      addresses: [{ ip: "10.0.0.1", targetRef: { kind: "Pod", name: "p" } }],
      ports: [{ port: 443 }],
    }],
  },
  {
    apiVersion: "v1",
    kind: "Event",
    metadata: meta,
    involvedObject: { kind: "Node", name: "n" },
    eventTime: "2026-01-02T03:04:05.123456Z",
    reportingComponent: "",
    reportingInstance: "",
  },
  {
    apiVersion: "v1",
    kind: "DeleteOptions",
    gracePeriodSeconds: 0,
    propagationPolicy: "Background",
    preconditions: { uid: "u", resourceVersion: "1" },
    dryRun: ["All"],
  },
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: { name: "r" },
    rules: [{ verbs: ["get"], apiGroups: [""], resources: ["nodes"] }],
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: "b" } }] },
  },
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: meta,
    rules: [{ verbs: ["*"], nonResourceURLs: ["/healthz"] }],
  },
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: meta,
    subjects: [{ kind: "ServiceAccount", name: "sa", namespace: "ns" }],
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "r" },
  },
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: { name: "b" },
    subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "u" }],
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "r" },
  },
  {
    apiVersion: "policy/v1",
    kind: "Eviction",
    metadata: { name: "p", namespace: "ns" },
    deleteOptions: { gracePeriodSeconds: 10 },
  },
  {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: meta,
    spec: { maxUnavailable: 1, selector: { matchExpressions: [{ key: "a", operator: "Exists" }] } },
    status: { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 },
  },
  {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: meta,
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: "x" } },
      template,
      strategy: { type: "Recreate" },
    },
    status: {
      replicas: 1,
      conditions: [{ type: "Available", status: "True", lastUpdateTime: "2026-01-02T03:04:05Z" }],
    },
  },
  {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: meta,
    spec: {
      selector: { matchLabels: { app: "x" } },
      template,
      updateStrategy: { rollingUpdate: { maxSurge: "10%" } },
    },
    status: {
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
      desiredNumberScheduled: 0,
      numberReady: 0,
    },
  },
  {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: meta,
    spec: {
      holderIdentity: "h",
      leaseDurationSeconds: 40,
      renewTime: "2026-01-02T03:04:05.000001Z",
    },
  },
];

describe("encode/decode round trip", () => {
  for (const object of examples) {
    it(`round-trips ${object.apiVersion} ${object.kind}`, () => {
      assert.deepEqual(decodeKubernetesProtobuf(encodeKubernetesProtobuf(object)).object, object);
    });
  }

  it("covers every supported kind", () => {
    const covered = new Set(examples.map((o) => `${o.apiVersion} ${o.kind}`));
    for (const [apiVersion, kinds] of Object.entries(SUPPORTED_KINDS)) {
      for (const kind of kinds) {
        if (kind !== "DeleteOptions") {
          assert.ok(covered.has(`${apiVersion} ${kind}`), `${apiVersion} ${kind}`);
        }
      }
    }
  });

  it("re-encodes a hand-built Pod to bytes that decode the same", () => {
    const first = decodeKubernetesProtobuf(envelope("v1", "Pod", podBody())).object;
    assert.deepEqual(decodeKubernetesProtobuf(encodeKubernetesProtobuf(first)).object, first);
  });

  it("refuses to encode an unsupported kind", () => {
    assert.throws(
      () => encodeKubernetesProtobuf({ apiVersion: "apps/v1", kind: "StatefulSet" }),
      (e) => e instanceof ProtobufError && e.reason === "UnsupportedKind",
    );
  });
});
