// A CronJob's schedule as kube-apiserver checks it: robfig/cron v3's ParseStandard (five fields,
// month and weekday names, `@hourly`-style descriptors and `@every <duration>`), with its error
// texts, which ValidateCronJobSpec reports as `spec.schedule: Invalid value`.

import { goQuote } from "./field_error.ts";

// minute, hour, day of month, month, day of week (robfig/cron spec.go bounds).
const BOUNDS: readonly [min: number, max: number, names?: Readonly<Record<string, number>>][] = [
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
const DESCRIPTORS = new Set([
  "@yearly",
  "@annually",
  "@monthly",
  "@weekly",
  "@daily",
  "@midnight",
  "@hourly",
]);
const DURATION_UNITS = new Set(["ns", "us", "µs", "μs", "ms", "s", "m", "h"]);

/** robfig/cron's error for `schedule`, or undefined when it parses. */
export function cronScheduleError(schedule: string): string | undefined {
  if (schedule.length === 0) return "empty spec string";
  let spec = schedule;
  if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
    const space = spec.indexOf(" ");
    // spec[eq+1:i] with no space: ParseCronScheduleWithPanicRecovery reports the panic.
    if (space === -1) {
      return "invalid schedule format: runtime error: slice bounds out of range [:-1]";
    }
    spec = spec.slice(space).trim();
  }
  if (spec.startsWith("@")) return descriptorError(spec);
  const fields = spec.split(/[ \t\n\v\f\r]+/).filter((f) => f !== "");
  if (fields.length !== 5) {
    return `expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`;
  }
  for (const [i, field] of fields.entries()) {
    for (const expr of field.split(",").filter((e) => e !== "")) {
      const error = rangeError(expr, BOUNDS[i]);
      if (error) return error;
    }
  }
  return undefined;
}

function descriptorError(spec: string): string | undefined {
  if (DESCRIPTORS.has(spec)) return undefined;
  const every = "@every ";
  if (spec.startsWith(every)) {
    const error = durationError(spec.slice(every.length));
    return error && `failed to parse duration ${spec}: ${error}`;
  }
  return `unrecognized descriptor: ${spec}`;
}

// getRange: `*`, `?`, N, N-M, each with an optional /step.
function rangeError(expr: string, [min, max, names]: (typeof BOUNDS)[number]): string | undefined {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = rangeAndStep[0].split("-");
  let start: number, end: number;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    [start, end] = [min, max];
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
    if (lowAndHigh.length === 1) end = max;
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (start < min) return `beginning of range (${start}) below minimum (${min}): ${expr}`;
  if (end > max) return `end of range (${end}) above maximum (${max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  return undefined;
}

function intOrName(expr: string, names?: Readonly<Record<string, number>>): number | string {
  const named = names?.[expr.toLowerCase()];
  return named ?? mustParseInt(expr);
}

// mustParseInt: strconv.Atoi's errors, then no negatives.
function mustParseInt(expr: string): number | string {
  if (!/^[+-]?\d+$/.test(expr)) {
    return `failed to parse int from ${expr}: strconv.Atoi: parsing ${
      goQuote(expr)
    }: invalid syntax`;
  }
  const value = Number(expr);
  if (!Number.isSafeInteger(value) || Math.abs(value) > 2 ** 63 - 1) {
    return `failed to parse int from ${expr}: strconv.Atoi: parsing ${
      goQuote(expr)
    }: value out of range`;
  }
  if (value < 0) return `negative number (${value}) not allowed: ${expr}`;
  return value;
}

// time.ParseDuration's errors, for the shapes clients write (`5m`, `1h30m`, `1.5h`).
function durationError(text: string): string | undefined {
  const quoted = goQuote(text);
  if (text === "0") return undefined;
  const body = text.replace(/^[+-]/, "");
  if (body === "") return `time: invalid duration ${quoted}`;
  const units = /(\d+\.?\d*|\.\d+)([^\d.]*)/gy;
  let at = 0;
  for (let match = units.exec(body); match; match = units.exec(body)) {
    const unit = match[2];
    if (unit === "") return `time: missing unit in duration ${quoted}`;
    if (!DURATION_UNITS.has(unit)) {
      return `time: unknown unit ${goQuote(unit)} in duration ${quoted}`;
    }
    at = units.lastIndex;
  }
  return at === body.length ? undefined : `time: invalid duration ${quoted}`;
}
