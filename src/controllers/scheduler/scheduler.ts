// A kube-scheduler for one fake cluster: binds pending pods to the least-loaded node that fits.

import { type KubeObject, kubeTimestamp, SmallMap, type StoreChange } from "../../store/mod.ts";
import type { ControllerContext } from "../controller_context.ts";
import { writeIgnoringRace as write } from "../metadata.ts";
import { sharedPart } from "../shared_parts.ts";
import {
  podCapacity,
  podSpec,
  type PodSpecView,
  podStatus,
  whyNotFit,
  withCondition,
} from "../scheduling/mod.ts";
import { unschedulableMessage } from "./unschedulable_message.ts";
import { kubernetesMinor } from "../../api/version/mod.ts";

const PODS = "pods";
const NODES = "nodes";
/** How many distinct sets of scheduling constraints the fitting nodes are remembered for. */
const MAX_REMEMBERED_CONSTRAINTS = 256;
/** The scheduler name pods get by default (v1.DefaultSchedulerName). */
const DEFAULT_SCHEDULER = "default-scheduler";

/**
 * Binds each pod without `spec.nodeName` (for the default scheduler, no scheduling gates) to a
 * node that passes NodeUnschedulable, TaintToleration, NodeAffinity and the pod-count part of
 * NodeResourcesFit, preferring the node with the fewest pods (a stand-in for the scoring plugins'
 * spreading); a pod no node fits gets `PodScheduled=False`, reason `Unschedulable`, and is tried
 * again when a node changes or a pod leaves a node (the scheduling queue's move-on-event).
 */
export class Scheduler {
  readonly #podsPerNode = new SmallMap<number>();
  readonly #unschedulable = new Set<string>();
  // Nodes fitting a set of scheduling constraints (JSON of selector, affinity, tolerations), with
  // their pod capacity; forgotten whenever a node changes.
  readonly #fitting = new SmallMap<{ name: string; capacity: number }[]>();

  constructor(private readonly context: ControllerContext) {}

