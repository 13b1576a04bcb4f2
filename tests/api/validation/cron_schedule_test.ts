// A CronJob's schedule as kube-apiserver refuses it (ValidateCronJobSpec; "expected exactly 5
// fields" seen from v1.36.3 by scripts/oracle).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "../../kube/kube_fixture.ts";

describe("CronJob schedule validation", () => {
  it("a CronJob with a bad schedule, or TZ in it, is refused with kube-apiserver's 422", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const cronJob = (name: string, schedule: string) => ({
      metadata: { name },
      spec: {
        schedule,
        jobTemplate: {
          spec: {
            template: {
              spec: { restartPolicy: "OnFailure", containers: [{ name: "c", image: "x" }] },
            },
          },
        },
      },
    });
    const path = "/apis/batch/v1/namespaces/default/cronjobs";
    const bad = await call("POST", path, cronJob("cj2", "nope"));
    assert.equal(bad.status, 422);
    assert.equal(
      bad.json.message,
      'CronJob.batch "cj2" is invalid: spec.schedule: Invalid value: "nope": expected exactly 5 fields, found 1: [nope]',
    );
    const tz = await call("POST", path, cronJob("tz", "TZ=UTC 0 * * * *"));
    assert.equal(tz.status, 422);
    assert.match(
      tz.json.message,
      /cannot use TZ or CRON_TZ in schedule, use timeZone field instead/,
    );
    assert.equal((await call("POST", path, cronJob("ok", "*/5 * * * *"))).status, 201);
  });

  it("a timeZone Go's LoadLocation does not find, or Local, is refused with kube-apiserver's 422", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const cronJob = (timeZone: string) => ({
      metadata: { name: "cj" },
      spec: {
        schedule: "0 5 * * *",
        timeZone,
        jobTemplate: {
          spec: {
            template: {
              spec: { restartPolicy: "OnFailure", containers: [{ name: "c", image: "x" }] },
            },
          },
        },
      },
    });
    const path = "/apis/batch/v1/namespaces/default/cronjobs?dryRun=All";
    // kube-apiserver v1.36.3's answers (scripts/oracle).
    for (
      const [zone, detail] of [
        ["Nope/Nowhere", "unknown time zone Nope/Nowhere"],
        ["europe/berlin", "unknown time zone europe/berlin"],
        [" Europe/Berlin", "unknown time zone  Europe/Berlin"],
        [
          "Local",
          "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
        ],
      ]
    ) {
      const { status, json } = await call("POST", path, cronJob(zone));
      assert.equal(status, 422, zone);
      const message = `Invalid value: ${JSON.stringify(zone)}: ${detail}`;
      assert.equal(json.message, `CronJob.batch "cj" is invalid: spec.timeZone: ${message}`);
      assert.deepEqual(json.details.causes, [
        { reason: "FieldValueInvalid", message, field: "spec.timeZone" },
      ]);
    }
    for (const zone of ["Europe/Berlin", "EST5EDT", "UTC", "America/Argentina/Buenos_Aires"]) {
      assert.equal((await call("POST", path, cronJob(zone))).status, 201, zone);
    }
  });
});
