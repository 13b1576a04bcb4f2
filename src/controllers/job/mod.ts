// The Job controller of one fake cluster.

export { JobController } from "./job_controller.ts";
export { jobStatus } from "./job_status.ts";
