// Writes answer kube-apiserver's Warning headers: deduplicated, `299 - "<text>"`, and the registry
// strategies' warnings about the written object (pods, services, PVCs, PVs).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";
import { warningValues } from "../../src/kube/warnings_header.ts";

const PODS = "/api/v1/namespaces/default/pods";
const SERVICES = "/api/v1/namespaces/default/services";
const CLAIMS = "/api/v1/namespaces/default/persistentvolumeclaims";
const VOLUMES = "/api/v1/persistentvolumes";

function pod(name: string, metadata: Record<string, unknown> = {}, spec = {}) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, ...metadata },
    spec: { containers: [{ name: "app", image: "nginx" }], ...spec },
  };
}

function warnings(header: string | null): string[] {
  if (header === null) return [];
  return [...header.matchAll(/299 - "((?:[^"\\]|\\.)*)"/g)].map((m) =>
    m[1].replace(/\\(.)/g, "$1")
  );
}

describe("warnings of written objects", () => {
  it("a pod with deprecated node labels, annotations and a dotted name warns on create only", async () => {
    const { call } = kubeFixture();
    const created = await call(
      "POST",
      PODS,
      pod("web.v1", {
        annotations: {
          "seccomp.security.alpha.kubernetes.io/pod": "runtime/default",
          "container.seccomp.security.alpha.kubernetes.io/app": "runtime/default",
          "scheduler.alpha.kubernetes.io/critical-pod": "",
        },
      }, { nodeSelector: { "beta.kubernetes.io/os": "linux", "kubernetes.io/os": "linux" } }),
    );
    assert.equal(created.status, 201);
    assert.deepEqual(warnings(created.headers.get("warning")), [
      "metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]",
      'spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "kubernetes.io/os" instead',
      'metadata.annotations[scheduler.alpha.kubernetes.io/critical-pod]: non-functional in v1.16+; use the "priorityClassName" field instead',
      'metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]: non-functional in v1.27+; use the "seccompProfile" field instead',
      'metadata.annotations[container.seccomp.security.alpha.kubernetes.io/app]: non-functional in v1.27+; use the "seccompProfile" field instead',
    ]);
    // podStrategy.WarningsOnUpdate: none.
    const patched = await call(
      "PATCH",
      `${PODS}/web.v1`,
      { metadata: { labels: { a: "b" } } },
      { "content-type": "application/merge-patch+json" },
    );
    assert.equal(patched.status, 200);
    assert.equal(patched.headers.get("warning"), null);
  });

  it("a plain pod warns nothing", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", PODS, pod("web"));
    assert.equal(created.status, 201);
    assert.equal(created.headers.get("warning"), null);
  });

  it("node selector keys named like Object.prototype members warn nothing", async () => {
    const { call } = kubeFixture();
    const created = await call(
      "POST",
      PODS,
      pod("web", {}, {
        nodeSelector: { constructor: "a", toString: "b" },
        topologySpreadConstraints: [{
          maxSkew: 1,
          topologyKey: "hasOwnProperty",
          whenUnsatisfiable: "DoNotSchedule",
          labelSelector: { matchLabels: { app: "web" } },
        }],
      }),
    );
    assert.equal(created.status, 201);
    assert.equal(created.headers.get("warning"), null);
  });

  it("a Service with externalIPs warns on create and update", async () => {
    // The deprecation warning is v1.36's (warnings_minors_test.ts).
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web" },
      spec: { ports: [{ port: 80 }], externalIPs: ["192.0.2.10"] },
    };
    const created = await call("POST", SERVICES, service);
    assert.equal(created.status, 201);
    const text = "spec.externalIPs is deprecated and may no longer be implemented in some clusters";
    assert.deepEqual(warnings(created.headers.get("warning")), [text]);
    const updated = await call("PUT", `${SERVICES}/web`, created.json);
    assert.equal(updated.status, 200);
    assert.deepEqual(warnings(updated.headers.get("warning")), [text]);
  });

  it("a PVC and a PV with the beta storage-class annotation warn", async () => {
    const { call } = kubeFixture();
    const annotations = { "volume.beta.kubernetes.io/storage-class": "standard" };
    const claim = await call("POST", CLAIMS, {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "data", annotations },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    });
    assert.equal(claim.status, 201);
    const text =
      'metadata.annotations[volume.beta.kubernetes.io/storage-class]: deprecated since v1.8; use "storageClassName" attribute instead';
    assert.deepEqual(warnings(claim.headers.get("warning")), [text]);
    const volume = await call("POST", VOLUMES, {
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: "pv1", annotations },
      spec: {
        capacity: { storage: "1Gi" },
        accessModes: ["ReadWriteOnce"],
        persistentVolumeReclaimPolicy: "Recycle",
        hostPath: { path: "/tmp/pv1" },
      },
    });
    assert.equal(volume.status, 201);
    assert.deepEqual(warnings(volume.headers.get("warning")), [
      text,
      "spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning.",
    ]);
  });

  it("unknown-field warnings come first, then the strategy's", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", PODS, {
      ...pod("w", {}, { nodeSelector: { "beta.kubernetes.io/arch": "amd64" } }),
      foo: 1,
    });
    assert.equal(created.status, 201);
    assert.deepEqual(warnings(created.headers.get("warning")), [
      'unknown field "foo"',
      'spec.nodeSelector[beta.kubernetes.io/arch]: deprecated since v1.14; use "kubernetes.io/arch" instead',
    ]);
  });
});

