// The status a kubelet writes for a pod it started (Running, Ready) or that ran to completion.
//
// From 1.34 (PodObservedGenerationTracking beta, on by default; GA in 1.35) the kubelet writes
// the pod's `metadata.generation` it acted on as `status.observedGeneration` and as each of its
// own conditions' `observedGeneration` (pkg/api/v1/pod `CalculatePodStatusObservedGeneration`,
// `CalculatePodConditionObservedGeneration`; k8s.io/kubernetes pkg/features/kube_features.go).
// Conditions others own (PodScheduled from the binding) are kept as they are.

import type { KubeObject } from "../../store/mod.ts";
import { type Condition, podSpec, podStatus } from "../scheduling/mod.ts";
import { completedContainerStatus, runningContainerStatus } from "./container_status.ts";
import { sharedPart } from "../shared_parts.ts";

/** Where and when the pod runs. */
export interface PodPlacement {
  readonly hostIP: string;
  readonly podIP: string;
  readonly now: string;
  /**
   * Kubernetes minor version of the cluster: PodReadyToStartContainers is reported from 1.29,
   * observed generations from 1.34.
   */
  readonly minor: number;
}

// The first minor whose kubelet reports observed generations (the gate's default turned on).
const OBSERVED_GENERATION_MINOR = 34;

/** The status of a pod whose containers all run and are ready (kubelet generateAPIPodStatus). */
export function runningPodStatus(
  pod: KubeObject,
  placement: PodPlacement,
): Record<string, unknown> {
  const spec = podSpec(pod);
  const uid = pod.metadata.uid ?? "";
  const { now } = placement;
  const generation = observedGeneration(pod, placement);
  const ready = (type: string) => condition(type, "True", now, generation);
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
  const generation = observedGeneration(pod, placement);
  const completed = (type: string, status: string) => ({
    ...condition(type, status, now, generation),
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
  // Observed generations once set are kept up to date (CalculatePod*ObservedGeneration).
  const generation = pod.metadata.generation;
  const conditions = (status.conditions ?? []).map((c) => {
    const [to, reason] = changed[c.type] ?? [];
    if (to === undefined) return c;
    const next: Condition = { ...c, status: to };
    if (reason) next.reason = reason;
    if (c.status !== to) next.lastTransitionTime = now;
    if (c.observedGeneration && generation) next.observedGeneration = generation;
    return next;
  });
  return {
    ...status,
    ...(status.observedGeneration && generation ? { observedGeneration: generation } : {}),
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

// The generation the kubelet reports it observed: the pod's own from 1.34, else none (also when
// set already: an older release's kubelet never sets it, and its API server drops it).
function observedGeneration(pod: KubeObject, placement: PodPlacement): number | undefined {
  if (placement.minor < OBSERVED_GENERATION_MINOR) return undefined;
  return pod.metadata.generation || undefined;
}

function common(pod: KubeObject, placement: PodPlacement, phase: string): Record<string, unknown> {
  const status = podStatus(pod);
  const hostNetwork = podSpec(pod).hostNetwork === true;
  const podIP = hostNetwork ? placement.hostIP : placement.podIP;
  const generation = observedGeneration(pod, placement);
  return {
    // PodStatus's first field in Go order.
    ...(generation ? { observedGeneration: generation } : {}),
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
  const generation = observedGeneration(pod, placement);
  if (placement.minor >= 29) {
    list.push(condition("PodReadyToStartContainers", sandboxReady, placement.now, generation));
  }
  list.push(...owned);
  const mine = new Set(["PodReadyToStartContainers", ...owned.map((c) => c.type)]);
  const others = (podStatus(pod).conditions ?? []).filter((c) => !mine.has(c.type));
  if (!others.some((c) => c.type === "PodScheduled")) {
    others.push(condition("PodScheduled", "True", placement.now, generation));
  }
  return [...list, ...others];
}

// In PodCondition's Go field order.
function condition(type: string, status: string, now: string, generation?: number): Condition {
  return generation
    ? { type, observedGeneration: generation, status, lastProbeTime: null, lastTransitionTime: now }
    : { type, status, lastProbeTime: null, lastTransitionTime: now };
}

function initStatuses(pod: KubeObject, now: string, minor: number): Record<string, unknown> {
  const init = podSpec(pod).initContainers ?? [];
  if (init.length === 0) return {};
  const uid = pod.metadata.uid ?? "";
  return {
    initContainerStatuses: init.map((c) => completedContainerStatus(c, uid, now, now, minor)),
  };
}
