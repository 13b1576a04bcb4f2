// pvc-protection and pv-protection: claims and volumes are created with their finalizer (the
// StorageObjectInUseProtection admission plugin) and released once nothing uses them.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "../kube/kube_fixture.ts";

const CLAIMS = "/api/v1/namespaces/default/persistentvolumeclaims";
const PODS = "/api/v1/namespaces/default/pods";
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("storage protection", () => {
  it("a deleted claim stays while a running pod uses it, and goes with the pod", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const claim = await call("POST", CLAIMS, {
      metadata: { name: "data" },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    });
    assert.equal(claim.status, 201, claim.text);
    // As kube-apiserver v1.36.3 answered (scripts/oracle): the admission plugin's, no manager's.
    assert.deepEqual(claim.json.metadata.finalizers, ["kubernetes.io/pvc-protection"]);
    assert.equal(JSON.stringify(claim.json.metadata.managedFields).includes("finalizers"), false);
    const pod = await call("POST", PODS, {
      metadata: { name: "user" },
      spec: {
        containers: [{ name: "c", image: "busybox" }],
        volumes: [{ name: "v", persistentVolumeClaim: { claimName: "data" } }],
      },
    });
    assert.equal(pod.status, 201, pod.text);
    assert.equal((await call("DELETE", `${CLAIMS}/data`)).status, 200);
    await settle();
    const kept = await call("GET", `${CLAIMS}/data`);
    assert.equal(kept.status, 200, "in use: the finalizer stays");
    assert.ok(kept.json.metadata.deletionTimestamp);
    assert.equal((await call("DELETE", `${PODS}/user?gracePeriodSeconds=0`)).status, 200);
    await settle();
    assert.equal((await call("GET", `${CLAIMS}/data`)).status, 404);
  });

  it("an unused claim and an unbound volume go at once", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    await call("POST", CLAIMS, {
      metadata: { name: "idle" },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    });
    const volume = await call("POST", "/api/v1/persistentvolumes", {
      metadata: { name: "pv" },
      spec: {
        capacity: { storage: "1Gi" },
        accessModes: ["ReadWriteOnce"],
        hostPath: { path: "/tmp/pv" },
      },
    });
    assert.equal(volume.status, 201, volume.text);
    assert.deepEqual(volume.json.metadata.finalizers, ["kubernetes.io/pv-protection"]);
    await call("DELETE", `${CLAIMS}/idle`);
    await call("DELETE", "/api/v1/persistentvolumes/pv");
    await settle();
    assert.equal((await call("GET", `${CLAIMS}/idle`)).status, 404);
    assert.equal((await call("GET", "/api/v1/persistentvolumes/pv")).status, 404);
  });
});
