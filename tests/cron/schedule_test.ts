// Cron schedules: robfig/cron v3's ParseStandard errors, word for word, as kube-apiserver
// reports them (ValidateCronJobSpec; "expected exactly 5 fields" seen from v1.36.3 by scripts/oracle).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCronSchedule } from "../../src/cron/mod.ts";

const cronScheduleError = (schedule: string) => {
  const parse = parseCronSchedule(schedule);
  return "error" in parse ? parse.error : undefined;
};

describe("parseCronSchedule", () => {
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
        "@every -0", // a bare 0, signed or not, needs no unit
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
      ["@every 5d", 'failed to parse duration @every 5d: time: unknown unit "d" in duration "5d"'],
      // "-1" is the range "" to "1"; only a step can be negative.
      ["-1 * * * *", 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax'],
      ["*/-1 * * * *", "negative number (-1) not allowed: -1"],
      [
        "99999999999999999999 * * * *",
        'failed to parse int from 99999999999999999999: strconv.Atoi: parsing "99999999999999999999": value out of range',
      ],
      ["TZ=UTC", "invalid schedule format: runtime error: slice bounds out of range [:-1]"],
      ["", "empty spec string"],
      // strconv.Quote's escapes for control bytes, as kube-apiserver prints them.
      [
        "x\u0001 * * * *",
        'failed to parse int from x\u0001: strconv.Atoi: parsing "x\\x01": invalid syntax',
      ],
    ];
    for (const [schedule, message] of cases) {
      assert.equal(cronScheduleError(schedule), message, schedule);
    }
  });
});
