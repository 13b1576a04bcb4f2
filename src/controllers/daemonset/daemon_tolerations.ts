// The tolerations every DaemonSet pod gets, and whether a node should run a daemon pod.

import type { KubeObject } from "../../store/mod.ts";
import {
  matchesNodeAffinity,
  nodeTaints,
  type PodSpecView,
  type Toleration,
  untoleratedTaint,
} from "../scheduling/mod.ts";

// pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations: daemons survive node trouble.
const DAEMON_TOLERATIONS: readonly Toleration[] = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
];
const NETWORK_UNAVAILABLE: Toleration = {
  key: "node.kubernetes.io/network-unavailable",
  operator: "Exists",
  effect: "NoSchedule",
};

// Per template spec (stored specs are replaced, never changed): one frozen list for every pod
// of the DaemonSet, in every cluster whose DaemonSet shares the seeded template.
const bySpec = new WeakMap<PodSpecView, readonly Toleration[]>();

/**
 * The template's tolerations plus the daemon defaults it lacks (same key and effect), frozen and
 * shared by the pods made from `spec`.
 */
export function daemonTolerations(spec: PodSpecView): readonly Toleration[] {
  let list = bySpec.get(spec);
  if (list === undefined) bySpec.set(spec, list = Object.freeze(withDefaults(spec)));
  return list;
}

function withDefaults(spec: PodSpecView): Toleration[] {
  const own = spec.tolerations ?? [];
  const defaults = spec.hostNetwork
    ? [...DAEMON_TOLERATIONS, NETWORK_UNAVAILABLE]
    : DAEMON_TOLERATIONS;
  const missing = defaults.filter((d) =>
    !own.some((t) => t.key === d.key && t.effect === d.effect)
  );
  return [...own, ...missing];
}

/**
 * Whether a daemon pod belongs on the node (upstream `NodeShouldRunDaemonPod`'s predicates);
 * `tolerations` are `daemonTolerations(spec)`, passed in by callers that ask for many nodes.
 */
export function shouldRunOn(
  spec: PodSpecView,
  node: KubeObject,
  tolerations: readonly Toleration[] = daemonTolerations(spec),
): boolean {
  if (!matchesNodeAffinity(spec, node)) return false;
  return !untoleratedTaint(nodeTaints(node), tolerations, ["NoSchedule", "NoExecute"]);
}
