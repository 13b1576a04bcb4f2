import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BUILTIN_RESOURCES } from "../../../src/resources/mod.ts";
import { addNode, PODS, statusOf, workloadCluster } from "./_workload_fixture.ts";

const JOBS = BUILTIN_RESOURCES.find((r) => r.key === "batch/jobs")!;

const job = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name, namespace: "default" },
  spec: {
    template: {
      metadata: { labels: { "job-name": name } },
      spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl" }] },
    },
    ...spec,
  },
});

describe("JobController", () => {
  it("runs pods to Succeeded until completions, then Complete (and SuccessCriteriaMet from 1.31)", () => {
    const { store, settle, errors } = workloadCluster();
    addNode(store, "w1", "10.0.0.2");
    store.create(JOBS, job("pi", { completions: 3, parallelism: 2 }));
    settle();
    assert.deepEqual(errors, []);
    const pods = store.list(PODS, "default");
    assert.equal(pods.length, 3);
    assert.ok(pods.every((p) => statusOf(p).phase === "Succeeded"));
    const status = statusOf(store.get(JOBS, "default", "pi"));
    assert.equal(status.succeeded, 3);
    assert.equal(status.active, undefined);
    assert.equal(status.ready, 0);
    assert.equal(status.completionTime, "2026-01-02T03:04:06Z");
    assert.deepEqual(
      status.conditions.map((c: { type: string; reason: string }) => [c.type, c.reason]),
      [["SuccessCriteriaMet", "CompletionsReached"], ["Complete", "CompletionsReached"]],
    );
  });

  it("before 1.31 only Complete, without a reason", () => {
    const { store, settle } = workloadCluster({ kubernetesVersion: () => "v1.30.2" });
    addNode(store, "w1", "10.0.0.2");
    store.create(JOBS, job("once"));
    settle();
    const status = statusOf(store.get(JOBS, "default", "once"));
    assert.equal(status.succeeded, 1);
    assert.deepEqual(status.conditions.map((c: { type: string }) => c.type), ["Complete"]);
    assert.equal(status.conditions[0].reason, undefined);
  });

  it("a suspended Job creates no pods", () => {
    const { store, settle } = workloadCluster();
    addNode(store, "w1", "10.0.0.2");
    store.create(JOBS, job("later", { suspend: true }));
    settle();
    assert.equal(store.list(PODS, "default").length, 0);
  });
});
