// Writes store built-in objects as Go's encoding writes the decoded structs: omitempty fields
// holding their empty value are left out (kube-apiserver v1.36.3's answers, seen through
// scripts/oracle `pod validation go empty values`), pointers' zeros kept.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

describe("empty omitempty values", () => {
  it("are left out of a pod: an image pull secret's empty name, empty lists and maps, false", async () => {
    for (const kubernetesVersion of ["v1.29.6", "v1.36.3"]) {
      const { call } = kubeFixture({ kubernetesVersion });
      const created = await call("POST", "/api/v1/namespaces/default/pods", {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "p", labels: {}, finalizers: [] },
        spec: {
          containers: [{ name: "c", image: "nginx", args: [], workingDir: "", stdin: false }],
          imagePullSecrets: [{ name: "" }, { name: "pull" }],
          nodeSelector: {},
          hostname: "",
          automountServiceAccountToken: false,
        },
      });
      assert.equal(created.status, 201, JSON.stringify(created.json));
      const { metadata, spec } = created.json;
      assert.deepEqual(spec.imagePullSecrets, [{}, { name: "pull" }]);
      assert.equal("labels" in metadata || "finalizers" in metadata, false);
      for (const field of ["nodeSelector", "hostname"]) assert.equal(field in spec, false, field);
      assert.deepEqual(Object.keys(spec.containers[0]).slice(0, 3), ["name", "image", "resources"]);
      // A pointer: Go writes false.
      assert.equal(spec.automountServiceAccountToken, false);
      const stored = await call("GET", "/api/v1/namespaces/default/pods/p");
      assert.deepEqual(stored.json.spec.imagePullSecrets, [{}, { name: "pull" }]);
      // The field manager keys the nameless secret by the name's published default, "" (1.30+);
      // 1.29 publishes none, so the write has no managed fields, as upstream's.
      const managed = stored.json.metadata.managedFields;
      if (kubernetesVersion === "v1.29.6") assert.equal(managed, undefined);
      else {
        assert.deepEqual(managed[0].fieldsV1["f:spec"]["f:imagePullSecrets"], {
          ".": {},
          'k:{"name":""}': {},
          'k:{"name":"pull"}': {},
        });
      }
    }
  });

  it("are left out of an update's metadata and data too", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const path = "/api/v1/namespaces/default/configmaps";
    const created = await call("POST", path, {
      metadata: { name: "m", annotations: {}, generateName: "" },
      data: {},
    });
    assert.equal(created.status, 201);
    assert.deepEqual(Object.keys(created.json.metadata), [
      "name",
      "namespace",
      "uid",
      "resourceVersion",
      "creationTimestamp",
    ]);
    assert.equal("data" in created.json, false);
    const updated = await call("PUT", `${path}/m`, {
      metadata: { name: "m", labels: {}, resourceVersion: "" },
      data: { a: "" },
    });
    assert.equal(updated.status, 200);
    assert.equal("labels" in updated.json.metadata, false);
    // A map's empty value is a value: kept.
    assert.deepEqual(updated.json.data, { a: "" });
  });
});
