// The CronJob controller of one fake cluster.

export { CronJobController } from "./cronjob_controller.ts";
export { type CronSchedule, nextRun, parseCron } from "./cron_schedule.ts";
