// Server-side apply through /scale: conflicts in the Scale's field space and the parent's
// managedFields afterwards, as kube-apiserver v1.36.3 answered the same requests.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";
const SCALE = `${DEPLOYMENTS}/web/scale`;
const APPLY = { "content-type": "application/apply-patch+yaml" };
const scale = (replicas: number) => ({
  apiVersion: "autoscaling/v1",
  kind: "Scale",
  metadata: { name: "web" },
  spec: { replicas },
});

async function withDeployment() {
  const fixture = kubeFixture({ kubernetesVersion: "v1.36.3", workloads: false });
  const created = await fixture.call("POST", `${DEPLOYMENTS}?fieldManager=curl`, {
    metadata: { name: "web" },
    spec: {
      replicas: 1,
      selector: { matchLabels: { a: "b" } },
      template: {
        metadata: { labels: { a: "b" } },
        spec: { containers: [{ name: "c", image: "x" }] },
      },
    },
  });
  assert.equal(created.status, 201);
  const managedFields = async () =>
    (await fixture.call("GET", `${DEPLOYMENTS}/web`)).json.metadata.managedFields as {
      manager: string;
      operation: string;
      apiVersion: string;
      time?: string;
      fieldsV1: { "f:spec": Record<string, unknown> };
      subresource?: string;
    }[];
  return { ...fixture, managedFields };
}

// What each entry says, without its time's value and with only whether it owns spec.replicas.
function summary(
  entries: Awaited<ReturnType<Awaited<ReturnType<typeof withDeployment>>["managedFields"]>>,
) {
  return entries.map((e) =>
    [
      e.manager,
      e.operation,
      e.apiVersion,
      e.subresource ?? "",
      e.time === undefined ? "no time" : "time",
      Object.keys(e.fieldsV1["f:spec"]).join(","),
    ].join(" ")
  );
}

const CREATED_SPEC =
  "f:progressDeadlineSeconds,f:revisionHistoryLimit,f:selector,f:strategy,f:template";

describe("server-side apply through /scale", () => {
  it("an apply of the same replicas shares them; the creator's move to a time-less entry", async () => {
    const { call, managedFields } = await withDeployment();
    const applied = await call("PATCH", `${SCALE}?fieldManager=other`, scale(1), APPLY);
    assert.equal(applied.status, 200);
    assert.deepEqual(applied.json.spec, { replicas: 1 });
    assert.deepEqual(summary(await managedFields()), [
      "other Apply apps/v1 scale no time f:replicas",
      "curl Update apps/v1  no time f:replicas",
      `curl Update apps/v1  time ${CREATED_SPEC}`,
    ]);
  });

  it("a changed value conflicts with the scale writer (409, one cause); force takes it", async () => {
    const { call, managedFields } = await withDeployment();
    const put = await call("PUT", `${SCALE}?fieldManager=curl`, scale(2));
    assert.equal(put.status, 200);
    const conflict = await call("PATCH", `${SCALE}?fieldManager=other`, scale(5), APPLY);
    assert.equal(conflict.status, 409);
    assert.deepEqual(conflict.json, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message:
        'Apply failed with 1 conflict: conflict with "curl" with subresource "scale" using autoscaling/v1: .spec.replicas',
      reason: "Conflict",
      details: {
        causes: [{
          reason: "FieldManagerConflict",
          message: 'conflict with "curl" with subresource "scale" using autoscaling/v1',
          field: ".spec.replicas",
        }],
      },
      code: 409,
    });
    const forced = await call("PATCH", `${SCALE}?fieldManager=other&force=true`, scale(5), APPLY);
    assert.equal(forced.status, 200);
    assert.deepEqual(forced.json.spec, { replicas: 5 });
    assert.deepEqual(summary(await managedFields()), [
      "other Apply apps/v1 scale no time f:replicas",
      `curl Update apps/v1  time ${CREATED_SPEC}`,
    ]);
    // The applier now owns the replicas: another manager's change conflicts with it.
    const again = await call("PATCH", `${SCALE}?fieldManager=third`, scale(6), APPLY);
    assert.equal(again.status, 409);
    assert.equal(
      again.json.message,
      'Apply failed with 1 conflict: conflict with "other" with subresource "scale": .spec.replicas',
    );
  });
});
