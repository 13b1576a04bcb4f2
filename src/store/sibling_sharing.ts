// Pods a controller makes from one template have most of their content alike: held once in memory.

import type { KubeObject } from "./kube_object.ts";
import { deepFreeze } from "../encoding/mod.ts";
import { shareFrom } from "./structural_sharing.ts";

// One model per controller template (namespace, owner, template hash), for every cluster: the
// same ReplicaSet of CoreDNS in thousands of clusters has one. Bounded against owners without end
// (a full table starts over; objects keep the parts they share).
const MAX_MODELS = 4_096;
const models = new Map<string, KubeObject>();
const TEMPLATE_OWNERS = new Set(["ReplicaSet", "DaemonSet", "StatefulSet", "Job"]);

/**
 * `object`, a new object of resource `resourceKey`, sharing with the first pod seen from the same
 * controller template (a frozen copy) every part they have alike; other objects as they are.
 * Answers are the same bytes (`shareFrom`).
 */
export function shareWithSiblings(resourceKey: string, object: KubeObject): KubeObject {
  if (resourceKey !== "pods") return object;
  const metadata = object.metadata;
  const owner = metadata.ownerReferences?.find((reference) => reference.controller === true);
  // Only workload controllers make pods from a template (a mirror pod's controller is its Node).
  if (!owner || !TEMPLATE_OWNERS.has(owner.kind)) return object;
  const labels = metadata.labels;
  const template = labels?.["pod-template-hash"] ?? labels?.["controller-revision-hash"] ?? "";
  const key = `${metadata.namespace}|${owner.kind}/${owner.name}|${template}`;
  let model = models.get(key);
  if (model === undefined) {
    if (models.size >= MAX_MODELS) models.clear();
    models.set(key, model = deepFreeze(structuredClone(object)));
  }
  const shared = shareFrom(model, object);
  // The store fills the resourceVersion in: the object and its metadata stay this one's own.
  if (shared.metadata !== model.metadata) return shared;
  return { ...shared, metadata: { ...shared.metadata } };
}
