// Rollout settings of apps/v1 workloads and the batch/v1 job fields: the causes kube-apiserver
// v1.36.3 answered for the same (defaulted) objects, in its order.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { invalidStatus, validateCreate } from "../../../src/api/validation/mod.ts";

function lines(key: string, kind: string, spec: Record<string, unknown>) {
  const object = { metadata: { name: "bad", namespace: "default" }, spec };
  const errors = validateCreate({ key, namespaced: true }, object, 36);
  return invalidStatus(kind, "bad", errors, 36).causes.map((c) =>
    `${c.reason} ${c.field}: ${c.message}`
  );
}

const template = (app: string, spec: Record<string, unknown> = {}) => ({
  metadata: { labels: { app } },
  spec: { containers: [{ name: "c", image: "nginx" }], restartPolicy: "Always", ...spec },
});

describe("apps/v1 rollout settings", () => {
  it("StatefulSet: the pod management policy and update strategy come before the replicas", () => {
    assert.deepEqual(
      lines("apps/statefulsets", "StatefulSet", {
        replicas: -1,
        podManagementPolicy: "Sometimes",
        updateStrategy: { type: "OnDelete", rollingUpdate: { partition: 1 } },
        selector: { matchLabels: { app: "other" } },
        template: template("bad"),
      }),
      [
        `FieldValueInvalid spec.podManagementPolicy: Invalid value: "Sometimes": must be 'OrderedReady' or 'Parallel'`,
        `FieldValueInvalid spec.updateStrategy.rollingUpdate: Invalid value: {"Partition":1,"MaxUnavailable":null}: only allowed for updateStrategy 'RollingUpdate'`,
        "FieldValueInvalid spec.replicas: Invalid value: -1: must be greater than or equal to 0",
        'FieldValueInvalid spec.template.metadata.labels: Invalid value: {"app":"bad"}: `selector` does not match template `labels`',
      ],
    );
  });

  it("DaemonSet: a rolling update needs maxUnavailable or maxSurge", () => {
    assert.deepEqual(
      lines("apps/daemonsets", "DaemonSet", {
        selector: { matchLabels: { app: "bad" } },
        template: template("bad", { restartPolicy: "Never" }),
        updateStrategy: {
          type: "RollingUpdate",
          rollingUpdate: { maxUnavailable: 0, maxSurge: 0 },
        },
        revisionHistoryLimit: 10,
      }),
      [
        'FieldValueNotSupported spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
        "FieldValueRequired spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
      ],
    );
  });

  it("Deployment: percentages above 100 % and both zero are refused", () => {
    assert.deepEqual(
      lines("apps/deployments", "Deployment", {
        selector: { matchLabels: { app: "d" } },
        template: template("d"),
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "0%", maxSurge: 0 } },
      }),
      [
        'FieldValueInvalid spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0',
      ],
    );
  });
});

describe("batch/v1 job fields", () => {
  it("Job: an unknown completion mode between the counts and the template", () => {
    assert.deepEqual(
      lines("batch/jobs", "Job", {
        parallelism: -1,
        backoffLimit: -2,
        completionMode: "Sometimes",
        template: { spec: { containers: [{ name: "c", image: "x" }] } },
      }),
      [
        "FieldValueInvalid spec.parallelism: Invalid value: -1: must be greater than or equal to 0",
        "FieldValueInvalid spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0",
        'FieldValueNotSupported spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"',
        'FieldValueRequired spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
      ],
    );
  });

  it("CronJob: starting deadline and concurrency policy after the schedule", () => {
    assert.deepEqual(
      lines("batch/cronjobs", "CronJob", {
        schedule: "61 * * * *",
        concurrencyPolicy: "Sometimes",
        startingDeadlineSeconds: -1,
        jobTemplate: { spec: { template: { spec: { containers: [{ name: "c", image: "x" }] } } } },
      }),
      [
        'FieldValueInvalid spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61',
        "FieldValueInvalid spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0",
        'FieldValueNotSupported spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
        'FieldValueRequired spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
      ],
    );
  });
});
