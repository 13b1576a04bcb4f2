// ResourceQuota admission and the quota controller: every refusal below is kube-apiserver
// v1.36.3's answer to the same quota and bodies, seen through scripts/oracle (there with the
// quota's status written by hand, as the oracle runs no kube-controller-manager).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";

const NS = "/api/v1/namespaces/default";
const QUOTA = `${NS}/resourcequotas/q`;
const HARD = {
  pods: "1",
  configmaps: "3",
  "requests.cpu": "1",
  "count/secrets": "2",
  "limits.memory": "1Gi",
};

const pod = (name: string, resources?: object, names = ["c"]) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec: {
    containers: names.map((c) => ({
      name: c,
      image: "nginx",
      ...(resources ? { resources } : {}),
    })),
  },
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function withQuota() {
  const fixture = kubeFixture({ kubernetesVersion: "v1.36.3" });
  const body = {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name: "q" },
    spec: { hard: HARD },
  };
  assert.equal((await fixture.call("POST", `${NS}/resourcequotas`, body)).status, 201);
  await settle();
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

describe("ResourceQuota", () => {
  it("gets status.hard and status.used from the quota controller, names in order", async () => {
    const { call } = await withQuota();
    const { json } = await call("GET", QUOTA);
    assert.deepEqual(json.status, {
      hard: {
        configmaps: "3",
        "count/secrets": "2",
        "limits.memory": "1Gi",
        pods: "1",
        "requests.cpu": "1",
      },
      used: {
        configmaps: String(
          (await call("GET", `${NS}/configmaps`)).json.items.length,
        ),
        "count/secrets": "0",
        "limits.memory": "0",
        pods: "0",
        "requests.cpu": "0",
      },
    });
  });

  it("refuses a pod that states no limits or requests the quota tracks, and one past hard", async () => {
    const { call } = await withQuota();
    assertForbidden(
      await call("POST", `${NS}/pods`, pod("q3", undefined, ["c", "d"])),
      "pods",
      "q3",
      "failed quota: q: must specify limits.memory for: c,d; requests.cpu for: c,d",
    );
    const big = { requests: { cpu: "800m", memory: "100Mi" }, limits: { memory: "2Gi" } };
    assertForbidden(
      await call("POST", `${NS}/pods`, pod("q2", big)),
      "pods",
      "q2",
      "exceeded quota: q, requested: limits.memory=2Gi, used: limits.memory=0, limited: limits.memory=1Gi",
    );
  });

  it("charges an admitted pod at once (not a dry run), refuses the next and gives back on delete", async () => {
    const { call } = await withQuota();
    const small = {
      requests: { cpu: "500m", memory: "100Mi" },
      limits: { cpu: "500m", memory: "100Mi" },
    };
    assert.equal((await call("POST", `${NS}/pods?dryRun=All`, pod("q1", small))).status, 201);
    assert.equal((await call("GET", QUOTA)).json.status.used.pods, "0");
    assert.equal((await call("POST", `${NS}/pods`, pod("q1", small))).status, 201);
    const charged = (await call("GET", QUOTA)).json;
    assert.deepEqual(
      [
        charged.status.used.pods,
        charged.status.used["requests.cpu"],
        charged.status.used["limits.memory"],
      ],
      ["1", "500m", "100Mi"],
    );
    const entry = charged.metadata.managedFields.find((e: { manager: string }) =>
      e.manager === "kube-apiserver"
    );
    assert.equal(entry?.subresource, "status");
    assertForbidden(
      await call("POST", `${NS}/pods`, pod("q4", small)),
      "pods",
      "q4",
      "exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1",
    );
    assert.equal((await call("DELETE", `${NS}/pods/q1?gracePeriodSeconds=0`)).status, 200);
    await settle();
    assert.equal((await call("GET", QUOTA)).json.status.used.pods, "0");
    assert.equal((await call("POST", `${NS}/pods`, pod("q4", small))).status, 201);
  });

  it("counts objects by their legacy and count/ names", async () => {
    const { call } = await withQuota();
    const used = Number((await call("GET", QUOTA)).json.status.used.configmaps);
    for (let i = used; i < 3; i++) {
      assert.equal(
        (await call("POST", `${NS}/configmaps`, { metadata: { name: `cm${i}` } })).status,
        201,
      );
    }
    assertForbidden(
      await call("POST", `${NS}/configmaps`, { metadata: { name: "cm-over" } }),
      "configmaps",
      "cm-over",
      "exceeded quota: q, requested: configmaps=1, used: configmaps=3, limited: configmaps=3",
    );
    for (const name of ["s1", "s2"]) {
      assert.equal((await call("POST", `${NS}/secrets`, { metadata: { name } })).status, 201);
    }
    assertForbidden(
      await call("POST", `${NS}/secrets`, { metadata: { name: "s3" } }),
      "secrets",
      "s3",
      "exceeded quota: q, requested: count/secrets=1, used: count/secrets=2, limited: count/secrets=2",
    );
  });
});
