// Whether a pod fits a node by the scheduler's filter plugins the simulation models, and why not.

import type { KubeObject } from "../../store/mod.ts";
import {
  type NodeSelector,
  type NodeSelectorRequirement,
  nodeTaints,
  type PodSpecView,
  type Taint,
  type Toleration,
} from "./pod_view.ts";

// Reasons as the plugins word them (pkg/scheduler/framework/plugins: nodeunschedulable,
// nodeaffinity ErrReasonPod, tainttoleration, noderesources fit "Too many pods").
/** NodeUnschedulable's reason. */
export const REASON_UNSCHEDULABLE = "node(s) were unschedulable";
/** NodeAffinity's ErrReasonPod. */
export const REASON_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
/** NodeResourcesFit's reason for the pod count. */
export const REASON_TOO_MANY_PODS = "Too many pods";

/** Whether `toleration` tolerates `taint` (upstream `Toleration.ToleratesTaint`). */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  if (!toleration.key && toleration.operator !== "Exists") return false;
  if (toleration.operator === "Exists") return true;
  return (toleration.value ?? "") === (taint.value ?? "");
}

/** The first taint with one of `effects` no toleration tolerates. */
export function untoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  effects: readonly string[],
): Taint | undefined {
  return taints.find((taint) =>
    effects.includes(taint.effect) && !tolerations.some((t) => tolerates(t, taint))
  );
}

/** Whether the node's labels and name satisfy a `v1.NodeSelector` (terms ORed). */
export function matchesNodeSelector(selector: NodeSelector, node: KubeObject): boolean {
  const terms = selector.nodeSelectorTerms ?? [];
  return terms.some((term) => {
    const expressions = term.matchExpressions ?? [];
    const fields = term.matchFields ?? [];
    if (expressions.length === 0 && fields.length === 0) return false; // an empty term matches nothing
    const labels = node.metadata.labels ?? {};
    return expressions.every((r) => requirementMatches(r, labels[r.key])) &&
      fields.every((r) => r.key === "metadata.name" && requirementMatches(r, node.metadata.name));
  });
}

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case "In":
      return value !== undefined && values.includes(value);
    case "NotIn":
      return value === undefined || !values.includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
    case "Gt":
    case "Lt": {
      const left = Number.parseInt(value ?? "", 10);
      const right = Number.parseInt(values[0] ?? "", 10);
      if (Number.isNaN(left) || Number.isNaN(right)) return false;
      return r.operator === "Gt" ? left > right : left < right;
    }
    default:
      return false;
  }
}

/** Whether nodeSelector and required node affinity select the node (NodeAffinity's filter). */
export function matchesNodeAffinity(spec: PodSpecView, node: KubeObject): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [key, value] of Object.entries(spec.nodeSelector ?? {})) {
    if (labels[key] !== value) return false;
  }
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return !required || matchesNodeSelector(required, node);
}

/** The `{key: value}` reason TaintToleration gives for a taint. */
export function taintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`;
}

/**
 * Why the pod cannot go to the node, in the scheduler's words, or undefined when it fits; the
 * plugins run in the default profile's filter order (NodeUnschedulable, NodeName, TaintToleration,
 * NodeAffinity, NodeResourcesFit), and the first failing one answers, as with the scheduler's
 * per-node status.
 */
export function whyNotFit(
  spec: PodSpecView,
  node: KubeObject,
  podsOnNode: number,
): string | undefined {
  const tolerations = spec.tolerations ?? [];
  const nodeSpec = (node.spec ?? {}) as { unschedulable?: boolean };
  if (nodeSpec.unschedulable) {
    const cordon: Taint = { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" };
    if (!tolerations.some((t) => tolerates(t, cordon))) return REASON_UNSCHEDULABLE;
  }
  const taint = untoleratedTaint(nodeTaints(node), tolerations, ["NoSchedule", "NoExecute"]);
  if (taint) return taintReason(taint);
  if (!matchesNodeAffinity(spec, node)) return REASON_AFFINITY;
  if (podsOnNode >= podCapacity(node)) return REASON_TOO_MANY_PODS;
  return undefined;
}

/** `status.allocatable.pods` as a number (110, kubelet's default, when absent or unreadable). */
export function podCapacity(node: KubeObject): number {
  const pods = (node.status as { allocatable?: { pods?: unknown } } | undefined)?.allocatable?.pods;
  const count = typeof pods === "number" ? pods : Number.parseInt(String(pods ?? ""), 10);
  return Number.isFinite(count) && count >= 0 ? count : 110;
}
