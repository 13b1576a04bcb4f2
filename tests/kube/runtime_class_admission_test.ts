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

  it("copies the class's overhead into the pod; a different one is 403", async () => {
    const fixture = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const runtimeClass = {
      metadata: { name: "kata" },
      handler: "kata",
      overhead: { podFixed: { memory: "120Mi", cpu: "250m" } },
    };
    assert.equal((await fixture.call("POST", CLASSES, runtimeClass)).status, 201);
    const created = await fixture.call("POST", PODS, pod("f", { runtimeClassName: "kata" }));
    assert.equal(created.status, 201, JSON.stringify(created.json));
    assert.deepEqual(spec(created).overhead, { cpu: "250m", memory: "120Mi" });
    // The same quantities written otherwise are the class's; an empty overhead is replaced.
    const same = { runtimeClassName: "kata", overhead: { cpu: "0.25", memory: "120Mi" } };
    assert.deepEqual(spec(await fixture.call("POST", PODS, pod("g", same))).overhead, {
      cpu: "250m",
      memory: "120Mi",
    });
    const empty = { runtimeClassName: "kata", overhead: {} };
    assert.equal((await fixture.call("POST", PODS, pod("h", empty))).status, 201);
    const other = { runtimeClassName: "kata", overhead: { cpu: "1" } };
    assertForbidden(
      await fixture.call("POST", PODS, pod("i", other)),
      "i",
      "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead",
    );
  });

  it("merges the class's node selector and tolerations; a conflicting label is 403", async () => {
    const fixture = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const runtimeClass = {
      metadata: { name: "gvisor" },
      handler: "runsc",
      scheduling: {
        nodeSelector: { sandbox: "gvisor" },
        tolerations: [
          { key: "sandbox", operator: "Equal", value: "gvisor", effect: "NoSchedule" },
          { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
        ],
      },
    };
    assert.equal((await fixture.call("POST", CLASSES, runtimeClass)).status, 201);
    const mine = { runtimeClassName: "gvisor", nodeSelector: { zone: "a" } };
    const created = await fixture.call("POST", PODS, pod("j", mine));
    assert.equal(created.status, 201, JSON.stringify(created.json));
    assert.deepEqual(spec(created).nodeSelector, { sandbox: "gvisor", zone: "a" });
    // The class's not-ready toleration (no seconds) tolerates more than the default one: it
    // replaces it, in the class's place.
    assert.deepEqual(spec(created).tolerations, [
      {
        key: "node.kubernetes.io/unreachable",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
      { key: "sandbox", operator: "Equal", value: "gvisor", effect: "NoSchedule" },
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
    ]);
    const conflicting = { runtimeClassName: "gvisor", nodeSelector: { sandbox: "runc" } };
    assertForbidden(
      await fixture.call("POST", PODS, pod("k", conflicting)),
      "k",
      "conflict: runtimeClass.scheduling.nodeSelector[sandbox] = gvisor; pod.spec.nodeSelector[sandbox] = runc",
    );
  });

  it("refuses a pod naming a RuntimeClass that does not exist", async () => {
    const fixture = kubeFixture({ kubernetesVersion: "v1.29.6" });
    assertForbidden(
      await fixture.call("POST", PODS, pod("l", { runtimeClassName: "missing" })),
      "l",
      'pod rejected: RuntimeClass "missing" not found',
    );
  });
});

const CLASSES = "/apis/node.k8s.io/v1/runtimeclasses";

// deno-lint-ignore no-explicit-any
const spec = (answer: { json: Record<string, unknown> }) => (answer.json as any).spec;

function assertForbidden(
  answer: { status: number; json: Record<string, unknown> },
  name: string,
  reason: string,
) {
  assert.equal(answer.status, 403, JSON.stringify(answer.json));
  assert.equal(answer.json.message, `pods "${name}" is forbidden: ${reason}`);
  assert.deepEqual(answer.json.details, { name, kind: "pods" });
}
