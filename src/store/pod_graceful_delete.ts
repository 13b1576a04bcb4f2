// The pod registry's grace period for a delete: podStrategy.CheckGracefulDelete (v1.36.3), for
// the API's DELETE and for the controllers that delete pods through it (namespace, GC).

import type { KubeObject } from "./kube_object.ts";
import type { GracefulDelete } from "./object_store.ts";

/**
 * The graceful delete of a pod as k8s.io/kubernetes v1.36.3 pkg/registry/core/pod/strategy.go
 * `CheckGracefulDelete` decides it: the request's `gracePeriodSeconds`, else the pod's
 * `spec.terminationGracePeriodSeconds`, else 0; 0 for a pod no node runs (unbound) or that has
 * ended (Succeeded, Failed); a negative period counts as 1.
 */
export function podGracefulDelete(pod: KubeObject, requested: number | undefined): GracefulDelete {
  const spec = (pod.spec ?? {}) as { nodeName?: unknown; terminationGracePeriodSeconds?: unknown };
  const phase = (pod.status as { phase?: unknown } | undefined)?.phase;
  const configured = typeof spec.terminationGracePeriodSeconds === "number"
    ? spec.terminationGracePeriodSeconds
    : 0;
  let period = requested ?? configured;
  if (typeof spec.nodeName !== "string" || spec.nodeName === "") period = 0;
  if (phase === "Succeeded" || phase === "Failed") period = 0;
  if (period < 0) period = 1;
  return { ...(requested === undefined ? {} : { requested }), period };
}
