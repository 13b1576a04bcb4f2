// LimitRanger's validating half: every expected answer below is kube-apiserver v1.36.3's, seen
// through scripts/oracle with the same LimitRanges and bodies.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";

const PODS = "/api/v1/namespaces/default/pods";
const CLAIMS = "/api/v1/namespaces/default/persistentvolumeclaims";

const LIMITS = {
  apiVersion: "v1",
  kind: "LimitRange",
  metadata: { name: "limits" },
  spec: {
    limits: [
      {
        type: "Container",
        min: { cpu: "100m", memory: "64Mi" },
        max: { cpu: "2", memory: "1Gi" },
        maxLimitRequestRatio: { cpu: "4" },
      },
      { type: "Pod", max: { cpu: "3" } },
      { type: "PersistentVolumeClaim", min: { storage: "1Gi" }, max: { storage: "10Gi" } },
    ],
  },
};

const container = (name: string, requests: object, limits: object = {}) => ({
  name,
  image: "nginx",
  resources: { requests, limits },
});
const pod = (metadata: object, spec: object) => ({ apiVersion: "v1", kind: "Pod", metadata, spec });
const claim = (name: string, storage: string) => ({
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: { name },
  spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage } } },
});

async function withLimits(items?: object[]) {
  const fixture = kubeFixture({ kubernetesVersion: "v1.36.3" });
  const body = items ? { ...LIMITS, spec: { limits: items } } : LIMITS;
  const { status } = await fixture.call("POST", "/api/v1/namespaces/default/limitranges", body);
  assert.equal(status, 201);
  return fixture;
}

function assertForbidden(
  answer: { status: number; json: Record<string, unknown> },
  kind: string,
  name: string,
  reason: string,
) {
  assert.equal(answer.status, 403, JSON.stringify(answer.json));
  assert.deepEqual(answer.json, {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: `${kind} "${name}" is forbidden: ${reason}`,
    reason: "Forbidden",
    details: { name, kind },
    code: 403,
  });
}

