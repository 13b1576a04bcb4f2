// `/status` writes of built-in kinds meet their status validation, with kube-apiserver v1.36.3's
// messages (a PDB's counts, a Deployment's replica counts).

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const MERGE = { "content-type": "application/merge-patch+json" };

describe("status validation", () => {
  it("a PDB's disruptionsAllowed may not be negative", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3", workloads: false });
    const base = "/apis/policy/v1/namespaces/default/poddisruptionbudgets";
    await call("POST", base, { metadata: { name: "p" }, spec: { minAvailable: 1 } });
    const answer = await call("PATCH", `${base}/p/status`, {
      status: { disruptionsAllowed: -1 },
    }, MERGE);
    assert.equal(answer.status, 422);
    assert.equal(
      answer.json.message,
      'PodDisruptionBudget.policy "p" is invalid: status.disruptionsAllowed: Invalid value: -1: must be greater than or equal to 0',
    );
    const fine = await call("PATCH", `${base}/p/status`, {
      status: { disruptionsAllowed: 1 },
    }, MERGE);
    assert.equal(fine.status, 200);
  });

  it("a Deployment's ready replicas may not exceed its replicas", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3", workloads: false });
    const base = "/apis/apps/v1/namespaces/default/deployments";
    await call("POST", base, {
      metadata: { name: "d" },
      spec: {
        selector: { matchLabels: { a: "b" } },
        template: {
          metadata: { labels: { a: "b" } },
          spec: { containers: [{ name: "c", image: "x" }] },
        },
      },
    });
    const answer = await call("PATCH", `${base}/d/status`, {
      status: { replicas: 1, readyReplicas: 2, availableReplicas: -1 },
    }, MERGE);
    assert.equal(answer.status, 422);
    assert.deepEqual(answer.json.details.causes.map((c: { field: string }) => c.field), [
      "status.availableReplicas",
      "status.readyReplicas",
    ]);
    assert.equal(
      answer.json.message,
      'Deployment.apps "d" is invalid: [status.availableReplicas: Invalid value: -1: must be greater than or equal to 0, status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas]',
    );
  });
});
