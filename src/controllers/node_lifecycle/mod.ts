// Node lifecycle (not-ready/unreachable taints and NoExecute evictions) for one fake cluster.

export { evictionDelay, NodeLifecycleController } from "./node_lifecycle_controller.ts";
export { lifecycleTaints, NOT_READY, UNREACHABLE } from "./node_taints.ts";
