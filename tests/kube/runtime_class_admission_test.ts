// RuntimeClass admission's overhead check: every expected answer below is kube-apiserver
// v1.36.3's, seen through scripts/oracle (`pod validation` probes) with the same bodies.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";

const PODS = "/api/v1/namespaces/default/pods";
const REFUSED =
  "pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead";

const pod = (name: string, spec: object) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec: { containers: [{ name: "app", image: "nginx" }], ...spec },
});

function assertRefused(answer: { status: number; json: Record<string, unknown> }, name: string) {
  assert.equal(answer.status, 403, JSON.stringify(answer.json));
  assert.deepEqual(answer.json, {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: `pods "${name}" is forbidden: ${REFUSED}`,
    reason: "Forbidden",
    details: { name, kind: "pods" },
    code: 403,
  });
}

describe("RuntimeClass admission", () => {
  it("refuses a pod's overhead, even an empty one, without a RuntimeClass", async () => {
    const fixture = kubeFixture({ kubernetesVersion: "v1.36.3" });
    assertRefused(await fixture.call("POST", PODS, pod("a", { overhead: { cpu: "100m" } })), "a");
    assertRefused(await fixture.call("POST", PODS, pod("b", { overhead: {} })), "b");
    assert.equal((await fixture.call("POST", PODS, pod("c", {}))).status, 201);
  });

  it("refuses it with a RuntimeClass that defines no overhead; the class alone is fine", async () => {
    const fixture = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const runtimeClass = { metadata: { name: "plain" }, handler: "runc" };
    const created = await fixture.call("POST", "/apis/node.k8s.io/v1/runtimeclasses", runtimeClass);
    assert.equal(created.status, 201);
    const spec = { runtimeClassName: "plain", overhead: { memory: "10Mi" } };
    assertRefused(await fixture.call("POST", PODS, pod("d", spec)), "d");
    const plain = await fixture.call("POST", PODS, pod("e", { runtimeClassName: "plain" }));
    assert.equal(plain.status, 201);
  });
});
