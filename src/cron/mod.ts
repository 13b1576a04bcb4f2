// Cron schedules as Kubernetes reads them (robfig/cron v3): parsing with its errors, and firing times.

export type { CronParse, CronSchedule, EverySchedule, FieldSchedule } from "./schedule.ts";
export { parseCronSchedule } from "./schedule.ts";
export { latestRunDue, nextRun } from "./next_run.ts";
export { knownTimeZone, rfc3339In, type TimeZone, timeZone, wallTime } from "./time_zone.ts";
