// Wall-clock time in an IANA time zone, as Go's time package computes it for robfig/cron: the
// fields of an instant in the zone (`Time.In`), and the instant of wall-clock fields (`time.Date`,
// which normalizes overflowing fields and picks an offset across a transition as Go does).
// The zone database is the runtime's (Intl), where kube-controller-manager loads the system's or
// Go's embedded one.

/** A time zone whose offsets are known. */
export interface TimeZone {
  readonly name: string;
  readonly format: Intl.DateTimeFormat;
}

/** Wall-clock fields: month 1–12, weekday 0 (Sunday)–6. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number;
}

const zones = new Map<string, TimeZone | undefined>();
const MAX_ZONES = 1_024;

/** The zone `name` names (`time.LoadLocation`; "" is UTC), or undefined when none does. */
export function timeZone(name: string): TimeZone | undefined {
  if (zones.has(name)) return zones.get(name);
  let zone: TimeZone | undefined;
  try {
    const format = new Intl.DateTimeFormat("en-US", {
      timeZone: name === "" ? "UTC" : name,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    zone = { name, format };
  } catch {
    zone = undefined;
  }
  if (zones.size >= MAX_ZONES) zones.clear();
  zones.set(name, zone);
  return zone;
}

/**
 * Whether `time.LoadLocation(name)` finds the zone: Intl knows it, and not only by another case
 * (Go reads zone files by their exact name; an alias such as `US/Eastern` is a name of its own).
 */
export function knownTimeZone(name: string): boolean {
  const zone = timeZone(name);
  if (!zone) return false;
  const resolved = zone.format.resolvedOptions().timeZone;
  return resolved === name || name === "" || resolved.toLowerCase() !== name.toLowerCase();
}

const WEEKDAYS: Readonly<Record<string, number>> = {
  Sun: 0,
  Mon: 1,
  Tue: 2,
  Wed: 3,
  Thu: 4,
  Fri: 5,
  Sat: 6,
};

/** The wall-clock fields of the instant `ms` in `zone`. */
export function wallTime(ms: number, zone: TimeZone): WallTime {
  const fields: Record<string, string> = {};
  for (const part of zone.format.formatToParts(new Date(ms))) fields[part.type] = part.value;
  return {
    year: Number(fields.year),
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
    weekday: WEEKDAYS[fields.weekday] ?? 0,
  };
}

/** The zone's offset from UTC at the instant `ms`, in ms (whole seconds). */
export function offsetAt(ms: number, zone: TimeZone): number {
  const wall = wallTime(ms, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * `time.Date(year, month, day, hour, minute, 0, 0, zone)`: overflowing fields carry into the next
 * (month 13 is January of the next year); across a transition (a skipped or repeated wall time)
 * the offset is Go's: the one in force at the wall time read as UTC, unless the instant it gives
 * lies in another period, whose offset then decides.
 */
export function wallToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  zone: TimeZone,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, 0);
  let offset = offsetAt(wall, zone);
  const guess = wall - offset;
  // Go: when the instant found lies outside the offset's period, the offset at it decides.
  const at = offsetAt(guess, zone);
  if (at !== offset) offset = at;
  return wall - offset;
}

/** `Time.In(zone).Format(time.RFC3339)` of a whole-second instant: `Z` when the offset is zero. */
export function rfc3339In(ms: number, zone: TimeZone): string {
  const w = wallTime(ms, zone);
  const offset = Math.round(offsetAt(ms, zone) / 60_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const suffix = offset === 0
    ? "Z"
    : `${offset < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(offset) / 60))}:${
      pad(Math.abs(offset) % 60)
    }`;
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${
    pad(w.second)
  }${suffix}`;
}
