// fkas as a Cluster API infrastructure provider (FkasCluster, FkasMachine), CAPD in-memory style.

export { type ProviderOptions, type RunningProvider, startProvider } from "./provider.ts";
export {
  planMachine,
  stableDraw,
  type TimelineInput,
  type TimelinePlan,
} from "./machine_timeline.ts";
export { type Condition, setCondition } from "./conditions.ts";
export { ReconcileQueue, type ReconcileResult } from "./reconcile_queue.ts";
export * from "./provider_kinds.ts";
