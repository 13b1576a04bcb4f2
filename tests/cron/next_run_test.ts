// When schedules fire: robfig/cron v3's TestActivation table (spec_test.go), its five-year limit
// and @every rounding, and the latest run a CronJob controller owes after missed ones.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type CronSchedule,
  latestRunDue,
  nextRun,
  parseCronSchedule,
  rfc3339In,
  timeZone,
} from "../../src/cron/mod.ts";

function parsed(spec: string): CronSchedule {
  const parse = parseCronSchedule(spec);
  if ("error" in parse) throw new Error(parse.error);
  return parse.schedule;
}

const at = (iso: string) => new Date(iso);

describe("nextRun", () => {
  it("fires as robfig/cron's activation table says", () => {
    // [time (UTC), spec, fires then]
    const table: [string, string, boolean][] = [
      ["2012-07-09T15:00:00Z", "0/15 * * * *", true],
      ["2012-07-09T15:45:00Z", "0/15 * * * *", true],
      ["2012-07-09T15:40:00Z", "0/15 * * * *", false],
      ["2012-07-09T15:05:00Z", "5/15 * * * *", true],
      ["2012-07-09T15:50:00Z", "5/15 * * * *", true],
      ["2012-07-15T15:00:00Z", "0/15 * * Jul *", true],
      ["2012-07-15T15:00:00Z", "0/15 * * Jun *", false],
      ["2012-07-15T08:30:00Z", "30 08 ? Jul Sun", true],
      ["2012-07-15T08:30:00Z", "30 08 15 Jul ?", true],
      ["2012-07-16T08:30:00Z", "30 08 ? Jul Sun", false],
      ["2012-07-16T08:30:00Z", "30 08 15 Jul ?", false],
      ["2012-07-09T15:00:00Z", "@hourly", true],
      ["2012-07-09T15:04:00Z", "@hourly", false],
      ["2012-07-09T15:00:00Z", "@daily", false],
      ["2012-07-09T00:00:00Z", "@daily", true],
      ["2012-07-09T00:00:00Z", "@weekly", false],
      ["2012-07-08T00:00:00Z", "@weekly", true],
      ["2012-07-08T01:00:00Z", "@weekly", false],
      ["2012-07-08T00:00:00Z", "@monthly", false],
      ["2012-07-01T00:00:00Z", "@monthly", true],
      // Both day fields restricted: either may match; one of them `*`: both must.
      ["2012-07-15T00:00:00Z", "* * 1,15 * Sun", true],
      ["2012-06-15T00:00:00Z", "* * 1,15 * Sun", true],
      ["2012-08-01T00:00:00Z", "* * 1,15 * Sun", true],
      ["2012-07-15T00:00:00Z", "* * */10 * Sun", true],
      ["2012-07-15T00:00:00Z", "* * * * Mon", false],
      ["2012-07-09T00:00:00Z", "* * 1,15 * *", false],
      ["2012-07-15T00:00:00Z", "* * 1,15 * *", true],
      ["2012-07-15T00:00:00Z", "* * */2 * Sun", true],
    ];
    for (const [time, spec, fires] of table) {
      const expected = at(time);
      const actual = nextRun(parsed(spec), new Date(expected.getTime() - 1000));
      assert.equal(
        actual?.getTime() === expected.getTime(),
        fires,
        `${spec} at ${time}: ${actual}`,
      );
    }
  });

  it("finds runs strictly after the moment, across months, years and leap days", () => {
    const cases: [string, string, string][] = [
      ["*/5 * * * *", "2026-01-02T03:04:06Z", "2026-01-02T03:05:00.000Z"],
      ["*/5 * * * *", "2026-01-02T03:05:00Z", "2026-01-02T03:10:00.000Z"],
      ["0 9 * * 1-5", "2026-01-03T10:00:00Z", "2026-01-05T09:00:00.000Z"],
      ["0 0 1 jan *", "2026-12-31T23:59:30Z", "2027-01-01T00:00:00.000Z"],
      ["0 0 29 2 *", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00.000Z"],
      ["59 23 31 12 *", "2026-06-01T00:00:00Z", "2026-12-31T23:59:00.000Z"],
    ];
    for (const [spec, after, expected] of cases) {
      assert.equal(nextRun(parsed(spec), at(after))?.toISOString(), expected, spec);
    }
  });

  it("gives up after five years, as robfig/cron does", () => {
    assert.equal(nextRun(parsed("0 0 30 2 *"), at("2026-01-01T00:00:00Z")), undefined);
    assert.equal(nextRun(parsed("* * * * *"), new Date(Number.NaN)), undefined);
  });

  it("@every runs a whole number of seconds (at least one) after the moment's second", () => {
    const after = at("2026-01-01T00:00:00.750Z");
    assert.equal(
      nextRun(parsed("@every 1m30.9s"), after)?.toISOString(),
      "2026-01-01T00:01:30.000Z",
    );
    assert.equal(nextRun(parsed("@every 10ms"), after)?.toISOString(), "2026-01-01T00:00:01.000Z");
  });
});

describe("latestRunDue", () => {
  it("is the latest run in (last, now], or none", () => {
    const hourly = parsed("@hourly");
    const last = at("2026-01-01T00:00:00Z");
    assert.equal(latestRunDue(hourly, last, at("2026-01-01T00:59:59Z")), undefined);
    assert.equal(
      latestRunDue(hourly, last, at("2026-01-01T01:00:00Z"))?.toISOString(),
      "2026-01-01T01:00:00.000Z",
    );
    assert.equal(
      latestRunDue(hourly, last, at("2026-01-01T05:30:00Z"))?.toISOString(),
      "2026-01-01T05:00:00.000Z",
    );
  });

  it("skips years of missed minutely runs without walking each one", () => {
    const started = performance.now();
    const due = latestRunDue(
      parsed("* * * * *"),
      at("2016-01-01T00:00:00Z"),
      at("2026-01-01T12:34:56Z"),
    );
    assert.equal(due?.toISOString(), "2026-01-01T12:34:00.000Z");
    // Walking the 5.3 million missed minutes would take seconds.
    assert.ok(performance.now() - started < 1000);
  });
});

describe("nextRun in a time zone (spec.timeZone)", () => {
  it("follows robfig/cron's daylight saving cases of spec_test.go in America/New_York", () => {
    const ny = timeZone("America/New_York")!;
    const cases: [string, string, string][] = [
      // 02:30 never happens on 2012-03-11 (EST -> EDT): the next is a year on.
      ["2012-03-11T00:00:00-05:00", "30 2 11 3 *", "2013-03-11T02:30:00-04:00"],
      // EDT -> EST: 02:30 after the change; the repeated 01:30 runs in its second, EST, pass.
      ["2012-11-04T00:00:00-04:00", "30 2 4 11 *", "2012-11-04T02:30:00-05:00"],
      ["2012-11-04T01:45:00-04:00", "30 1 4 11 *", "2012-11-04T01:30:00-05:00"],
      ["2026-01-01T00:00:00Z", "0 9 * * 1", "2026-01-05T09:00:00-05:00"],
    ];
    for (const [from, spec, expected] of cases) {
      assert.equal(nextRun(parsed(spec), at(from), ny)?.getTime(), at(expected).getTime(), spec);
    }
  });

  it("reads the fields on the zone's wall clock, half-hour offsets included", () => {
    const kolkata = timeZone("Asia/Kolkata")!;
    const run = nextRun(parsed("*/15 * * * *"), at("2026-01-01T00:07:00Z"), kolkata);
    assert.equal(run?.toISOString(), "2026-01-01T00:15:00.000Z");
    const berlin = timeZone("Europe/Berlin")!;
    assert.equal(
      latestRunDue(
        parsed("30 2 * * *"),
        at("2026-01-01T00:00:00Z"),
        at("2026-01-02T12:00:00Z"),
        berlin,
      )
        ?.toISOString(),
      "2026-01-02T01:30:00.000Z",
    );
  });

  it("knows the zones Go's LoadLocation knows, and writes RFC 3339 in them", () => {
    assert.equal(timeZone("Nope/Nowhere"), undefined);
    assert.equal(timeZone("")?.name, "");
    const ms = at("2026-07-01T10:00:00Z").getTime();
    assert.equal(rfc3339In(ms, timeZone("Europe/Berlin")!), "2026-07-01T12:00:00+02:00");
    assert.equal(rfc3339In(ms, timeZone("America/St_Johns")!), "2026-07-01T07:30:00-02:30");
    assert.equal(rfc3339In(ms, timeZone("")!), "2026-07-01T10:00:00Z");
  });
});
