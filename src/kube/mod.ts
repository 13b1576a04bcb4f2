// The Kubernetes REST API of a fake cluster: discovery, verbs, tables, Status errors.

export { createKubeApp, type KubeAppOptions } from "./kube_app.ts";
export type { ClientIdentity, KubeBindings, ServedCluster } from "./kube_env.ts";
export { StatusError } from "./status_error.ts";
export { podStreamTarget, serveStreamUpgrade } from "./pod_streams/mod.ts";
export { cachedObjectJson } from "./json_body.ts";
