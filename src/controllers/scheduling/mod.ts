// Pod and Node readers and the node-fit rules shared by the scheduler and the workload controllers.

export * from "./pod_view.ts";
export * from "./node_fit.ts";
export * from "./pod_conditions.ts";
export * from "./generated_name.ts";
