// A kube-scheduler for one fake cluster: binds pending pods to the least-loaded node that fits.

import { type KubeObject, kubeTimestamp, type StoreChange } from "../../store/mod.ts";
import type { ControllerContext } from "../controller_context.ts";
import { writeIgnoringRace as write } from "../metadata.ts";
import { podSpec, podStatus, whyNotFit, withCondition } from "../scheduling/mod.ts";
import { unschedulableMessage } from "./unschedulable_message.ts";

const PODS = "pods";
const NODES = "nodes";
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
  readonly #podsPerNode = new Map<string, number>();
  readonly #unschedulable = new Set<string>();

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
    const reasons: string[] = [];
    let best: string | undefined;
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
    const now = kubeTimestamp(options.now());
    const status = podStatus(pod);
    if (best === undefined) {
      this.#unschedulable.add(key);
      const conditions = withCondition(status.conditions, {
        type: "PodScheduled",
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
    const conditions = withCondition(status.conditions, {
      type: "PodScheduled",
      status: "True",
      lastProbeTime: null,
      lastTransitionTime: now,
    });
    write(() =>
      store.update(pods, {
        ...pod,
        spec: { ...(pod.spec as object), nodeName: best },
        status: { ...status, conditions },
      })
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
