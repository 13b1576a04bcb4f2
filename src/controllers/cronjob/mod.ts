// The CronJob controller of one fake cluster.

export { CronJobController } from "./cronjob_controller.ts";
