// pods/<name>/resize (in-place vertical scaling, from 1.33): kube-apiserver v1.36.3's answers,
// probed against it (scripts/oracle/_resize_probes.ts): only the containers' resources and resize
// policies change, recorded under the subresource; what ValidatePodResize refuses, worded per
// minor; not served before 1.33; ResourceQuota charges what a resize adds.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const PODS = "/api/v1/namespaces/default/pods";
const STRATEGIC = { "content-type": "application/strategic-merge-patch+json" };
const JSON_PATCH = { "content-type": "application/json-patch+json" };

const pod = (name: string, resources: object, extra: object = {}) => ({
  metadata: { name },
  spec: { containers: [{ name: "c", image: "nginx", resources }], ...extra },
});
const resize = (resources: object, more: object = {}) => ({
  spec: { containers: [{ name: "c", resources, ...more }] },
});

describe("pods/resize", () => {
  it("takes only the containers' resources, recorded under the subresource", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const burstable = { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "128Mi" } };
    assert.equal((await call("POST", PODS, pod("b", burstable))).status, 201);
    const got = await call("GET", `${PODS}/b/resize`);
    assert.equal(got.status, 200);
    assert.equal(got.json.kind, "Pod");
    const patched = await call("PATCH", `${PODS}/b/resize`, {
      metadata: { labels: { ignored: "yes" } },
      spec: {
        containers: [{ name: "c", image: "nginx:1.27", resources: { requests: { cpu: "300m" } } }],
      },
    }, STRATEGIC);
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.json.spec.containers[0].resources, {
      limits: { memory: "128Mi" },
      requests: { cpu: "300m", memory: "64Mi" },
    });
    assert.equal(patched.json.spec.containers[0].image, "nginx");
    assert.equal(patched.json.metadata.labels, undefined);
    assert.equal(patched.json.metadata.generation, 2);
    const entries = patched.json.metadata.managedFields;
    assert.deepEqual(entries.map((m: { subresource?: string }) => m.subresource), [
      undefined,
      "resize",
    ]);
    // As kube-apiserver v1.36.3 records it: the field manager compares the body with the stored
    // pod before the strategy drops what a resize may not change.
    assert.deepEqual(entries[1].fieldsV1, {
      "f:metadata": { "f:labels": { ".": {}, "f:ignored": {} } },
      "f:spec": {
        "f:containers": {
          'k:{"name":"c"}': { "f:image": {}, "f:resources": { "f:requests": { "f:cpu": {} } } },
        },
      },
    });
    assert.equal((await call("POST", `${PODS}/b/resize`, {})).status, 405);
    assert.equal((await call("GET", `${PODS}/nope/resize`)).status, 404);
  });

  it("refuses what a resize may not change, as ValidatePodResize words it", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const burstable = { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "128Mi" } };
    await call("POST", PODS, pod("b", burstable));
    await call("POST", PODS, pod("g", { limits: { cpu: "200m", memory: "64Mi" } }));
    const refusals: [string, unknown, Record<string, string>, string][] = [
      [
        "b",
        [{ op: "remove", path: "/spec/containers/0/resources/limits" }],
        JSON_PATCH,
        'Pod "b" is invalid: spec.containers[0].resources.limits: Forbidden: resource limits cannot be removed',
      ],
      [
        "b",
        resize({ requests: { "ephemeral-storage": "1Gi" } }),
        STRATEGIC,
        'Pod "b" is invalid: spec: Forbidden: only cpu and memory resources are mutable',
      ],
      [
        "b",
        resize({}, {
          resizePolicy: [{ resourceName: "memory", restartPolicy: "RestartContainer" }],
        }),
        STRATEGIC,
        'Pod "b" is invalid: spec: Forbidden: only cpu and memory resources are mutable',
      ],
      [
        "g",
        resize({ requests: { cpu: "100m" } }),
        STRATEGIC,
        'Pod "g" is invalid: spec: Invalid value: "Guaranteed": Pod QOS Class may not change as a result of resizing',
      ],
      [
        "b",
        [{ op: "replace", path: "/spec/containers/0/name", value: "x" }],
        JSON_PATCH,
        'Pod "b" is invalid: spec.containers[0].name: Forbidden: containers may not be renamed or reordered on resize',
      ],
    ];
    for (const [name, body, headers, message] of refusals) {
      const answer = await call("PATCH", `${PODS}/${name}/resize`, body, headers);
      assert.equal(answer.status, 422, message);
      assert.equal(answer.json.reason, "Invalid");
      assert.equal(answer.json.message, message);
    }
    const added = await call("PATCH", `${PODS}/b/resize`, [{
      op: "add",
      path: "/spec/containers/-",
      value: { name: "d", image: "nginx" },
    }], JSON_PATCH);
    assert.equal(added.status, 422);
    assert.deepEqual(added.json.details.causes, [{
      reason: "FieldValueForbidden",
      message: "Forbidden: containers may not be added or removed on resize",
      field: "spec.containers",
    }]);
  });

  it("resizes init containers from 1.36, sidecars only before; pod-level resources per minor", async () => {
    const inits = {
      initContainers: [
        { name: "init", image: "busybox", resources: { requests: { cpu: "50m" } } },
        {
          name: "side",
          image: "busybox",
          restartPolicy: "Always",
          resources: { requests: { cpu: "50m" } },
        },
      ],
    };
    const initResize = (name: string) => ({
      spec: { initContainers: [{ name, resources: { requests: { cpu: "70m" } } }] },
    });
    for (const [version, init] of [["v1.36.3", 200], ["v1.35.4", 422]] as const) {
      const { call } = kubeFixture({ kubernetesVersion: version });
      await call("POST", PODS, pod("i", { requests: { cpu: "100m" } }, inits));
      const initAnswer = await call("PATCH", `${PODS}/i/resize`, initResize("init"), STRATEGIC);
      assert.equal(initAnswer.status, init, version);
      if (init === 422) {
        assert.equal(
          initAnswer.json.message,
          'Pod "i" is invalid: spec: Forbidden: resources for non-sidecar init containers are immutable',
        );
      }
      const side = await call("PATCH", `${PODS}/i/resize`, initResize("side"), STRATEGIC);
      assert.equal(side.status, 200, version);
      assert.deepEqual(side.json.spec.initContainers[1].resources, { requests: { cpu: "70m" } });
    }
    const podLevel = { resources: { requests: { cpu: "100m" } } };
    for (
      const [version, message] of [
        ["v1.34.4", "pods with pod-level resources cannot be resized"],
        [
          "v1.35.4",
          "resize of pods with pod-level resources is forbidden when InPlacePodLevelResourcesVerticalScalingEnabled feature gate is disabled",
        ],
      ]
    ) {
      const { call } = kubeFixture({ kubernetesVersion: version });
      await call("POST", PODS, pod("p", {}, podLevel));
      const answer = await call(
        "PATCH",
        `${PODS}/p/resize`,
        resize({ requests: { cpu: "10m" } }),
        STRATEGIC,
      );
      assert.equal(answer.status, 422, version);
      assert.equal(answer.json.message, `Pod "p" is invalid: []: Forbidden: ${message}`);
    }
  });

  it("is served from 1.33 only", async () => {
    for (const [version, status] of [["v1.32.13", 404], ["v1.33.1", 200]] as const) {
      const { call } = kubeFixture({ kubernetesVersion: version });
      await call("POST", PODS, pod("b", { requests: { cpu: "100m" } }));
      const answer = await call(
        "PATCH",
        `${PODS}/b/resize`,
        resize({ requests: { cpu: "200m" } }),
        STRATEGIC,
      );
      assert.equal(answer.status, status, version);
    }
  });

  it("is charged by ResourceQuota for what it adds (from 1.33)", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const quota = {
      metadata: { name: "q" },
      spec: { hard: { pods: "1", "requests.cpu": "1", "limits.memory": "1Gi" } },
    };
    assert.equal(
      (await call("POST", "/api/v1/namespaces/default/resourcequotas", quota)).status,
      201,
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    const resources = { requests: { cpu: "500m" }, limits: { memory: "100Mi" } };
    assert.equal((await call("POST", PODS, pod("q3", resources))).status, 201);
    const past = await call(
      "PATCH",
      `${PODS}/q3/resize`,
      resize({ requests: { cpu: "2" } }),
      STRATEGIC,
    );
    assert.equal(past.status, 403);
    assert.equal(
      past.json.message,
      'pods "q3" is forbidden: exceeded quota: q, requested: requests.cpu=1500m, used: requests.cpu=500m, limited: requests.cpu=1',
    );
    const within = await call(
      "PATCH",
      `${PODS}/q3/resize`,
      resize({ requests: { cpu: "800m" } }),
      STRATEGIC,
    );
    assert.equal(within.status, 200);
    const charged = await call("GET", "/api/v1/namespaces/default/resourcequotas/q");
    assert.equal(charged.json.status.used["requests.cpu"], "800m");
  });
});
