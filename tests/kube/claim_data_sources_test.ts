// A PVC's dataSource and dataSourceRef as kube-apiserver v1.36 stores them (checked against it):
// one copied into the other, a legacy dataSource of another kind dropped, a cross-namespace
// dataSourceRef dropped while its feature gate is off.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";

const CLAIMS = "/api/v1/namespaces/default/persistentvolumeclaims";

function claim(name: string, sources: Record<string, unknown>) {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name },
    spec: {
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: "1Gi" } },
      ...sources,
    },
  };
}

const BASE = {
  accessModes: ["ReadWriteOnce"],
  resources: { requests: { storage: "1Gi" } },
  volumeMode: "Filesystem",
};

describe("PVC data sources", () => {
  it("a dataSource is copied into dataSourceRef, and back, in Go's field order", async () => {
    const { call } = kubeFixture();
    const pvc = { kind: "PersistentVolumeClaim", name: "src" };
    const c1 = await call("POST", CLAIMS, claim("c1", { dataSource: pvc }));
    assert.equal(c1.status, 201);
    assert.equal(
      JSON.stringify(c1.json.spec),
      JSON.stringify({
        ...BASE,
        dataSource: { apiGroup: null, ...pvc },
        dataSourceRef: { apiGroup: null, ...pvc },
      }),
    );
    const widget = { apiGroup: "example.com", kind: "Widget", name: "w" };
    const c2 = await call("POST", CLAIMS, claim("c2", { dataSourceRef: widget }));
    assert.equal(c2.status, 201);
    assert.deepEqual(c2.json.spec, { ...BASE, dataSource: widget, dataSourceRef: widget });
    const snapshot = { apiGroup: "snapshot.storage.k8s.io", kind: "VolumeSnapshot", name: "s" };
    const c5 = await call("POST", CLAIMS, claim("c5", { dataSource: snapshot }));
    assert.deepEqual(c5.json.spec, { ...BASE, dataSource: snapshot, dataSourceRef: snapshot });
    assert.deepEqual((await call("GET", `${CLAIMS}/c5`)).json.spec, c5.json.spec);
  });

  it("a legacy dataSource of another kind and a cross-namespace dataSourceRef are dropped", async () => {
    const { call } = kubeFixture();
    const widget = { apiGroup: "example.com", kind: "Widget", name: "w" };
    const c3 = await call("POST", CLAIMS, claim("c3", { dataSource: widget }));
    assert.equal(c3.status, 201);
    assert.deepEqual(c3.json.spec, BASE);
    const c4 = await call(
      "POST",
      CLAIMS,
      claim("c4", { dataSourceRef: { ...widget, namespace: "other" } }),
    );
    assert.equal(c4.status, 201);
    assert.deepEqual(c4.json.spec, BASE);
  });

  it("an update of a claim without data sources normalizes as a create (seen in the 422 diff)", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const created = await call("POST", CLAIMS, claim("c6", {}));
    assert.equal(created.status, 201);
    const pvc = { kind: "PersistentVolumeClaim", name: "src" };
    const updated = await call("PUT", `${CLAIMS}/c6`, {
      ...created.json,
      spec: { ...created.json.spec, dataSource: pvc },
    });
    // The spec is immutable; the diff kube-apiserver v1.36.3 shows has the normalized
    // dataSourceRef beside the dataSource sent.
    assert.equal(updated.status, 422);
    assert.equal(
      updated.json.message,
      'PersistentVolumeClaim "c6" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n@@ -12,7 +12,16 @@\n  "VolumeName": "",\n  "StorageClassName": null,\n  "VolumeMode": "Filesystem",\n- "DataSource": null,\n- "DataSourceRef": null,\n+ "DataSource": {\n+  "APIGroup": null,\n+  "Kind": "PersistentVolumeClaim",\n+  "Name": "src"\n+ },\n+ "DataSourceRef": {\n+  "APIGroup": null,\n+  "Kind": "PersistentVolumeClaim",\n+  "Name": "src",\n+  "Namespace": null\n+ },\n  "VolumeAttributesClassName": null\n }\n',
    );
  });
});
