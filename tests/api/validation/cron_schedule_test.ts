// A CronJob's schedule: robfig/cron v3's ParseStandard errors, word for word, as kube-apiserver
// reports them (ValidateCronJobSpec; "expected exactly 5 fields" seen from v1.36.3 by scripts/oracle).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cronScheduleError } from "../../../src/api/validation/cron_schedule.ts";
import { kubeFixture } from "../../kube/kube_fixture.ts";

describe("cronScheduleError", () => {
  it("accepts what ParseStandard accepts", () => {
    for (
      const schedule of [
        "*/5 * * * *",
        "0 9-17 * * 1-5",
        "0 0 1 jan,JUL *",
        "30 2 * * sun",
        "5/15 * ? * *",
        "@hourly",
        "@every 1h30m",
        "CRON_TZ=UTC 0 * * * *",
      ]
    ) assert.equal(cronScheduleError(schedule), undefined, schedule);
  });

  it("words each refusal as robfig/cron does", () => {
    const cases: [string, string][] = [
      ["nope", "expected exactly 5 fields, found 1: [nope]"],
      ["* * * *  * *", "expected exactly 5 fields, found 6: [* * * * * *]"],
      ["60 * * * *", "end of range (60) above maximum (59): 60"],
      ["* * 0 * *", "beginning of range (0) below minimum (1): 0"],
      ["* * * * 7", "end of range (7) above maximum (6): 7"],
      ["5-3 * * * *", "beginning of range (5) beyond end of range (3): 5-3"],
      ["*/0 * * * *", "step of range should be a positive number: */0"],
      ["1-2-3 * * * *", "too many hyphens: 1-2-3"],
      ["*/2/3 * * * *", "too many slashes: */2/3"],
      ["x * * * *", 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
      ["* * * foo *", 'failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax'],
      ["@daily2", "unrecognized descriptor: @daily2"],
      ["@every 5", 'failed to parse duration @every 5: time: missing unit in duration "5"'],
    ];
    for (const [schedule, message] of cases) {
      assert.equal(cronScheduleError(schedule), message, schedule);
    }
  });

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
});
