// When a parsed schedule fires, as robfig/cron's SpecSchedule.Next and ConstantDelaySchedule.Next
// compute it, in UTC or a CronJob's `spec.timeZone`: the next time after a moment, and the latest
// time due by now.

import type { CronSchedule, FieldSchedule } from "./schedule.ts";
import { type TimeZone, wallTime, wallToInstant } from "./time_zone.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** robfig/cron gives up five years ahead (a schedule like `0 0 30 2 *` never fires). */
const YEARS_AHEAD = 5;
/** Missed runs older than this many gaps are skipped without walking (only the latest one counts). */
const MISSED_RUNS_WALKED = 100;

/**
 * The first time strictly after `after` the schedule fires, or undefined within five years; its
 * fields read in `zone` when given (a zone other than UTC), else in UTC.
 */
export function nextRun(schedule: CronSchedule, after: Date, zone?: TimeZone): Date | undefined {
  const ms = after.getTime();
  if (!Number.isFinite(ms)) return undefined;
  if (schedule.kind === "every") return new Date(ms - mod(ms, 1000) + schedule.delayMs);
  const start = ms - mod(ms, MINUTE) + MINUTE;
  const next = zone ? nextZonedTime(schedule, start, zone) : nextFieldTime(schedule, start);
  return next === undefined ? undefined : new Date(next);
}

/** The latest time in (`last`, `now`] the schedule fired, if any (the run a controller owes). */
export function latestRunDue(
  schedule: CronSchedule,
  last: Date,
  now: Date,
  zone?: TimeZone,
): Date | undefined {
  const first = nextRun(schedule, last, zone);
  if (!first || first > now) return undefined;
  const second = nextRun(schedule, first, zone);
  if (!second || second > now) return first;
  // Many runs were missed: only the latest matters, so start near `now` instead of walking all.
  const gap = second.getTime() - first.getTime();
  let due = first;
  const from = new Date(Math.max(first.getTime(), now.getTime() - MISSED_RUNS_WALKED * gap));
  for (let t = nextRun(schedule, from, zone); t && t <= now; t = nextRun(schedule, t, zone)) {
    due = t;
  }
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

// SpecSchedule.Next in a zone, step for step: the fields are the zone's wall clock; months and
// days move by wall-clock dates (time.Date), hours and minutes by elapsed time; a day step that a
// transition leaves off midnight is pulled back to it, as robfig/cron does.
function nextZonedTime(s: FieldSchedule, start: number, zone: TimeZone): number | undefined {
  let t = start;
  let w = wallTime(t, zone);
  const yearLimit = w.year + YEARS_AHEAD;
  let added = false;
  const date = (year: number, month: number, day: number, hour: number, minute: number) => {
    t = wallToInstant(year, month, day, hour, minute, zone);
    w = wallTime(t, zone);
  };
  const step = (ms: number) => {
    t += ms;
    w = wallTime(t, zone);
  };
  wrap: for (;;) {
    if (w.year > yearLimit) return undefined;
    while (!has(s.months, w.month)) {
      if (!added) {
        added = true;
        date(w.year, w.month, 1, 0, 0);
      }
      date(w.year, w.month + 1, w.day, w.hour, w.minute);
      if (w.month === 1) continue wrap;
    }
    while (!dayMatchesWall(s, w.day, w.weekday)) {
      if (!added) {
        added = true;
        date(w.year, w.month, w.day, 0, 0);
      }
      date(w.year, w.month, w.day + 1, w.hour, w.minute);
      if (w.hour !== 0) step((w.hour > 12 ? 24 - w.hour : -w.hour) * HOUR);
      if (w.day === 1) continue wrap;
    }
    while (!has(s.hours, w.hour)) {
      if (!added) {
        added = true;
        date(w.year, w.month, w.day, w.hour, 0);
      }
      step(HOUR);
      if (w.hour === 0) continue wrap;
    }
    while (!has(s.minutes, w.minute)) {
      if (!added) {
        added = true;
        step(-mod(t, MINUTE));
      }
      step(MINUTE);
      if (w.minute === 0) continue wrap;
    }
    return t;
  }
}

function dayMatchesWall(s: FieldSchedule, day: number, weekday: number): boolean {
  const dayOfMonth = has(s.daysOfMonth, day);
  const week = has(s.weekdays, weekday);
  return s.dayStar ? dayOfMonth && week : dayOfMonth || week;
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
