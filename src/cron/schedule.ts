// A CronJob schedule parsed as robfig/cron v3's ParseStandard parses it (the parser kube-apiserver
// validates with and the CronJob controller schedules with): five fields with month and weekday
// names, `@hourly`-style descriptors, `@every <duration>` and a `TZ=`/`CRON_TZ=` prefix, or the
// parser's error text, word for word.

import { goDurationNanoseconds, goQuote } from "../encoding/mod.ts";

/** The minutes, hours, days of month, months and weekdays a schedule fires on. */
export interface FieldSchedule {
  readonly kind: "fields";
  /** One bit per allowed value of each field, in the order of `FIELD_BOUNDS`. */
  readonly minutes: bigint;
  readonly hours: bigint;
  readonly daysOfMonth: bigint;
  readonly months: bigint;
  readonly weekdays: bigint;
  /** Either day field was `*` or `?`: then both must match, otherwise either may (cron's rule). */
  readonly dayStar: boolean;
}

/** `@every <duration>`: fires each `delayMs` after the previous run (whole seconds, at least 1). */
export interface EverySchedule {
  readonly kind: "every";
  readonly delayMs: number;
}

/** A parsed schedule. */
export type CronSchedule = FieldSchedule | EverySchedule;

/** The parse of a schedule: the schedule, or robfig/cron's error text. */
export type CronParse = { schedule: CronSchedule } | { error: string };

type Bounds = readonly [min: number, max: number, names?: Readonly<Record<string, number>>];

// minute, hour, day of month, month, day of week (robfig/cron spec.go bounds).
const FIELD_BOUNDS: readonly Bounds[] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12, {
    jan: 1,
    feb: 2,
    mar: 3,
    apr: 4,
    may: 5,
    jun: 6,
    jul: 7,
    aug: 8,
    sep: 9,
    oct: 10,
    nov: 11,
    dec: 12,
  }],
  [0, 6, { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 }],
];
const DESCRIPTORS: Readonly<Record<string, string>> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};
const EVERY = "@every ";
// robfig/cron's marker for a field written `*` or `?` (the top bit of its uint64).
const STAR = 1n << 63n;
const INT64_MAX = (1n << 63n) - 1n;

/** Parses `schedule` as robfig/cron's ParseStandard does. */
export function parseCronSchedule(schedule: string): CronParse {
  if (schedule.length === 0) return { error: "empty spec string" };
  let spec = schedule;
  if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
    const space = spec.indexOf(" ");
    // spec[eq+1:i] with no space: ParseCronScheduleWithPanicRecovery reports the panic.
    if (space === -1) {
      return { error: "invalid schedule format: runtime error: slice bounds out of range [:-1]" };
    }
    spec = spec.slice(space).trim();
  }
  if (spec.startsWith("@")) return parseDescriptor(spec);
  const fields = spec.split(/[ \t\n\v\f\r]+/).filter((f) => f !== "");
  if (fields.length !== 5) {
    return { error: `expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]` };
  }
  const bits: bigint[] = [];
  for (const [i, field] of fields.entries()) {
    let fieldBits = 0n;
    for (const expr of field.split(",").filter((e) => e !== "")) {
      const range = rangeBits(expr, FIELD_BOUNDS[i]);
      if (typeof range === "string") return { error: range };
      fieldBits |= range;
    }
    bits.push(fieldBits);
  }
  const [minutes, hours, daysOfMonth, months, weekdays] = bits;
  return {
    schedule: {
      kind: "fields",
      minutes,
      hours,
      daysOfMonth,
      months,
      weekdays,
      dayStar: (daysOfMonth & STAR) !== 0n || (weekdays & STAR) !== 0n,
    },
  };
}

function parseDescriptor(spec: string): CronParse {
  const fields = DESCRIPTORS[spec];
  if (fields) return parseCronSchedule(fields);
  if (spec.startsWith(EVERY)) {
    const duration = goDurationNanoseconds(spec.slice(EVERY.length));
    if (typeof duration === "string") {
      return { error: `failed to parse duration ${spec}: ${duration}` };
    }
    // cron.Every: at least a second, truncated to whole seconds.
    const seconds = Math.max(1, Math.floor(Number(duration / 1_000_000_000n)));
    return { schedule: { kind: "every", delayMs: seconds * 1000 } };
  }
  return { error: `unrecognized descriptor: ${spec}` };
}

// getRange: `*`, `?`, N, N-M, each with an optional /step; the bits it sets, or its error.
function rangeBits(expr: string, [min, max, names]: Bounds): bigint | string {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = rangeAndStep[0].split("-");
  let start: number, end: number, star = false;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    [start, end, star] = [min, max, true];
  } else {
    const low = intOrName(lowAndHigh[0], names);
    if (typeof low === "string") return low;
    start = end = low;
    if (lowAndHigh.length === 2) {
      const high = intOrName(lowAndHigh[1], names);
      if (typeof high === "string") return high;
      end = high;
    } else if (lowAndHigh.length > 2) return `too many hyphens: ${expr}`;
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const parsed = mustParseInt(rangeAndStep[1]);
    if (typeof parsed === "string") return parsed;
    step = parsed;
    // "N/step" means "N-max/step"; a step over 1 is no longer "every value".
    if (lowAndHigh.length === 1) end = max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (start < min) return `beginning of range (${start}) below minimum (${min}): ${expr}`;
  if (end > max) return `end of range (${end}) above maximum (${max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  let bits = star ? STAR : 0n;
  for (let v = start; v <= end; v += step) bits |= 1n << BigInt(v);
  return bits;
}

function intOrName(expr: string, names?: Readonly<Record<string, number>>): number | string {
  const named = names?.[expr.toLowerCase()];
  return named ?? mustParseInt(expr);
}

// mustParseInt: strconv.Atoi's errors, then no negatives.
function mustParseInt(expr: string): number | string {
  const quoted = goQuote(expr);
  if (!/^[+-]?\d+$/.test(expr)) {
    return `failed to parse int from ${expr}: strconv.Atoi: parsing ${quoted}: invalid syntax`;
  }
  const big = BigInt(expr);
  if (big > INT64_MAX || big < -INT64_MAX - 1n) {
    return `failed to parse int from ${expr}: strconv.Atoi: parsing ${quoted}: value out of range`;
  }
  if (big < 0n) return `negative number (${big}) not allowed: ${expr}`;
  return Number(big);
}
