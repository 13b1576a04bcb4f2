// What DELETE of a CustomResourceDefinition answers. kube-apiserver's CRD registry
// (apiextensions-apiserver pkg/registry/customresourcedefinition/etcd.go `Delete`) never removes
// it at once: it sets deletionTimestamp, adds the customresourcecleanup finalizer and a
// Terminating condition, and answers that object; its finalizer controller then deletes the
// custom resources and the CRD. fkas does that work at once and answers what the registry
// answered.

import { OBJECT_META_FIELDS } from "../store/mod.ts";
import { kubeTimestamp } from "../store/mod.ts";
import type { KubeObject } from "../store/mod.ts";

const CLEANUP = "customresourcecleanup.apiextensions.k8s.io";

interface Condition {
  type?: string;
  status?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** The CRD as the registry's first DELETE leaves it, at `resourceVersion`. */
export function crdDeletionAnswer(
  current: KubeObject,
  now: Date,
  resourceVersion: string,
): KubeObject {
  const timestamp = kubeTimestamp(now);
  const finalizers = current.metadata.finalizers ?? [];
  const metadata: Record<string, unknown> = {
    ...current.metadata,
    resourceVersion,
    deletionTimestamp: current.metadata.deletionTimestamp ?? timestamp,
    finalizers: finalizers.includes(CLEANUP) ? finalizers : [...finalizers, CLEANUP],
  };
  const ordered: Record<string, unknown> = {};
  for (const key of OBJECT_META_FIELDS) if (key in metadata) ordered[key] = metadata[key];
  for (const key of Object.keys(metadata)) if (!(key in ordered)) ordered[key] = metadata[key];
  const status = (current.status ?? {}) as { conditions?: Condition[] };
  const terminating: Condition = {
    type: "Terminating",
    status: "True",
    lastTransitionTime: timestamp,
    reason: "InstanceDeletionPending",
    message:
      "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon",
  };
  // SetCRDCondition: replaces a condition of the type (keeping its transition time when the
  // status stays), or appends one.
  const conditions = [...(status.conditions ?? [])];
  const at = conditions.findIndex((c) => c.type === "Terminating");
  if (at === -1) conditions.push(terminating);
  else {
    const kept = conditions[at].status === "True" ? conditions[at].lastTransitionTime : timestamp;
    conditions[at] = { ...terminating, lastTransitionTime: kept };
  }
  return {
    ...current,
    metadata: ordered as KubeObject["metadata"],
    status: { ...status, conditions },
  } as KubeObject;
}
