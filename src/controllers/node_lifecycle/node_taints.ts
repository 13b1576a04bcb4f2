// The taints node lifecycle puts on a node from its Ready condition.

import { findCondition, nodeConditions, type Taint } from "../scheduling/mod.ts";
import type { KubeObject } from "../../store/mod.ts";

/** `node.kubernetes.io/not-ready` (v1.TaintNodeNotReady): Ready=False. */
export const NOT_READY = "node.kubernetes.io/not-ready";
/** `node.kubernetes.io/unreachable` (v1.TaintNodeUnreachable): Ready=Unknown or missing. */
export const UNREACHABLE = "node.kubernetes.io/unreachable";

/**
 * The node's taints with the not-ready/unreachable pair matching its Ready condition: NoSchedule
 * (TaintNodesByCondition) and NoExecute with `timeAdded` (taint-based eviction), as
 * pkg/controller/nodelifecycle writes them; a Ready node has neither. Unchanged taints keep
 * their timeAdded; the list is returned as is when nothing changes.
 */
export function lifecycleTaints(node: KubeObject, taints: readonly Taint[], now: string): Taint[] {
  const ready = findCondition(nodeConditions(node), "Ready")?.status;
  const key = ready === "True" ? undefined : ready === "False" ? NOT_READY : UNREACHABLE;
  const wanted: Taint[] = key
    ? [{ key, effect: "NoSchedule" }, { key, effect: "NoExecute", timeAdded: now }]
    : [];
  const managed = (t: Taint) => t.key === NOT_READY || t.key === UNREACHABLE;
  const kept = taints.filter((t) =>
    !managed(t) || wanted.some((w) => w.key === t.key && w.effect === t.effect)
  );
  const added = wanted.filter((w) => !kept.some((t) => t.key === w.key && t.effect === w.effect));
  if (added.length === 0 && kept.length === taints.length) return taints as Taint[];
  return [...kept, ...added];
}
