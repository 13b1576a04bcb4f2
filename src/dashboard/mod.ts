// Public face of src/dashboard: the web dashboard served on the control port at /ui.
export { createDashboardApp, type DashboardOptions } from "./dashboard_app.ts";
export { type ClusterPage, type ClusterRow, MAX_PAGE_ROWS } from "./cluster_rows.ts";
export type { Overview } from "./overview.ts";
export { RequestRates, type TrafficSummary } from "./request_rates.ts";
export { BootTimeline, type MachineBoot } from "./boot_timeline.ts";
export { CpuUsage } from "./cpu_usage.ts";
export type { ClusterDetail, StaticPodRow } from "./cluster_detail.ts";
