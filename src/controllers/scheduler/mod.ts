// kube-scheduler for one fake cluster.

export { Scheduler } from "./scheduler.ts";
export { NO_NODES_AVAILABLE, unschedulableMessage } from "./unschedulable_message.ts";
