import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BUILTIN_RESOURCES } from "../../../src/resources/mod.ts";
import { addNode, statusOf, workloadCluster } from "./_workload_fixture.ts";

const byKey = (key: string) => BUILTIN_RESOURCES.find((r) => r.key === key)!;
const CRON_JOBS = byKey("batch/cronjobs");
const JOBS = byKey("batch/jobs");

describe("CronJobController", () => {
  it("creates a Job when the timer fires at the scheduled minute, and records lastScheduleTime", () => {
    let now = new Date("2026-01-02T03:04:06Z");
    const timers: { delay: number; task: () => void }[] = [];
    const { store, settle, errors } = workloadCluster({
      now: () => now,
      setTimer: (delay, task) => {
        timers.push({ delay, task });
        return () => {};
      },
    });
    addNode(store, "w1", "10.0.0.2");
    store.create(CRON_JOBS, {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "tick", namespace: "default" },
      spec: {
        schedule: "*/5 * * * *",
        jobTemplate: {
          spec: {
            template: {
              spec: { restartPolicy: "OnFailure", containers: [{ name: "c", image: "busybox" }] },
            },
          },
        },
      },
    });
    settle();
    assert.equal(store.list(JOBS, "default").length, 0);
    assert.equal(timers.at(-1)!.delay, 54_000);
    now = new Date("2026-01-02T03:05:00Z");
    timers.at(-1)!.task();
    settle();
    assert.deepEqual(errors, []);
    const [job] = store.list(JOBS, "default");
    assert.equal(job.metadata.name, `tick-${Math.floor(now.getTime() / 60_000)}`);
    assert.equal(
      job.metadata.annotations?.["batch.kubernetes.io/cronjob-scheduled-timestamp"],
      "2026-01-02T03:05:00Z",
    );
    const status = statusOf(store.get(CRON_JOBS, "default", "tick"));
    assert.equal(status.lastScheduleTime, "2026-01-02T03:05:00Z");
    assert.equal(status.lastSuccessfulTime, statusOf(job).completionTime);
  });

  it("skips a run missed by more than startingDeadlineSeconds, and runs one within it", () => {
    let now = new Date("2026-01-02T03:04:06Z");
    const timers: { delay: number; task: () => void }[] = [];
    const { store, settle, errors } = workloadCluster({
      now: () => now,
      setTimer: (delay, task) => {
        timers.push({ delay, task });
        return () => {};
      },
    });
    addNode(store, "w1", "10.0.0.2");
    const cronJob = (name: string, startingDeadlineSeconds: number) => ({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name, namespace: "default" },
      spec: {
        schedule: "*/5 * * * *",
        startingDeadlineSeconds,
        jobTemplate: {
          spec: {
            template: {
              spec: { restartPolicy: "OnFailure", containers: [{ name: "c", image: "busybox" }] },
            },
          },
        },
      },
    });
    store.create(CRON_JOBS, cronJob("strict", 10));
    store.create(CRON_JOBS, cronJob("lenient", 120));
    settle();
    // The controller wakes 70 s after 03:05 (a busy kube-controller-manager).
    now = new Date("2026-01-02T03:06:10Z");
    for (const timer of timers.splice(0)) timer.task();
    settle();
    assert.deepEqual(errors, []);
    const owners = store.list(JOBS, "default").map((job) =>
      job.metadata.ownerReferences?.[0]?.name
    );
    assert.deepEqual(owners, ["lenient"]);
    assert.equal(statusOf(store.get(CRON_JOBS, "default", "strict")).lastScheduleTime, undefined);
  });

  it("schedules in spec.timeZone and annotates the Job's scheduled time in it", () => {
    let now = new Date("2026-01-02T03:04:06Z");
    const timers: { delay: number; task: () => void }[] = [];
    const { store, settle, errors } = workloadCluster({
      now: () => now,
      setTimer: (delay, task) => {
        timers.push({ delay, task });
        return () => {};
      },
    });
    addNode(store, "w1", "10.0.0.2");
    const cronJob = (name: string, timeZone: string) => ({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name, namespace: "default" },
      spec: {
        schedule: "0 5 * * *",
        timeZone,
        jobTemplate: {
          spec: {
            template: {
              spec: { restartPolicy: "OnFailure", containers: [{ name: "c", image: "busybox" }] },
            },
          },
        },
      },
    });
    store.create(CRON_JOBS, cronJob("berlin", "Europe/Berlin"));
    store.create(CRON_JOBS, cronJob("nowhere", "Nope/Nowhere"));
    settle();
    // 05:00 in Berlin is 04:00 UTC: 55 min 54 s away. An unknown zone schedules nothing.
    assert.deepEqual(timers.map((t) => t.delay), [3_354_000]);
    now = new Date("2026-01-02T04:00:00Z");
    timers[0].task();
    settle();
    assert.deepEqual(errors, []);
    const [job] = store.list(JOBS, "default");
    assert.equal(
      job.metadata.annotations?.["batch.kubernetes.io/cronjob-scheduled-timestamp"],
      "2026-01-02T05:00:00+01:00",
    );
    assert.equal(
      statusOf(store.get(CRON_JOBS, "default", "berlin")).lastScheduleTime,
      "2026-01-02T04:00:00Z",
    );
  });
});
