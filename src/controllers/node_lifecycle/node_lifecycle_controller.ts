// Node lifecycle: taints from a node's Ready condition, and NoExecute evictions of its pods.

import {
  type KubeObject,
  kubeTimestamp,
  podGracefulDelete,
  SmallMap,
  type StoreChange,
} from "../../store/mod.ts";
import type { ControllerContext } from "../controller_context.ts";
import { writeIgnoringRace } from "../metadata.ts";
import { nodeTaints, podSpec, type Taint, tolerates, withCondition } from "../scheduling/mod.ts";
import { lifecycleTaints } from "./node_taints.ts";

const PODS = "pods";
const NODES = "nodes";

/**
 * Keeps `node.kubernetes.io/not-ready`/`unreachable` taints in step with each node's Ready
 * condition, and deletes the pods on a node with NoExecute taints as upstream's taint eviction
 * controller: at once when a taint is not tolerated, after the smallest `tolerationSeconds`
 * otherwise (timers from `options.setTimer`), never when tolerated without a limit. A pod it
 * deletes first gets the DisruptionTarget condition, reason DeletionByTaintManager; the delete is
 * graceful (the pod's terminationGracePeriodSeconds), as the API's.
 */
export class NodeLifecycleController {
  readonly #timers = new Map<string, () => void>();
  // The pods bound to each node (namespace/name keys), from store events: a tainted node's pods
  // are found without walking every pod of the cluster (10,000 pods × 1,000 NotReady nodes).
  // Arrays, not Sets: a node holds at most its pod capacity (110 by default), and a Set per node
  // costs ~250 bytes more in every cluster.
  readonly #podsOn = new SmallMap<string[]>();

  constructor(private readonly context: ControllerContext) {}

  /** Queues every node at start-up; notes where pods are bound. */
  sync(resource: string, object: KubeObject): void {
    if (resource === NODES) this.#enqueue(object.metadata.name ?? "");
    if (resource === PODS) this.#place(undefined, object);
  }

  /** Re-taints on node changes; checks pods bound to a tainted node. */
  observe(change: StoreChange): void {
    const { object } = change;
    if (change.resource === NODES) {
      if (change.type !== "DELETED") this.#enqueue(object.metadata.name ?? "");
      return;
    }
    if (change.resource !== PODS) return;
    const key = `${object.metadata.namespace}/${object.metadata.name}`;
    this.#place(change.previous, change.type === "DELETED" ? undefined : object);
    if (change.type === "DELETED") {
      this.#cancel(key);
      return;
    }
    const nodeName = podSpec(object).nodeName;
    if (nodeName && nodeName !== (change.previous && podSpec(change.previous).nodeName)) {
      this.#enqueue(nodeName);
    }
  }

  /** Cancels pending evictions. */
  stop(): void {
    for (const cancel of this.#timers.values()) cancel();
    this.#timers.clear();
  }

  // Moves a pod's key from the node it was bound to before a change to the one after.
  #place(previous: KubeObject | undefined, pod: KubeObject | undefined): void {
    const object = (pod ?? previous)!;
    const key = `${object.metadata.namespace}/${object.metadata.name}`;
    const before = previous && podSpec(previous).nodeName;
    const after = pod && podSpec(pod).nodeName;
    if (before && before !== after) {
      const keys = this.#podsOn.get(before);
      const at = keys?.indexOf(key) ?? -1;
      if (at >= 0) keys!.splice(at, 1);
      if (keys?.length === 0) this.#podsOn.delete(before);
    }
    if (!after || after === before) return; // already placed there
    const keys = this.#podsOn.get(after);
    if (!keys) this.#podsOn.set(after, [key]);
    else if (!keys.includes(key)) keys.push(key);
  }

  #enqueue(name: string): void {
    this.context.queue.add(`nodelifecycle/${name}`, () => this.#reconcile(name));
  }

