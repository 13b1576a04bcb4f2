// The DaemonSet controller of one fake cluster.

export { DaemonSetController, daemonSetStatus } from "./daemonset_controller.ts";
export { daemonTolerations, shouldRunOn } from "./daemon_tolerations.ts";
