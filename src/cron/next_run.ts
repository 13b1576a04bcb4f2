// When a parsed schedule fires, as robfig/cron's SpecSchedule.Next and ConstantDelaySchedule.Next
// compute it, in UTC: the next time after a moment, and the latest time due by now.

import type { CronSchedule, FieldSchedule } from "./schedule.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** robfig/cron gives up five years ahead (a schedule like `0 0 30 2 *` never fires). */
const YEARS_AHEAD = 5;
/** Missed runs older than this many gaps are skipped without walking (only the latest one counts). */
const MISSED_RUNS_WALKED = 100;

/** The first time strictly after `after` the schedule fires, or undefined within five years. */
export function nextRun(schedule: CronSchedule, after: Date): Date | undefined {
  const ms = after.getTime();
  if (!Number.isFinite(ms)) return undefined;
  if (schedule.kind === "every") return new Date(ms - mod(ms, 1000) + schedule.delayMs);
  const next = nextFieldTime(schedule, ms - mod(ms, MINUTE) + MINUTE);
  return next === undefined ? undefined : new Date(next);
}

/** The latest time in (`last`, `now`] the schedule fired, if any (the run a controller owes). */
export function latestRunDue(schedule: CronSchedule, last: Date, now: Date): Date | undefined {
  const first = nextRun(schedule, last);
  if (!first || first > now) return undefined;
  const second = nextRun(schedule, first);
  if (!second || second > now) return first;
  // Many runs were missed: only the latest matters, so start near `now` instead of walking all.
  const gap = second.getTime() - first.getTime();
  let due = first;
  const from = new Date(Math.max(first.getTime(), now.getTime() - MISSED_RUNS_WALKED * gap));
  for (let t = nextRun(schedule, from); t && t <= now; t = nextRun(schedule, t)) due = t;
  return due;
}

// SpecSchedule.Next from a whole minute: move the first field that does not match to its next
// allowed value (zeroing the fields below it once), wrapping to the larger fields.
function nextFieldTime(s: FieldSchedule, start: number): number | undefined {
  let t = new Date(start);
  const yearLimit = t.getUTCFullYear() + YEARS_AHEAD;
  let truncated = false;
  wrap: for (;;) {
    if (t.getUTCFullYear() > yearLimit) return undefined;
    while (!has(s.months, t.getUTCMonth() + 1)) {
      if (!truncated) [truncated, t] = [true, utc(t.getUTCFullYear(), t.getUTCMonth(), 1)];
      t = utc(t.getUTCFullYear(), t.getUTCMonth() + 1, 1);
      if (t.getUTCMonth() === 0) continue wrap;
    }
    while (!dayMatches(s, t)) {
      if (!truncated) {
        [truncated, t] = [true, utc(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate())];
      }
      t = utc(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1);
      if (t.getUTCDate() === 1) continue wrap;
    }
    while (!has(s.hours, t.getUTCHours())) {
      if (!truncated) [truncated, t] = [true, new Date(t.getTime() - mod(t.getTime(), HOUR))];
      t = new Date(t.getTime() + HOUR);
      if (t.getUTCHours() === 0) continue wrap;
    }
    while (!has(s.minutes, t.getUTCMinutes())) {
      truncated = true;
      t = new Date(t.getTime() + MINUTE);
      if (t.getUTCMinutes() === 0) continue wrap;
    }
    return t.getTime();
  }
}

// Day of month and day of week: both must match when either was `*`, else either may.
function dayMatches(s: FieldSchedule, t: Date): boolean {
  const dayOfMonth = has(s.daysOfMonth, t.getUTCDate());
  const weekday = has(s.weekdays, t.getUTCDay());
  return s.dayStar ? dayOfMonth && weekday : dayOfMonth || weekday;
}

const has = (bits: bigint, value: number) => (bits & (1n << BigInt(value))) !== 0n;
const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month, day));
const mod = (value: number, by: number) => ((value % by) + by) % by;