  #reconcile(name: string): void {
    const { store, options } = this.context;
    const nodes = options.resources(NODES);
    const pods = options.resources(PODS);
    const node = nodes && store.get(nodes, undefined, name);
    if (!nodes || !pods || !node) return;
    const taints = nodeTaints(node);
    const next = lifecycleTaints(node, taints, kubeTimestamp(options.now()));
    if (next !== taints) {
      const spec: Record<string, unknown> = { ...(node.spec as object), taints: next };
      if (next.length === 0) delete spec.taints;
      writeIgnoringRace(() => store.update(nodes, { ...node, spec }));
      return; // the update's event brings us back with the stored taints
    }
    const noExecute = taints.filter((t) => t.effect === "NoExecute");
    if (noExecute.length === 0) return; // pending timers re-check when they fire
    for (const podKey of [...this.#podsOn.get(name) ?? []]) {
      const [podNamespace, podName] = podKey.split("/");
      const pod = store.get(pods, podNamespace, podName);
      if (!pod || podSpec(pod).nodeName !== name || pod.metadata.deletionTimestamp) continue;
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      const delay = evictionDelay(pod, noExecute);
      if (delay === undefined) {
        this.#cancel(key);
        continue;
      }
      if (delay <= 0) this.#evict(pod.metadata.namespace ?? "", pod.metadata.name ?? "", name);
      else if (!this.#timers.has(key) && options.setTimer) {
        this.#timers.set(
          key,
          options.setTimer(delay * 1000, () => {
            this.#timers.delete(key);
            this.context.queue.add(
              `evict/${key}`,
              () => this.#evict(pod.metadata.namespace ?? "", pod.metadata.name ?? "", name),
            );
          }),
        );
      }
    }
  }

  #cancel(key: string): void {
    this.#timers.get(key)?.();
    this.#timers.delete(key);
  }

  // Re-checked at eviction time: the node may have recovered or the pod moved meanwhile.
  #evict(namespace: string, name: string, nodeName: string): void {
    const { store, options } = this.context;
    const pods = options.resources(PODS)!;
    const nodes = options.resources(NODES)!;
    const pod = store.get(pods, namespace, name);
    const node = store.get(nodes, undefined, nodeName);
    if (!pod || !node || podSpec(pod).nodeName !== nodeName) return;
    const delay = evictionDelay(pod, nodeTaints(node).filter((t) => t.effect === "NoExecute"));
    if (delay === undefined || delay > 0 && this.#timers.has(`${namespace}/${name}`)) return;
    const status = (pod.status ?? {}) as { conditions?: [] };
    const conditions = withCondition(status.conditions, {
      type: "DisruptionTarget",
      status: "True",
      lastProbeTime: null,
      lastTransitionTime: kubeTimestamp(options.now()),
      reason: "DeletionByTaintManager",
      message: "Taint manager: deleting due to NoExecute taint",
    });
    writeIgnoringRace(() => {
      const marked = store.update(pods, { ...pod, status: { ...status, conditions } });
      // The taint eviction controller deletes with empty DeleteOptions, as any client: a pod its
      // node runs is marked for its grace period, and the node agent confirms when it stopped.
      store.delete(pods, namespace, name, {
        preconditions: { uid: marked.metadata.uid },
        graceful: podGracefulDelete(marked, undefined),
      });
    });
  }
}

/**
 * Seconds until the pod must go for these NoExecute taints: undefined when none applies or all
 * are tolerated forever, 0 when one is not tolerated, else the smallest tolerationSeconds
 * (upstream getMinTolerationTime; a negative value counts as 0).
 */
export function evictionDelay(pod: KubeObject, noExecute: readonly Taint[]): number | undefined {
  if (noExecute.length === 0) return undefined;
  const tolerations = podSpec(pod).tolerations ?? [];
  let min: number | undefined;
  for (const taint of noExecute) {
    const matching = tolerations.filter((t) => tolerates(t, taint));
    if (matching.length === 0) return 0;
    for (const t of matching) {
      if (t.tolerationSeconds === undefined) continue;
      const seconds = Math.max(0, t.tolerationSeconds);
      min = min === undefined ? seconds : Math.min(min, seconds);
    }
  }
  return min;
}
