// The status a kubelet writes for a pod it started (Running, Ready) or that ran to completion.

import type { KubeObject } from "../../store/mod.ts";
import { type Condition, podSpec, podStatus } from "../scheduling/mod.ts";
import { completedContainerStatus, runningContainerStatus } from "./container_status.ts";
import { sharedPart } from "../shared_parts.ts";

/** Where and when the pod runs. */
export interface PodPlacement {
  readonly hostIP: string;
  readonly podIP: string;
  readonly now: string;
  /** Kubernetes minor version of the cluster: PodReadyToStartContainers is reported from 1.29. */
  readonly minor: number;
}

/** The status of a pod whose containers all run and are ready (kubelet generateAPIPodStatus). */
export function runningPodStatus(
  pod: KubeObject,
  placement: PodPlacement,
): Record<string, unknown> {
  const spec = podSpec(pod);
  const uid = pod.metadata.uid ?? "";
  const { now } = placement;
  const ready = (type: string) => condition(type, "True", now);
  return {
    ...common(pod, placement, "Running"),
    conditions: sharedPart(kubeletConditions(pod, placement, [
      ready("Initialized"),
      ready("Ready"),
      ready("ContainersReady"),
    ], "True")),
    containerStatuses: (spec.containers ?? []).map((c) =>
      runningContainerStatus(c, uid, now, placement.minor)
    ),
    ...initStatuses(pod, now, placement.minor),
  };
}

/** The status of a pod whose containers exited 0 (a Job's pod): phase Succeeded. */
export function succeededPodStatus(
  pod: KubeObject,
  placement: PodPlacement,
): Record<string, unknown> {
  const spec = podSpec(pod);
  const uid = pod.metadata.uid ?? "";
  const { now } = placement;
  const completed = (type: string, status: string) => ({
    ...condition(type, status, now),
    reason: "PodCompleted",
  });
  return {
    ...common(pod, placement, "Succeeded"),
    conditions: sharedPart(kubeletConditions(pod, placement, [
      completed("Initialized", "True"),
      completed("Ready", "False"),
      completed("ContainersReady", "False"),
    ], "False")),
    containerStatuses: (spec.containers ?? []).map((c) =>
      completedContainerStatus(c, uid, now, now, placement.minor)
    ),
    ...initStatuses(pod, now, placement.minor),
  };
}

/**
 * The status a kubelet writes for a running pod it has stopped for a graceful delete, before it
 * confirms the delete (status_manager `syncPod`, then `canBeDeleted`): every container terminated
 * with exit code 0, phase Succeeded (a terminal phase for deleted pods since 1.27, `getPhase` with
 * `podIsTerminal`), Ready and ContainersReady False with reason PodCompleted, the sandbox gone;
 * addresses, start time and the other conditions kept. Undefined for a pod no container ran in,
 * and for a static pod's mirror.
 */
export function stoppedPodStatus(
  pod: KubeObject,
  now: string,
): Record<string, unknown> | undefined {
  // A static pod's mirror keeps its phase (`getPhase` leaves static pods non-terminal).
  if (pod.metadata.annotations?.["kubernetes.io/config.mirror"] !== undefined) return undefined;
  const status = podStatus(pod) as Record<string, unknown> & { conditions?: Condition[] };
  const running = (list: unknown) =>
    Array.isArray(list) ? list.some((c) => c?.state?.running) : false;
  if (!running(status.containerStatuses)) return undefined;
  const stopped = (list: unknown) =>
    Array.isArray(list) ? list.map((c) => stoppedContainer(c, now)) : list;
  const changed: Record<string, [string, string | undefined]> = {
    PodReadyToStartContainers: ["False", undefined],
    Ready: ["False", "PodCompleted"],
    ContainersReady: ["False", "PodCompleted"],
  };
  const conditions = (status.conditions ?? []).map((c) => {
    const [to, reason] = changed[c.type] ?? [];
    if (to === undefined) return c;
    const next: Condition = { ...c, status: to };
    if (reason) next.reason = reason;
    if (c.status !== to) next.lastTransitionTime = now;
    return next;
  });
  return {
    ...status,
    phase: "Succeeded",
    conditions,
    containerStatuses: stopped(status.containerStatuses),
    ...(status.initContainerStatuses
      ? { initContainerStatuses: stopped(status.initContainerStatuses) }
      : {}),
  };
}

// A running container killed on delete that exited 0 (convertToAPIContainerStatuses).
function stoppedContainer(container: Record<string, unknown>, now: string): unknown {
  const state = container?.state as { running?: { startedAt?: string } } | undefined;
  if (!state?.running) return container;
  return {
    ...container,
    ready: false,
    started: false,
    state: {
      terminated: {
        containerID: container.containerID,
        exitCode: 0,
        finishedAt: now,
        reason: "Completed",
        startedAt: state.running.startedAt,
      },
    },
  };
}

function common(pod: KubeObject, placement: PodPlacement, phase: string): Record<string, unknown> {
  const status = podStatus(pod);
  const hostNetwork = podSpec(pod).hostNetwork === true;
  const podIP = hostNetwork ? placement.hostIP : placement.podIP;
  return {
    phase,
    hostIP: placement.hostIP,
    hostIPs: sharedPart([{ ip: placement.hostIP }]),
    podIP,
    podIPs: sharedPart([{ ip: podIP }]),
    qosClass: status.qosClass ?? "BestEffort",
    startTime: (status.startTime as string | undefined) ?? placement.now,
  };
}

// Kubelet-owned conditions first, then those others own (PodScheduled, DisruptionTarget) as
// they were, in the order a real pod lists them.
function kubeletConditions(
  pod: KubeObject,
  placement: PodPlacement,
  owned: Condition[],
  sandboxReady: string,
): Condition[] {
  const list: Condition[] = [];
  if (placement.minor >= 29) {
    list.push(condition("PodReadyToStartContainers", sandboxReady, placement.now));
  }
  list.push(...owned);
  const mine = new Set(["PodReadyToStartContainers", ...owned.map((c) => c.type)]);
  const others = (podStatus(pod).conditions ?? []).filter((c) => !mine.has(c.type));
  if (!others.some((c) => c.type === "PodScheduled")) {
    others.push(condition("PodScheduled", "True", placement.now));
  }
  return [...list, ...others];
}

function condition(type: string, status: string, now: string): Condition {
  return { type, status, lastProbeTime: null, lastTransitionTime: now };
}

function initStatuses(pod: KubeObject, now: string, minor: number): Record<string, unknown> {
  const init = podSpec(pod).initContainers ?? [];
  if (init.length === 0) return {};
  const uid = pod.metadata.uid ?? "";
  return {
    initContainerStatuses: init.map((c) => completedContainerStatus(c, uid, now, now, minor)),
  };
}