describe("warnings of pod templates", () => {
  const DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";
  const template = {
    metadata: {
      labels: { app: "w" },
      annotations: {
        "container.apparmor.security.beta.kubernetes.io/app": "runtime/default",
        "seccomp.security.alpha.kubernetes.io/pod": "runtime/default",
      },
    },
    spec: {
      nodeSelector: { "beta.kubernetes.io/os": "linux" },
      containers: [{ name: "app", image: "nginx" }],
    },
  };
  const expected = [
    'spec.template.spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "kubernetes.io/os" instead',
    'spec.template.metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]: non-functional in v1.27+; use the "seccompProfile" field instead',
    'spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/app]: deprecated since v1.30; use the "appArmorProfile" field instead',
  ];

  it("a Deployment warns of its name and template on create, and on updates that change the template", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", DEPLOYMENTS, {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web.v1" },
      spec: { selector: { matchLabels: { app: "w" } }, template },
    });
    assert.equal(created.status, 201);
    assert.deepEqual(warnings(created.headers.get("warning")), [
      "metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]",
      ...expected,
    ]);
    const merge = { "content-type": "application/merge-patch+json" };
    const labelled = await call(
      "PATCH",
      `${DEPLOYMENTS}/web.v1`,
      { metadata: { labels: { x: "y" } } },
      merge,
    );
    assert.equal(labelled.status, 200);
    assert.equal(labelled.headers.get("warning"), null);
    const changed = await call(
      "PATCH",
      `${DEPLOYMENTS}/web.v1`,
      { spec: { template: { metadata: { labels: { x: "y" } } } } },
      merge,
    );
    assert.equal(changed.status, 200);
    assert.deepEqual(warnings(changed.headers.get("warning")), expected);
  });

  it("a StatefulSet warns of a negative revisionHistoryLimit", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", "/apis/apps/v1/namespaces/default/statefulsets", {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "db" },
      spec: {
        revisionHistoryLimit: -1,
        serviceName: "db",
        selector: { matchLabels: { app: "w" } },
        template: { metadata: { labels: { app: "w" } }, spec: template.spec },
      },
    });
    assert.equal(created.status, 201);
    assert.deepEqual(warnings(created.headers.get("warning")), [
      expected[0],
      "spec.revisionHistoryLimit: a negative value retains all historical revisions; a value >= 0 is recommended",
    ]);
  });
});

describe("the warning recorder", () => {
  it("deduplicates, escapes quotes and backslashes, and drops texts with control characters", () => {
    assert.deepEqual(warningValues(["a", "a", 'say "hi" \\', "bad\ntext", ""]), [
      '299 - "a"',
      '299 - "say \\"hi\\" \\\\"',
    ]);
  });

  it("past 4,096 runes cuts every text to 256 runes and omits the rest", () => {
    const long = (c: string) => c.repeat(1000);
    const values = warningValues([long("a"), long("b"), long("c"), long("d"), long("e"), "f", "g"]);
    // 4 × 1000 fit; the fifth starts truncation: all five at 256 (1,280 runes), then f and g.
    assert.deepEqual(values, [
      `299 - "${"a".repeat(256)}"`,
      `299 - "${"b".repeat(256)}"`,
      `299 - "${"c".repeat(256)}"`,
      `299 - "${"d".repeat(256)}"`,
      `299 - "${"e".repeat(256)}"`,
      '299 - "f"',
      '299 - "g"',
    ]);
    const many = Array.from({ length: 40 }, (_, i) => `${i}`.padEnd(300, "x"));
    // 13 × 300 fit (3,900); the 14th truncates to 14 × 256 = 3,584, then two more reach 4,096.
    assert.equal(warningValues(many).length, 16);
  });
});

describe("warnings of failed writes", () => {
  const CM = "/api/v1/namespaces/default/configmaps";
  const unknown = '299 - "unknown field \\"foo\\""';

  it("a create, update or patch that fails keeps its body's unknown-field warning", async () => {
    const { call } = kubeFixture();
    const body = (name: string) => ({ metadata: { name }, foo: 1, data: { a: "b" } });
    const invalid = await call("POST", CM, body("Bad_Name"));
    assert.equal(invalid.status, 422);
    assert.equal(invalid.headers.get("warning"), unknown);
    const noNamespace = await call("POST", "/api/v1/namespaces/nope/configmaps", body("x"));
    assert.equal(noNamespace.status, 404);
    assert.equal(noNamespace.headers.get("warning"), unknown);
    assert.equal((await call("POST", CM, body("dup"))).headers.get("warning"), unknown);
    const again = await call("POST", CM, body("dup"));
    assert.equal(again.status, 409);
    assert.equal(again.headers.get("warning"), unknown);
    const stale = await call("PUT", `${CM}/dup`, {
      metadata: { name: "dup", resourceVersion: "1" },
      foo: 1,
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.headers.get("warning"), unknown);
    const patched = await call(
      "PATCH",
      `${CM}/dup`,
      { foo: 1, metadata: { labels: { a: "-bad-" } } },
      { "content-type": "application/merge-patch+json" },
    );
    assert.equal(patched.status, 422);
    assert.equal(patched.headers.get("warning"), unknown);
  });

  it("a failure with no decoding warnings carries no Warning", async () => {
    const { call } = kubeFixture();
    const invalid = await call("POST", CM, { metadata: { name: "Bad_Name" } });
    assert.equal(invalid.status, 422);
    assert.equal(invalid.headers.get("warning"), null);
  });
});
