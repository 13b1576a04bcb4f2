// The scale of a missing object: kube-apiserver v1.36.3 answers the resource's own NotFound for
// every verb (scripts/oracle/_apply_type_probes.ts's scale probes); up to v1.32 ScaleREST.Get
// renamed it `<resource>/scale` for Deployments, ReplicaSets and ReplicationControllers.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const APPS = "/apis/apps/v1/namespaces/default";
const CORE = "/api/v1/namespaces/default";
const MERGE = { "content-type": "application/merge-patch+json" };

describe("the scale of a missing object", () => {
  it("is the resource's NotFound for GET, PATCH and PUT from v1.33", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    for (
      const [path, qualified, group, kind] of [
        [`${APPS}/deployments/nope/scale`, "deployments.apps", "apps", "deployments"],
        [`${APPS}/statefulsets/nope/scale`, "statefulsets.apps", "apps", "statefulsets"],
        [
          `${CORE}/replicationcontrollers/nope/scale`,
          "replicationcontrollers",
          "",
          "replicationcontrollers",
        ],
      ]
    ) {
      const body = { apiVersion: "autoscaling/v1", kind: "Scale", metadata: { name: "nope" } };
      for (
        const answer of [
          await call("GET", path),
          await call("PATCH", path, { spec: { replicas: 2 } }, MERGE),
          await call("PUT", path, { ...body, spec: { replicas: 2 } }),
        ]
      ) {
        assert.equal(answer.status, 404);
        assert.equal(answer.json.message, `${qualified} "nope" not found`);
        assert.deepEqual(answer.json.details, { name: "nope", ...(group ? { group } : {}), kind });
      }
    }
  });

  it("is <resource>/scale for a GET up to v1.32, but for StatefulSets", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.32.13" });
    const deployment = await call("GET", `${APPS}/deployments/nope/scale`);
    assert.equal(deployment.json.message, 'deployments/scale.apps "nope" not found');
    assert.deepEqual(deployment.json.details, {
      name: "nope",
      group: "apps",
      kind: "deployments/scale",
    });
    const controller = await call("GET", `${CORE}/replicationcontrollers/nope/scale`);
    assert.equal(
      controller.json.message,
      'replicationcontrollers/scale.autoscaling "nope" not found',
    );
    const statefulSet = await call("GET", `${APPS}/statefulsets/nope/scale`);
    assert.equal(statefulSet.json.message, 'statefulsets.apps "nope" not found');
    const patched = await call("PATCH", `${APPS}/deployments/nope/scale`, {}, MERGE);
    assert.equal(patched.json.message, 'deployments.apps "nope" not found');
  });
});
