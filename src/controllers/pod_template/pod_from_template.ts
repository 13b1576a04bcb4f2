// A Pod made from a workload's pod template, as a controller creates it through the apiserver.

import type { KubeObject, OwnerReference } from "../../store/mod.ts";
import { generatedName } from "../scheduling/mod.ts";
import { recordSentShape } from "../controlled_objects.ts";
import { putOwn } from "../../encoding/mod.ts";

/** A `PodTemplateSpec`. */
export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

/** What varies per created pod. */
export interface PodFromTemplate {
  readonly template: PodTemplate;
  readonly namespace: string;
  /** The owner, referenced with controller=true and blockOwnerDeletion=true. */
  readonly owner: OwnerReference;
  /** A fixed name (StatefulSet), else `generateName` is `<owner>-` with a random suffix. */
  readonly name?: string;
  readonly extraLabels?: Record<string, string>;
  /** Changes to the spec (DaemonSet node affinity and tolerations, StatefulSet hostname). */
  readonly spec?: Record<string, unknown>;
  /**
   * Whether `spec` and `extraLabels` set the same fields in every pod of this owner and template,
   * their values aside (a DaemonSet's: the node is pinned inside the atomic NodeSelector), so the
   * pods' field sets are equal as a ReplicaSet's are.
   */
  readonly sameFields?: boolean;
  readonly random: () => number;
}

/** The owner reference a controller sets (`metav1.NewControllerRef`). */
export function controllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata.name ?? "",
    uid: owner.metadata.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * The Pod a controller posts (upstream `controller.GetPodFromTemplate`), with the status the Pod
 * registry's PrepareForCreate gives it (`Pending`, the QoS class). Decode-time defaults and
 * admission (service account and its token volume, tolerations, priority) are kube-apiserver's:
 * `ControllerOptions.apiserver` adds them when the pod is stored.
 */
export function podFromTemplate(input: PodFromTemplate): KubeObject {
  const { template, owner } = input;
  const ownerName = owner.name;
  const labels = { ...template.metadata?.labels, ...input.extraLabels };
  const annotations = template.metadata?.annotations;
  // A deep copy (as upstream's DeepCopy): defaulting and admission change the pod in place, and
  // the template is the stored owner's.
  const spec: Record<string, unknown> = { ...copyJson(template.spec), ...input.spec };
  const metadata: KubeObject["metadata"] = input.name
    ? { name: input.name }
    : { name: generatedName(`${ownerName}-`, input.random), generateName: `${ownerName}-` };
  metadata.namespace = input.namespace;
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  if (annotations && Object.keys(annotations).length > 0) metadata.annotations = { ...annotations };
  // Frozen and shared by the pods of one sync; the type is the store's mutable one, but stored
  // objects are replaced, never changed in place.
  metadata.ownerReferences = ownerReferencesOf(owner) as OwnerReference[];
  const pod: KubeObject = {
    apiVersion: "v1",
    kind: "Pod",
    metadata,
    spec,
    status: { phase: "Pending", qosClass: qosClass(spec) },
  };
  // A ReplicaSet's or Job's pods differ in name only, a DaemonSet's in values the field set
  // does not name: one field set per template and owner.
  const plain = input.spec === undefined && input.extraLabels === undefined && !input.name;
  if (plain || input.sameFields) recordSentShape(pod, { of: template, key: owner.uid });
  return pod;
}

// One frozen `[owner]` per owner reference: the pods a controller makes in one sync (a DaemonSet's
// on every node, a ReplicaSet's replicas) hold one list and one reference between them instead
// of a list and a reference each (issue 17: heap cells per cluster, which every full collection
// of JavaScriptCore visits).
const ownerLists = new WeakMap<OwnerReference, readonly OwnerReference[]>();

function ownerReferencesOf(owner: OwnerReference): readonly OwnerReference[] {
  let list = ownerLists.get(owner);
  if (list === undefined) {
    ownerLists.set(owner, list = Object.freeze([Object.freeze({ ...owner })]));
  }
  return list;
}

// A deep copy of a stored JSON value: a walk of plain objects and arrays is several times
// cheaper than structuredClone's serialize-and-rebuild. `__proto__` stays a plain data key.
function copyJson<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    putOwn(copy, key, copyJson((value as Record<string, unknown>)[key]));
  }
  return copy as T;
}

type Resources = { requests?: Record<string, unknown>; limits?: Record<string, unknown> };

/** The QoS class of a pod spec (upstream `qos.GetPodQOS`, cpu and memory only). */
export function qosClass(spec: Record<string, unknown>): string {
  const containers = [
    ...(Array.isArray(spec.containers) ? spec.containers : []),
    ...(Array.isArray(spec.initContainers) ? spec.initContainers : []),
  ] as { resources?: Resources }[];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const container of containers) {
    const { requests = {}, limits = {} } = container.resources ?? {};
    for (const name of ["cpu", "memory"]) {
      if (requests[name] !== undefined || limits[name] !== undefined) any = true;
      const request = requests[name] ?? limits[name];
      if (limits[name] === undefined || String(request) !== String(limits[name])) {
        guaranteed = false;
      }
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}
