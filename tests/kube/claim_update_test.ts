// A PersistentVolumeClaim's updates: its spec immutable but for what ValidatePersistentVolumeClaim-
// Update allows, and the PersistentVolumeClaimResize admission on growing a bound claim. Every
// expected answer below is kube-apiserver v1.36.3's, seen through scripts/oracle with the same
// requests in the same order.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";

const CLAIMS = "/api/v1/namespaces/default/persistentvolumeclaims";
const MERGE = { "content-type": "application/merge-patch+json" };
const IMMUTABLE =
  "spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n";

async function withClaim(kubernetesVersion = "v1.36.3") {
  const fixture = kubeFixture({ kubernetesVersion });
  const { status } = await fixture.call("POST", CLAIMS, {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "c" },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
  });
  assert.equal(status, 201);
  const patch = async (body: object, path = "") => {
    const answer = await fixture.call("PATCH", `${CLAIMS}/c${path}`, body, MERGE);
    return { status: answer.status, body: answer.json };
  };
  return { fixture, patch };
}

const causes = (body: { details?: { causes?: { field: string }[] } }) =>
  body.details?.causes?.map((cause) => cause.field);

describe("PersistentVolumeClaim updates", () => {
  it("an unbound claim's spec is immutable, with kube-apiserver's diff of the internal spec", async () => {
    const { patch } = await withClaim();
    let answer = await patch({ spec: { resources: { requests: { storage: "2Gi" } } } });
    assert.equal(answer.status, 422);
    assert.equal(
      answer.body.message,
      `PersistentVolumeClaim "c" is invalid: ${IMMUTABLE}@@ -6,7 +6,7 @@\n  "Resources": {\n   "Limits": null,\n   "Requests": {\n-   "storage": "1Gi"\n+   "storage": "2Gi"\n   }\n  },\n  "VolumeName": "",\n`,
    );
    answer = await patch({ spec: { volumeMode: "Block" } });
    assert.equal(
      answer.body.message,
      `PersistentVolumeClaim "c" is invalid: [${IMMUTABLE}@@ -11,7 +11,7 @@\n  },\n  "VolumeName": "",\n  "StorageClassName": null,\n- "VolumeMode": "Filesystem",\n+ "VolumeMode": "Block",\n  "DataSource": null,\n  "DataSourceRef": null,\n  "VolumeAttributesClassName": null\n, volumeMode: Invalid value: "Block": field is immutable]`,
    );
    assert.deepEqual(causes(answer.body), ["spec", "volumeMode"]);
    answer = await patch({ spec: { accessModes: ["Sideways"] } });
    assert.equal(
      answer.body.message,
      `PersistentVolumeClaim "c" is invalid: [spec.accessModes: Unsupported value: "Sideways": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod", ${IMMUTABLE}@@ -1,6 +1,6 @@\n {\n  "AccessModes": [\n-  "ReadWriteOnce"\n+  "Sideways"\n  ],\n  "Selector": null,\n  "Resources": {\n]`,
    );
    assert.deepEqual(causes(answer.body), ["spec.accessModes", "spec"]);
    answer = await patch({
      spec: { storageClassName: "slow", selector: { matchLabels: { b: "1", a: "2" } } },
    });
    assert.equal(
      answer.body.message,
      `PersistentVolumeClaim "c" is invalid: ${IMMUTABLE}@@ -2,7 +2,12 @@\n  "AccessModes": [\n   "ReadWriteOnce"\n  ],\n- "Selector": null,\n+ "Selector": {\n+  "matchLabels": {\n+   "a": "2",\n+   "b": "1"\n+  }\n+ },\n  "Resources": {\n   "Limits": null,\n   "Requests": {\n`,
    );
  });

  it("a storage class set where none was, a volume name set once, labels: allowed", async () => {
    const { patch } = await withClaim();
    assert.equal((await patch({ metadata: { labels: { a: "b" } } })).status, 200);
    assert.equal((await patch({ spec: { storageClassName: "slow" } })).status, 200);
    let answer = await patch({ spec: { storageClassName: "fast" } });
    assert.equal(
      answer.body.message,
      `PersistentVolumeClaim "c" is invalid: ${IMMUTABLE}@@ -10,7 +10,7 @@\n   }\n  },\n  "VolumeName": "",\n- "StorageClassName": "slow",\n+ "StorageClassName": "fast",\n  "VolumeMode": "Filesystem",\n  "DataSource": null,\n  "DataSourceRef": null,\n`,
    );
    assert.equal((await patch({ spec: { volumeName: "pv-1" } })).status, 200);
    answer = await patch({ spec: { volumeName: "pv-2" } });
    assert.equal(
      answer.body.message,
      `PersistentVolumeClaim "c" is invalid: ${IMMUTABLE}@@ -9,7 +9,7 @@\n    "storage": "1Gi"\n   }\n  },\n- "VolumeName": "pv-1",\n+ "VolumeName": "pv-2",\n  "StorageClassName": "slow",\n  "VolumeMode": "Filesystem",\n  "DataSource": null,\n`,
    );
  });

  it("a bound claim grows only where its StorageClass allows expansion, shrinks above its capacity", async () => {
    const { fixture, patch } = await withClaim();
    assert.equal((await patch({ spec: { storageClassName: "slow" } })).status, 200);
    const bound = await patch(
      { status: { phase: "Bound", capacity: { storage: "1Gi" } } },
      "/status",
    );
    assert.equal(bound.status, 200);
    let answer = await patch({ spec: { resources: { requests: { storage: "3Gi" } } } });
    assert.equal(answer.status, 403);
    assert.equal(
      answer.body.message,
      'persistentvolumeclaims "c" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    );
    answer = await patch({ spec: { resources: { requests: { storage: "512Mi" } } } });
    assert.equal(answer.status, 422);
    assert.equal(
      answer.body.message,
      'PersistentVolumeClaim "c" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
    );
    // The same quantity spelled otherwise is no change.
    answer = await patch({ spec: { resources: { requests: { storage: "1073741824" } } } });
    assert.equal(answer.status, 200);
    answer = await patch({
      spec: { resources: { requests: { storage: "2Gi" } }, accessModes: ["ReadWriteMany"] },
    });
    assert.equal(
      answer.body.message,
      `PersistentVolumeClaim "c" is invalid: ${IMMUTABLE}@@ -1,6 +1,6 @@\n {\n  "AccessModes": [\n-  "ReadWriteOnce"\n+  "ReadWriteMany"\n  ],\n  "Selector": null,\n  "Resources": {\n`,
    );
    const created = await fixture.call("POST", "/apis/storage.k8s.io/v1/storageclasses", {
      metadata: { name: "slow" },
      provisioner: "example.com/slow",
      allowVolumeExpansion: true,
    });
    assert.equal(created.status, 201);
    answer = await patch({ spec: { resources: { requests: { storage: "3Gi" } } } });
    assert.equal(answer.status, 200);
  });

  it("the volumeAttributesClassName changes freely, even back to unset", async () => {
    const { patch } = await withClaim();
    assert.equal((await patch({ spec: { volumeAttributesClassName: "gold" } })).status, 200);
    assert.equal((await patch({ spec: { volumeAttributesClassName: "" } })).status, 200);
    assert.equal((await patch({ spec: { volumeAttributesClassName: null } })).status, 200);
  });

  it("the beta storage-class annotation never changes; a class it names may be set", async () => {
    const { fixture } = await withClaim();
    const created = await fixture.call("POST", CLAIMS, {
      metadata: { name: "b", annotations: { "volume.beta.kubernetes.io/storage-class": "x" } },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    });
    assert.equal(created.status, 201);
    const patch = (body: object) => fixture.call("PATCH", `${CLAIMS}/b`, body, MERGE);
    let answer = await patch({
      metadata: { annotations: { "volume.beta.kubernetes.io/storage-class": "y" } },
    });
    assert.equal(
      answer.json.message,
      'PersistentVolumeClaim "b" is invalid: metadata.annotations.volume.beta.kubernetes.io/storage-class: Invalid value: "y": field is immutable',
    );
    answer = await patch({ spec: { storageClassName: "z" } });
    assert.equal(answer.status, 422);
    assert.equal((await patch({ spec: { storageClassName: "x" } })).status, 200);
  });

  it("an unbound claim's growth is refused by validation before the resize admission", async () => {
    const { patch } = await withClaim("v1.33.4");
    const answer = await patch({ spec: { resources: { requests: { storage: "2Gi" } } } });
    assert.equal(answer.status, 422);
    // Up to v1.33 the diff is go-cmp's, whose spacing go-cmp randomizes: only its start is fixed.
    assert.match(
      String(answer.body.message),
      /^PersistentVolumeClaim "c" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n/,
    );
  });
});