  /** Counts an existing pod, or queues it when it waits for a node. */
  sync(resource: string, object: KubeObject): void {
    if (resource !== PODS) return;
    this.#count(object, 1);
    if (this.#wantsNode(object)) this.#enqueue(podKey(object));
  }

  /** Reacts to a change: new pending pods, freed capacity, changed nodes. */
  observe(change: StoreChange): void {
    if (change.resource === NODES) {
      this.#fitting.clear();
      if (change.type !== "DELETED") this.#retryUnschedulable();
      return;
    }
    if (change.resource !== PODS) return;
    if (change.previous) this.#count(change.previous, -1);
    if (change.type !== "DELETED") this.#count(change.object, 1);
    const key = podKey(change.object);
    if (change.type === "DELETED") {
      this.#unschedulable.delete(key);
      if (podSpec(change.object).nodeName) this.#retryUnschedulable();
      return;
    }
    if (counts(change.previous) && !counts(change.object)) this.#retryUnschedulable();
    if (change.type === "ADDED" && this.#wantsNode(change.object)) this.#enqueue(key);
  }

  #wantsNode(pod: KubeObject): boolean {
    const spec = podSpec(pod) as { schedulingGates?: unknown[] } & ReturnType<typeof podSpec>;
    return !spec.nodeName && !pod.metadata.deletionTimestamp &&
      (spec.schedulerName ?? DEFAULT_SCHEDULER) === DEFAULT_SCHEDULER &&
      !(Array.isArray(spec.schedulingGates) && spec.schedulingGates.length > 0) &&
      podStatus(pod).phase !== "Succeeded" && podStatus(pod).phase !== "Failed";
  }

  #count(pod: KubeObject, delta: number): void {
    if (!counts(pod)) return;
    const node = podSpec(pod).nodeName!;
    const next = (this.#podsPerNode.get(node) ?? 0) + delta;
    if (next > 0) this.#podsPerNode.set(node, next);
    else this.#podsPerNode.delete(node);
  }

  // The fitting node with the fewest pods, first in store order on a tie. Only the nodes a pod's
  // affinity pins it to are tried (the NodeAffinity PreFilter's node names, as for daemon pods);
  // otherwise the nodes that fit pods of the same scheduling constraints are remembered until a
  // node changes, so a ReplicaSet's thousands of pods cost one pass over the nodes, not one each.
  #leastLoaded(spec: PodSpecView): string | undefined {
    const { store, options } = this.context;
    const nodes = options.resources(NODES)!;
    let best: string | undefined;
    let bestCount = Infinity;
    const pinned = pinnedNodeNames(spec);
    if (pinned) {
      for (const nodeName of pinned) {
        const node = store.get(nodes, undefined, nodeName);
        const count = this.#podsPerNode.get(nodeName) ?? 0;
        if (node && count < bestCount && !whyNotFit(spec, node, count)) {
          best = nodeName;
          bestCount = count;
        }
      }
      return best;
    }
    const constraints = JSON.stringify([
      spec.nodeSelector,
      spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
      spec.tolerations,
    ]);
    let fitting = this.#fitting.get(constraints);
    if (!fitting) {
      // Capacity aside (infinite pods here), whether each node fits these constraints.
      fitting = store.list(nodes)
        .filter((node) => !whyNotFit(spec, node, -Infinity))
        .map((node) => ({ name: node.metadata.name ?? "", capacity: podCapacity(node) }));
      if (this.#fitting.size >= MAX_REMEMBERED_CONSTRAINTS) this.#fitting.clear();
      this.#fitting.set(constraints, fitting);
    }
    for (const { name, capacity } of fitting) {
      const count = this.#podsPerNode.get(name) ?? 0;
      if (count < bestCount && count < capacity) {
        best = name;
        bestCount = count;
      }
    }
    return best;
  }

  #retryUnschedulable(): void {
    for (const key of this.#unschedulable) this.#enqueue(key);
  }

  #enqueue(key: string): void {
    this.context.queue.add(`scheduler/${key}`, () => this.#schedule(key));
  }

  #schedule(key: string): void {
    const { store, options } = this.context;
    const pods = options.resources(PODS);
    const nodes = options.resources(NODES);
    if (!pods || !nodes) return;
    const [namespace, name] = key.split("/");
    const pod = store.get(pods, namespace, name);
    if (!pod || !this.#wantsNode(pod)) {
      this.#unschedulable.delete(key);
      return;
    }
    const spec = podSpec(pod);
    let best = this.#leastLoaded(spec);
    const reasons: string[] = [];
    if (best === undefined) {
      // No node fits: every node's reason, as the scheduler's diagnosis lists them.
      let bestCount = Infinity;
      for (const node of store.list(nodes)) {
        const nodeName = node.metadata.name ?? "";
        const count = this.#podsPerNode.get(nodeName) ?? 0;
        const reason = whyNotFit(spec, node, count);
        if (reason) reasons.push(reason);
        else if (count < bestCount) {
          best = nodeName;
          bestCount = count;
        }
      }
    }
    const now = kubeTimestamp(options.now());
    const status = podStatus(pod);
    if (best === undefined) {
      this.#unschedulable.add(key);
      // From 1.34 (PodObservedGenerationTracking on) with the generation it was written for
      // (schedule_one.go handleSchedulingFailure).
      const generation = (kubernetesMinor(this.context.options.kubernetesVersion?.()) ?? 0) >= 34
        ? pod.metadata.generation
        : undefined;
      const conditions = withCondition(status.conditions, {
        type: "PodScheduled",
        ...(generation ? { observedGeneration: generation } : {}),
        status: "False",
        lastProbeTime: null,
        lastTransitionTime: now,
        reason: "Unschedulable",
        message: unschedulableMessage(reasons),
      });
      if (conditions === status.conditions) return;
      write(() =>
        store.update(pods, { ...pod, status: { phase: "Pending", ...status, conditions } })
      );
      return;
    }
    this.#unschedulable.delete(key);
    // The binding subresource sets nodeName and PodScheduled=True (registry/core/pod assignPod).
    // Pods bound in the same second (in any cluster) mostly have just this condition: one list.
    const conditions = sharedPart(withCondition(status.conditions, {
      type: "PodScheduled",
      status: "True",
      lastProbeTime: null,
      lastTransitionTime: now,
    }));
    // As the binding, past the pod strategy: the generation stays.
    write(() =>
      store.update(pods, {
        ...pod,
        spec: { ...(pod.spec as object), nodeName: best },
        status: { ...status, conditions },
      }, { keepGeneration: true })
    );
  }
}

function podKey(pod: KubeObject): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

// A pod holds a place on its node while bound and not finished (the scheduler cache's view).
function counts(pod: KubeObject | undefined): boolean {
  if (!pod || !podSpec(pod).nodeName) return false;
  const phase = podStatus(pod).phase;
  return phase !== "Succeeded" && phase !== "Failed";
}

// The node names a pod's required node affinity limits it to when every term names them by
// `metadata.name In` (upstream NodeAffinity PreFilter), as the DaemonSet controller pins pods.
function pinnedNodeNames(spec: PodSpecView): Set<string> | undefined {
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    ?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return undefined;
  const names = new Set<string>();
  for (const term of terms) {
    const field = term.matchFields?.find((f) => f.key === "metadata.name" && f.operator === "In");
    if (!field) return undefined;
    for (const value of field.values ?? []) names.add(value);
  }
  return names;
}