describe("LimitRanger validation", () => {
  it("refuses a container below min, above max and past the ratio, every error in one 403", async () => {
    const { call } = await withLimits();
    const body = pod({ name: "p1" }, {
      containers: [
        container("c", { cpu: "50m", memory: "32Mi" }, { cpu: "3", memory: "2Gi" }),
      ],
    });
    assertForbidden(
      await call("POST", PODS, body),
      "pods",
      "p1",
      "[minimum cpu usage per Container is 100m, but request is 50m, " +
        "minimum memory usage per Container is 64Mi, but request is 32Mi, " +
        "maximum cpu usage per Container is 2, but limit is 3, " +
        "maximum memory usage per Container is 1Gi, but limit is 2Gi, " +
        "cpu max limit to request ratio per Container is 4, but provided ratio is 60.000000]",
    );
    assert.equal((await call("GET", `${PODS}/p1`)).status, 404);
  });

  it("checks the Pod's sum of limits and init containers after the containers", async () => {
    const { call } = await withLimits();
    const sum = pod({ name: "p3" }, {
      containers: [
        container("c", { cpu: "200m", memory: "100Mi" }, { cpu: "1500m", memory: "100Mi" }),
        container("d", { cpu: "1", memory: "100Mi" }, { cpu: "2", memory: "100Mi" }),
      ],
    });
    assertForbidden(
      await call("POST", PODS, sum),
      "pods",
      "p3",
      "[cpu max limit to request ratio per Container is 4, but provided ratio is 7.500000, " +
        "maximum cpu usage per Pod is 3, but limit is 3500m]",
    );
    const init = pod({ name: "p6" }, {
      initContainers: [
        container("i", { cpu: "1", memory: "100Mi" }, { cpu: "2500m", memory: "100Mi" }),
        {
          ...container("s", { cpu: "1", memory: "100Mi" }, { cpu: "1", memory: "100Mi" }),
          restartPolicy: "Always",
        },
      ],
      containers: [
        container("c", { cpu: "1", memory: "100Mi" }, { cpu: "1", memory: "100Mi" }),
        container("d", { cpu: "100m", memory: "100Mi" }, { cpu: "1", memory: "100Mi" }),
      ],
    });
    assertForbidden(
      await call("POST", PODS, init),
      "pods",
      "p6",
      "[cpu max limit to request ratio per Container is 4, but provided ratio is 10.000000, " +
        "maximum cpu usage per Container is 2, but limit is 2500m]",
    );
  });

  it("names a generated pod by its generated name, and admits what the defaults fill in", async () => {
    const { call } = await withLimits();
    const refused = await call(
      "POST",
      PODS,
      pod({ generateName: "gen-" }, { containers: [container("c", { cpu: "50m" })] }),
    );
    assert.equal(refused.status, 403);
    const name = refused.json.details.name;
    assert.match(name, /^gen-[a-z0-9]{5}$/);
    assert.equal(
      refused.json.message,
      `pods "${name}" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m, ` +
        "cpu max limit to request ratio per Container is 4, but provided ratio is 40.000000]",
    );
    // The defaulted LimitRange (default = max, defaultRequest = default) fills what is missing.
    const plain = pod({ generateName: "gen-" }, { containers: [{ name: "c", image: "nginx" }] });
    assert.equal((await call("POST", PODS, plain)).status, 201);
  });

  it("answers the 422 of an invalid pod before its limits", async () => {
    const { call } = await withLimits();
    const { status, json } = await call(
      "POST",
      PODS,
      pod({ name: "p5" }, { containers: [{ name: "c", resources: { requests: { cpu: "50m" } } }] }),
    );
    assert.equal(status, 422);
    assert.equal(json.message, 'Pod "p5" is invalid: spec.containers[0].image: Required value');
  });

  it("adds Pod totals in the first quantity's format and says when a request is missing", async () => {
    const { call } = await withLimits([
      { type: "Pod", max: { memory: "1G" }, min: { "ephemeral-storage": "1Ki" } },
    ]);
    const body = pod({ name: "p8" }, {
      containers: [
        container("c", { cpu: "1", memory: "100Mi" }, { cpu: "2", memory: "600Mi" }),
        container("d", { cpu: "1", memory: "100Mi" }, { cpu: "2", memory: "500M" }),
      ],
    });
    assertForbidden(
      await call("POST", PODS, body),
      "pods",
      "p8",
      "[minimum ephemeral-storage usage per Pod is 1Ki.  No request is specified, " +
        "maximum memory usage per Pod is 1G, but limit is 1129145600]",
    );
  });

  it("refuses a claim's storage request outside min and max, and leaves pod updates alone", async () => {
    const { call } = await withLimits();
    assertForbidden(
      await call("POST", CLAIMS, claim("c1", "20Gi")),
      "persistentvolumeclaims",
      "c1",
      "maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi",
    );
    assertForbidden(
      await call("POST", CLAIMS, claim("c2", "500Mi")),
      "persistentvolumeclaims",
      "c2",
      "minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi",
    );
    assert.equal((await call("POST", CLAIMS, claim("c3", "5Gi"))).status, 201);
    // Admitted before the LimitRange tightened; a label change is not re-checked.
    const ok = pod({ name: "old" }, {
      containers: [container("c", { cpu: "500m" }, { cpu: "1" })],
    });
    assert.equal((await call("POST", PODS, ok)).status, 201);
    await call("PUT", "/api/v1/namespaces/default/limitranges/limits", {
      ...LIMITS,
      spec: { limits: [{ type: "Container", min: { cpu: "800m" } }] },
    });
    const patched = await call("PATCH", `${PODS}/old`, { metadata: { labels: { a: "b" } } }, {
      "content-type": "application/merge-patch+json",
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.json));
  });
});
