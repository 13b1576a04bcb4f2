// A Pod made from a workload's pod template, as a controller creates it through the apiserver.

import type { KubeObject, OwnerReference } from "../../store/mod.ts";
import { generatedName, type Toleration } from "../scheduling/mod.ts";
import { recordSentForm } from "../controlled_objects.ts";

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
  readonly random: () => number;
}

// plugin/pkg/admission/defaulttolerationseconds: pods tolerate a not-ready or unreachable node
// for 300 s unless they already say otherwise.
const DEFAULT_TOLERATIONS: readonly Toleration[] = [
  {
    key: "node.kubernetes.io/not-ready",
    operator: "Exists",
    effect: "NoExecute",
    tolerationSeconds: 300,
  },
  {
    key: "node.kubernetes.io/unreachable",
    operator: "Exists",
    effect: "NoExecute",
    tolerationSeconds: 300,
  },
];

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
 * The Pod a controller posts (upstream `controller.GetPodFromTemplate`), with what the apiserver's
 * admission and PrepareForCreate add: the default tolerations, the `default` service account,
 * `status.phase: Pending` and the QoS class.
 */
export function podFromTemplate(input: PodFromTemplate): KubeObject {
  const { template, owner } = input;
  const ownerName = owner.name;
  const labels = { ...template.metadata?.labels, ...input.extraLabels };
  const annotations = template.metadata?.annotations;
  const spec: Record<string, unknown> = { ...template.spec, ...input.spec };
  // What the controller sends: admission adds the rest below.
  const sentSpec = { ...spec };
  const tolerations = Array.isArray(spec.tolerations) ? spec.tolerations as Toleration[] : [];
  const missing = DEFAULT_TOLERATIONS.filter((d) =>
    !tolerations.some((t) => t.key === d.key && (t.effect ?? "NoExecute") === "NoExecute") &&
    !tolerations.some((t) =>
      !t.key && t.operator === "Exists" && (!t.effect || t.effect === "NoExecute")
    )
  );
  if (missing.length > 0) spec.tolerations = [...tolerations, ...missing];
  if (spec.serviceAccountName === undefined) spec.serviceAccountName = "default";
  if (spec.serviceAccount === undefined) spec.serviceAccount = spec.serviceAccountName;
  const metadata: KubeObject["metadata"] = input.name
    ? { name: input.name }
    : { name: generatedName(`${ownerName}-`, input.random), generateName: `${ownerName}-` };
  metadata.namespace = input.namespace;
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  if (annotations && Object.keys(annotations).length > 0) metadata.annotations = { ...annotations };
  metadata.ownerReferences = [{ ...owner }];
  const pod: KubeObject = {
    apiVersion: "v1",
    kind: "Pod",
    metadata,
    spec,
    status: { phase: "Pending", qosClass: qosClass(spec) },
  };
  // A ReplicaSet's or Job's pods differ in name only: one field set per template and owner.
  const plain = input.spec === undefined && input.extraLabels === undefined && !input.name;
  recordSentForm(
    pod,
    { apiVersion: "v1", kind: "Pod", metadata, spec: sentSpec },
    plain ? { of: template, key: owner.uid } : undefined,
  );
  return pod;
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
