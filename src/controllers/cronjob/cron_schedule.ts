// Standard five-field cron schedules (and @hourly-style macros), evaluated in UTC.

const MACROS: Readonly<Record<string, string>> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};
// minute, hour, day of month, month, day of week (robfig/cron's standard parser, as CronJob uses).
const RANGES: readonly [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 6]];
const MINUTE = 60_000;
/** How far ahead a next run is searched (a schedule like `0 0 30 2 *` never fires). */
const HORIZON_MINUTES = 366 * 24 * 60 * 5;

/** A parsed schedule: the allowed values of each field. */
export interface CronSchedule {
  readonly fields: readonly ReadonlySet<number>[];
  /** Whether day of month and day of week were both restricted (then either may match). */
  readonly eitherDay: boolean;
}

/** Parses `*\/5 * * * *`, `0 9-17 * * 1-5`, `@hourly`; undefined when invalid. */
export function parseCron(text: string): CronSchedule | undefined {
  const source = MACROS[text.trim()] ?? text.trim();
  const parts = source.split(/\s+/);
  if (parts.length !== 5) return undefined;
  const fields: Set<number>[] = [];
  for (const [i, part] of parts.entries()) {
    const values = parseField(part, RANGES[i][0], RANGES[i][1]);
    if (!values) return undefined;
    if (i === 4 && values.has(7)) values.add(0);
    fields.push(values);
  }
  return { fields, eitherDay: parts[2] !== "*" && parts[4] !== "*" };
}

function parseField(part: string, min: number, max: number): Set<number> | undefined {
  const values = new Set<number>();
  for (const item of part.split(",")) {
    const [range, stepText] = item.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return undefined;
    let low = min, high = max;
    if (range !== "*" && range !== "?") {
      const [a, b] = range.split("-");
      low = Number(a);
      high = b === undefined ? (stepText === undefined ? low : max) : Number(b);
    }
    const top = max === 6 ? 7 : max;
    if (
      !Number.isInteger(low) || !Number.isInteger(high) || low < min || high > top || low > high
    ) {
      return undefined;
    }
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return values;
}

/** The first run strictly after `after` (whole minutes, UTC), or undefined within the horizon. */
export function nextRun(schedule: CronSchedule, after: Date): Date | undefined {
  let t = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE;
  for (let i = 0; i < HORIZON_MINUTES; i++, t += MINUTE) {
    if (matches(schedule, new Date(t))) return new Date(t);
  }
  return undefined;
}

function matches(schedule: CronSchedule, d: Date): boolean {
  const [minutes, hours, days, months, weekdays] = schedule.fields;
  if (!minutes.has(d.getUTCMinutes()) || !hours.has(d.getUTCHours())) return false;
  if (!months.has(d.getUTCMonth() + 1)) return false;
  const day = days.has(d.getUTCDate());
  const weekday = weekdays.has(d.getUTCDay());
  return schedule.eitherDay ? day || weekday : day && weekday;
}
