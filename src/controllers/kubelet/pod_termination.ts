// The kubelets' side of a graceful pod delete: stop the containers, report them stopped, then
// confirm with grace 0.

import { type KubeObject, kubeTimestamp, type StoreChange } from "../../store/mod.ts";
import type { ControllerContext } from "../controller_context.ts";
import { writeIgnoringRace } from "../metadata.ts";
import { podSpec } from "../scheduling/mod.ts";
import { stoppedPodStatus } from "./pod_phase_status.ts";

const PODS = "pods";
const NODES = "nodes";

/**
 * Confirms the graceful deletes of pods bound to the cluster's nodes as their kubelets would: a
 * pod marked with a `deletionTimestamp` and a grace period gets its stopped status (containers
 * terminated, phase Succeeded, when containers ran) and is then deleted with grace 0 and its uid
 * as precondition (kubelet status_manager `syncPod`, `canBeDeleted`, `Delete`) once its containers have
 * "stopped": after `options.kubelet().podStopDelayMs`, never later than its grace period; at once
 * without timers. Runs with or without the workload controllers (fkas's node agents confirm too),
 * so drains and remediation finish. A pod whose node does not exist waits, as no kubelet runs it.
 */
export class PodTermination {
  readonly #timers = new Map<string, () => void>();

  constructor(private readonly context: ControllerContext) {}

  /** Confirms deletes that were pending before the controllers started. */
  sync(resource: string, object: KubeObject): void {
    if (resource === PODS && this.#awaitsKubelet(object)) this.#schedule(object);
  }

  /** Schedules the confirmation of a newly marked pod; forgets removed ones. */
  observe(change: StoreChange): void {
    if (change.resource !== PODS) return;
    const { object } = change;
    if (change.type === "DELETED") {
      const key = podKey(object);
      this.#timers.get(key)?.();
      this.#timers.delete(key);
      return;
    }
    if (object.metadata.deletionTimestamp && this.#awaitsKubelet(object)) this.#schedule(object);
  }

  /** Cancels pending stop delays. */
  stop(): void {
    for (const cancel of this.#timers.values()) cancel();
    this.#timers.clear();
  }

  #awaitsKubelet(pod: KubeObject): boolean {
    if (!pod.metadata.deletionTimestamp || !(pod.metadata.deletionGracePeriodSeconds! > 0)) {
      return false;
    }
    const nodeName = podSpec(pod).nodeName;
    const nodes = this.context.options.resources(NODES);
    return Boolean(nodeName && nodes && this.context.store.get(nodes, undefined, nodeName));
  }

  #schedule(pod: KubeObject): void {
    const key = podKey(pod);
    if (this.#timers.has(key)) return;
    const uid = pod.metadata.uid ?? "";
    const { options, queue } = this.context;
    const graceMs = pod.metadata.deletionGracePeriodSeconds! * 1000;
    const delay = Math.min(options.kubelet?.().podStopDelayMs ?? 0, graceMs);
    const confirm = () => queue.add(`kubelet-stop/${key}`, () => this.#confirm(key, uid));
    if (delay <= 0 || !options.setTimer) {
      confirm();
      return;
    }
    this.#timers.set(
      key,
      options.setTimer(delay, () => {
        this.#timers.delete(key);
        confirm();
      }),
    );
  }

  #confirm(key: string, uid: string): void {
    const pods = this.context.options.resources(PODS);
    if (!pods) return;
    const [namespace, name] = key.split("/");
    const pod = this.context.store.get(pods, namespace, name);
    if (!pod || pod.metadata.uid !== uid || !pod.metadata.deletionTimestamp) return;
    const stopped = stoppedPodStatus(pod, kubeTimestamp(this.context.options.now()));
    if (stopped) {
      writeIgnoringRace(() => this.context.store.update(pods, { ...pod, status: stopped }));
    }
    writeIgnoringRace(() =>
      this.context.store.delete(pods, namespace, name, {
        preconditions: { uid },
        graceful: { requested: 0, period: 0 },
      })
    );
  }
}

function podKey(pod: KubeObject): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}
