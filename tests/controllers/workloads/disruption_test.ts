import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BUILTIN_RESOURCES } from "../../../src/resources/mod.ts";
import {
  addNode,
  deployment,
  DEPLOYMENTS,
  statusOf,
  workloadCluster,
} from "./_workload_fixture.ts";

const BUDGETS = BUILTIN_RESOURCES.find((r) => r.key === "policy/poddisruptionbudgets")!;

const budget = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: "policy/v1",
  kind: "PodDisruptionBudget",
  metadata: { name, namespace: "default" },
  spec: { selector: { matchLabels: { app: "web" } }, ...spec },
});

describe("DisruptionController", () => {
  it("minAvailable 2 of 3 ready pods allows one disruption; maxUnavailable counts the Deployment's replicas", () => {
    const { store, settle, errors } = workloadCluster();
    addNode(store, "w1", "10.0.0.2");
    store.create(DEPLOYMENTS, deployment("web", 3));
    store.create(BUDGETS, budget("min", { minAvailable: 2 }));
    store.create(BUDGETS, budget("max", { maxUnavailable: "50%" }));
    settle();
    assert.deepEqual(errors, []);
    const min = statusOf(store.get(BUDGETS, "default", "min"));
    assert.deepEqual(
      [min.currentHealthy, min.desiredHealthy, min.expectedPods, min.disruptionsAllowed],
      [3, 2, 3, 1],
    );
    assert.equal(min.conditions[0].type, "DisruptionAllowed");
    assert.equal(min.conditions[0].status, "True");
    assert.equal(min.conditions[0].reason, "SufficientPods");
    const max = statusOf(store.get(BUDGETS, "default", "max"));
    assert.deepEqual([max.expectedPods, max.desiredHealthy, max.disruptionsAllowed], [3, 1, 2]);
  });

  it("no matching pods: nothing may be disrupted, InsufficientPods", () => {
    const { store, settle } = workloadCluster();
    store.create(BUDGETS, budget("min", { minAvailable: 1 }));
    settle();
    const status = statusOf(store.get(BUDGETS, "default", "min"));
    assert.equal(status.disruptionsAllowed, 0);
    assert.equal(status.conditions[0].reason, "InsufficientPods");
  });
});
