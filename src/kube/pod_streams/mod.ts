// Pod streams: `pods/log`, `pods/exec` and `pods/attach` on fake nodes that run no containers.
export { servePodLog } from "./pod_log.ts";
export { checkStreamTarget, serveStreamUpgrade } from "./exec_session.ts";
export { PODS, type PodStream, podStreamTarget } from "./pod_target.ts";
export { containerLogLines } from "./log_lines.ts";
