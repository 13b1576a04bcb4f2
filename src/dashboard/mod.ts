// Public face of src/dashboard: the web dashboard served on the control port at /ui.
export { createDashboardApp, type DashboardOptions } from "./dashboard_app.ts";
export { type ClusterPage, type ClusterRow, MAX_PAGE_ROWS } from "./cluster_rows.ts";
export type { Overview } from "./overview.ts";
export { RequestRates, type TrafficSummary } from "./request_rates.ts";
