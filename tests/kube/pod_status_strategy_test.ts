// PUT pods/<name>/status as podStatusStrategy prepares it: observed generations a write leaves
// unset are kept (from 1.33), dropped in 1.33 while PodObservedGenerationTracking is off unless
// the stored status uses them, and the QoS class is kept when a write drops it.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const PODS = "/api/v1/namespaces/default/pods";
const pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "s" },
  spec: { containers: [{ name: "c", image: "nginx" }], nodeName: "n1" },
};

async function putStatus(kubernetesVersion: string, edit: (status: Loose) => Loose) {
  const { call } = kubeFixture({ kubernetesVersion });
  const created = await call("POST", PODS, pod);
  assert.equal(created.status, 201);
  const body = { ...created.json, status: edit(created.json.status) };
  const answer = await call("PUT", `${PODS}/s/status`, body);
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  return { call, status: answer.json.status };
}

const ready = (generation?: number) => ({
  type: "Ready",
  ...(generation ? { observedGeneration: generation } : {}),
  status: "True",
  lastProbeTime: null,
  lastTransitionTime: "2026-01-02T03:04:05Z",
});

describe("pods/status observed generations", () => {
  it("are stored from 1.34 and kept when a later write leaves them unset", async () => {
    const { call, status } = await putStatus("v1.34.4", (s) => ({
      ...s,
      observedGeneration: 1,
      conditions: [ready(1)],
    }));
    assert.equal(status.observedGeneration, 1);
    assert.equal(status.conditions[0].observedGeneration, 1);
    const stored = (await call("GET", `${PODS}/s`)).json;
    const { observedGeneration: _, ...rest } = stored.status;
    const again = await call("PUT", `${PODS}/s/status`, {
      ...stored,
      status: { ...rest, qosClass: "", conditions: [ready()] },
    });
    assert.equal(again.json.status.observedGeneration, 1);
    assert.equal(again.json.status.conditions[0].observedGeneration, 1);
    assert.equal(again.json.status.qosClass, "BestEffort");
  });

  it("are dropped in 1.33 (the gate's alpha, off)", async () => {
    const { status } = await putStatus("v1.33.1", (s) => ({
      ...s,
      observedGeneration: 1,
      conditions: [ready(1)],
    }));
    assert.equal(status.observedGeneration, undefined);
    assert.equal(status.conditions[0].observedGeneration, undefined);
  });
});
