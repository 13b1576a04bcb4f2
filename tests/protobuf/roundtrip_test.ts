// encodeKubernetesProtobuf then decodeKubernetesProtobuf gives back the object (plus the Go zero
// values the marshaller writes for non-pointer fields), and re-encoding gives the same bytes.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  decodeKubernetesProtobuf,
  encodeKubernetesProtobuf,
  messageRegistry,
  PROTOBUF_MINORS,
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

/** Every field of `expected` is in `actual` with the same value (Go zero values may be added). */
function assertContains(actual: unknown, expected: unknown, path = "$"): void {
  if (typeof expected !== "object" || expected === null) {
    assert.deepEqual(actual, expected, path);
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path} is an array`);
    assert.equal(actual.length, expected.length, `${path} length`);
    expected.forEach((item, i) => assertContains(actual[i], item, `${path}[${i}]`));
    return;
  }
  assert.equal(typeof actual, "object", `${path} is an object`);
  for (const [key, value] of Object.entries(expected)) {
    assertContains((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  }
}

describe("encode/decode round trip", () => {
  for (const object of examples) {
    it(`round-trips ${object.apiVersion} ${object.kind}`, () => {
      const bytes = encodeKubernetesProtobuf(object);
      const decoded = decodeKubernetesProtobuf(bytes).object;
      assertContains(decoded, object);
      assert.deepEqual(encodeKubernetesProtobuf(decoded), bytes);
    });
  }

  it("encodes and decodes every kind and list of every generated package", () => {
    let count = 0;
    for (const [apiVersion, kinds] of Object.entries(SUPPORTED_KINDS)) {
      for (const kind of kinds) {
        const bytes = encodeKubernetesProtobuf({ apiVersion, kind });
        const decoded = decodeKubernetesProtobuf(bytes).object;
        assert.deepEqual(encodeKubernetesProtobuf(decoded), bytes, `${apiVersion} ${kind}`);
        count++;
      }
    }
    assert.ok(count > 300, `${count} kinds`);
  });

  it("every minor 1.29-1.36 compiles, encodes and decodes each of its kinds (and the examples)", () => {
    for (let minor = PROTOBUF_MINORS.oldest; minor <= PROTOBUF_MINORS.newest; minor++) {
      const registry = messageRegistry(minor);
      let count = 0;
      for (const [apiVersion, kinds] of Object.entries(registry.supportedKinds)) {
        for (const kind of kinds) {
          const bytes = encodeKubernetesProtobuf({ apiVersion, kind }, registry);
          const decoded = decodeKubernetesProtobuf(bytes, registry).object;
          assert.deepEqual(
            encodeKubernetesProtobuf(decoded, registry),
            bytes,
            `1.${minor} ${kind}`,
          );
          count++;
        }
      }
      assert.ok(count > 250, `1.${minor}: ${count} kinds`);
      for (const object of examples) {
        if (!registry.kindMessage(object.apiVersion as string, object.kind as string)) continue;
        const bytes = encodeKubernetesProtobuf(object, registry);
        const again = decodeKubernetesProtobuf(bytes, registry).object;
        assert.deepEqual(
          encodeKubernetesProtobuf(again, registry),
          bytes,
          `1.${minor} ${object.kind}`,
        );
      }
    }
    // Kinds come and go by minor: resource.k8s.io/v1 arrived in 1.34.
    assert.equal(messageRegistry(33).supportedKinds["resource.k8s.io/v1"], undefined);
    assert.ok(messageRegistry(34).supportedKinds["resource.k8s.io/v1"]?.includes("ResourceClaim"));
    assert.equal(messageRegistry(12).minor, 29, "older clusters read the oldest tables");
    assert.equal(messageRegistry(99).minor, 36, "newer clusters read the newest");
  });

  it("re-encodes a hand-built Pod to bytes that decode the same", () => {
    const first = decodeKubernetesProtobuf(envelope("v1", "Pod", podBody())).object;
    const bytes = encodeKubernetesProtobuf(first);
    assertContains(decodeKubernetesProtobuf(bytes).object, first);
    assert.deepEqual(encodeKubernetesProtobuf(decodeKubernetesProtobuf(bytes).object), bytes);
  });

  it("refuses to encode a kind without a protobuf form", () => {
    assert.throws(
      () => encodeKubernetesProtobuf({ apiVersion: "cluster.x-k8s.io/v1beta1", kind: "Cluster" }),
      (e) => e instanceof ProtobufError && e.reason === "UnsupportedKind",
    );
  });
});
