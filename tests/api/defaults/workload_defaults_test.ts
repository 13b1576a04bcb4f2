// Workloads as kube-apiserver stores them: their own defaults and PodSpec defaults in every template.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { defaultOnCreate } from "../../../src/api/defaults/mod.ts";
import { target, testContext } from "./_context.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const TEMPLATE = () => ({
  metadata: { labels: { app: "a" } },
  spec: { containers: [{ name: "c", image: "nginx:1.27" }] },
});
const DEFAULTED_POD_SPEC = {
  containers: [{
    name: "c",
    image: "nginx:1.27",
    imagePullPolicy: "IfNotPresent",
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
  }],
  dnsPolicy: "ClusterFirst",
  restartPolicy: "Always",
  securityContext: {},
  terminationGracePeriodSeconds: 30,
  schedulerName: "default-scheduler",
};

describe("workload defaults", () => {
  it("Deployment: replicas, RollingUpdate 25%/25%, revisionHistoryLimit, progressDeadlineSeconds", () => {
    const object: Loose = { metadata: { name: "d" }, spec: { selector: {}, template: TEMPLATE() } };
    defaultOnCreate(target("apps", "Deployment", "apps/deployments"), object, testContext());
    assert.deepEqual(object.spec, {
      selector: {},
      template: { metadata: { labels: { app: "a" } }, spec: DEFAULTED_POD_SPEC },
      replicas: 1,
      strategy: {
        type: "RollingUpdate",
        rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" },
      },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
  });

  it("a Recreate Deployment gets no rollingUpdate", () => {
    const object: Loose = {
      metadata: { name: "d" },
      spec: { strategy: { type: "Recreate" }, template: TEMPLATE() },
    };
    defaultOnCreate(target("apps", "Deployment", "apps/deployments"), object, testContext());
    assert.deepEqual(object.spec.strategy, { type: "Recreate" });
  });

  it("ReplicaSet, DaemonSet and StatefulSet", () => {
    const rs: Loose = { metadata: { name: "r" }, spec: { template: TEMPLATE() } };
    defaultOnCreate(target("apps", "ReplicaSet", "apps/replicasets"), rs, testContext());
    assert.equal(rs.spec.replicas, 1);
    assert.deepEqual(rs.spec.template.spec, DEFAULTED_POD_SPEC);
    const ds: Loose = { metadata: { name: "d" }, spec: { template: TEMPLATE() } };
    defaultOnCreate(target("apps", "DaemonSet", "apps/daemonsets"), ds, testContext());
    assert.deepEqual(ds.spec, {
      template: { metadata: { labels: { app: "a" } }, spec: DEFAULTED_POD_SPEC },
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    });
    const sts: Loose = {
      metadata: { name: "s" },
      spec: {
        template: TEMPLATE(),
        volumeClaimTemplates: [{ metadata: { name: "data" }, spec: {} }],
      },
    };
    defaultOnCreate(target("apps", "StatefulSet", "apps/statefulsets"), sts, testContext());
    assert.deepEqual(sts.spec, {
      template: { metadata: { labels: { app: "a" } }, spec: DEFAULTED_POD_SPEC },
      volumeClaimTemplates: [{
        metadata: { name: "data" },
        spec: { volumeMode: "Filesystem" },
        status: { phase: "Pending" },
      }],
      podManagementPolicy: "OrderedReady",
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      replicas: 1,
      revisionHistoryLimit: 10,
    });
  });

  it("Job: counts, modes, podReplacementPolicy and the generated selector and labels", () => {
    const object: Loose = {
      metadata: { name: "pi" },
      spec: {
        template: {
          spec: { restartPolicy: "Never", containers: [{ name: "c", image: "perl:5" }] },
        },
      },
    };
    const context = testContext();
    defaultOnCreate(target("batch", "Job", "batch/jobs"), object, context);
    const { template, ...spec } = object.spec;
    assert.deepEqual(spec, {
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: "NonIndexed",
      suspend: false,
      podReplacementPolicy: "TerminatingOrFailed",
      manualSelector: false,
      selector: { matchLabels: { "batch.kubernetes.io/controller-uid": context.uid } },
    });
    const generated = {
      "job-name": "pi",
      "batch.kubernetes.io/job-name": "pi",
      "controller-uid": context.uid,
      "batch.kubernetes.io/controller-uid": context.uid,
    };
    assert.deepEqual(template.metadata, { labels: generated });
    // As kube-apiserver v1.36.3 answers (scripts/oracle): the stored Job decodes with them too.
    assert.deepEqual(object.metadata.labels, generated, "a Job without labels gets its template's");
  });

  it("Job: the template's labels, generated ones included, label a Job without labels of its own", () => {
    const job = (labels?: Record<string, string>): Loose => ({
      metadata: { name: "pi", ...(labels ? { labels } : {}) },
      spec: {
        template: { metadata: { labels: { app: "pi" } }, spec: { containers: [] } },
      },
    });
    const aliased = job();
    const context = testContext();
    defaultOnCreate(target("batch", "Job", "batch/jobs"), aliased, context);
    assert.deepEqual(aliased.metadata.labels, aliased.spec.template.metadata.labels);
    assert.equal(aliased.metadata.labels["batch.kubernetes.io/controller-uid"], context.uid);
    assert.notEqual(aliased.metadata.labels, aliased.spec.template.metadata.labels, "not shared");
    const own = job({ team: "x" });
    defaultOnCreate(target("batch", "Job", "batch/jobs"), own, testContext());
    assert.deepEqual(own.metadata.labels, { team: "x" }, "a Job's own labels stay");
  });

  it("Job: a podFailurePolicy means Failed; backoffLimitPerIndex means MaxInt32; manual selectors stay", () => {
    const object: Loose = {
      metadata: { name: "j", labels: {} },
      spec: {
        manualSelector: true,
        backoffLimitPerIndex: 1,
        podFailurePolicy: {
          rules: [{ action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] }],
        },
        selector: { matchLabels: { a: "b" } },
        template: { metadata: { labels: { a: "b" } }, spec: { containers: [] } },
      },
    };
    defaultOnCreate(target("batch", "Job", "batch/jobs"), object, testContext());
    const spec = object.spec;
    assert.equal(spec.podReplacementPolicy, "Failed");
    assert.equal(spec.backoffLimit, 2147483647);
    assert.deepEqual(spec.selector, { matchLabels: { a: "b" } });
    assert.deepEqual(object.metadata.labels, { a: "b" }, "the template's labels label the Job");
    assert.deepEqual(object.spec.podFailurePolicy.rules[0].onPodConditions, [
      { type: "DisruptionTarget", status: "True" },
    ]);
  });

  it("CronJob: its own defaults and PodSpec defaults, but not the Job's, in the job template", () => {
    const object: Loose = {
      metadata: { name: "c" },
      spec: { schedule: "* * * * *", jobTemplate: { spec: { template: TEMPLATE() } } },
    };
    defaultOnCreate(target("batch", "CronJob", "batch/cronjobs"), object, testContext());
    assert.deepEqual(object.spec, {
      schedule: "* * * * *",
      jobTemplate: {
        spec: { template: { metadata: { labels: { app: "a" } }, spec: DEFAULTED_POD_SPEC } },
      },
      concurrencyPolicy: "Allow",
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    });
  });

  it("ReplicationController: replicas from +default=1, selector and labels from the template", () => {
    const object: Loose = { metadata: { name: "rc" }, spec: { template: TEMPLATE() } };
    defaultOnCreate(
      target("", "ReplicationController", "replicationcontrollers"),
      object,
      testContext(),
    );
    assert.deepEqual([object.spec.replicas, object.spec.selector], [1, { app: "a" }]);
    assert.deepEqual(object.metadata, { name: "rc", labels: { app: "a" } });
  });
});
