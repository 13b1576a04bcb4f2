// Which container of a pod a log, exec or attach request means, and what the kubelet would say
// about its state: kube-apiserver's `validateContainer` (registry/core/pod/strategy.go) and the
// kubelet's `validateContainerLogStatus` (pkg/kubelet/kubelet_pods.go), worded as upstream.

import type { KubeObject } from "../../store/mod.ts";
import { StatusError } from "../status_error.ts";

interface ContainerSpec {
  readonly name?: string;
}

interface ContainerStatus {
  readonly name?: string;
  readonly containerID?: string;
  readonly state?: {
    running?: { startedAt?: string };
    waiting?: { reason?: string };
    terminated?: { containerID?: string };
  };
  readonly lastState?: { terminated?: { containerID?: string } };
}

/** The pod fields a stream request reads. */
export interface StreamPod extends KubeObject {
  spec?: {
    nodeName?: string;
    containers?: ContainerSpec[];
    initContainers?: ContainerSpec[];
    ephemeralContainers?: ContainerSpec[];
  };
  status?: {
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
    ephemeralContainerStatuses?: ContainerStatus[];
  };
}

/**
 * The container a request names, or the pod's only one; 400 as `validateContainer` words it
 * (the choices in `podutil.VisitContainers` order: init, regular, ephemeral).
 */
export function chooseContainer(pod: StreamPod, requested: string | null): string {
  const name = pod.metadata.name!;
  const spec = pod.spec ?? {};
  if (!requested) {
    const containers = spec.containers ?? [];
    if (containers.length === 1) return containers[0].name ?? "";
    if (containers.length === 0) {
      throw StatusError.badRequest(`a container name must be specified for pod ${name}`);
    }
    const names = [
      ...(spec.initContainers ?? []),
      ...containers,
      ...(spec.ephemeralContainers ?? []),
    ].map((c) => c.name);
    throw StatusError.badRequest(
      `a container name must be specified for pod ${name}, choose one of: [${names.join(" ")}]`,
    );
  }
  const all = [
    ...(spec.containers ?? []),
    ...(spec.initContainers ?? []),
    ...(spec.ephemeralContainers ?? []),
  ];
  if (!all.some((c) => c.name === requested)) {
    throw StatusError.badRequest(`container ${requested} is not valid for pod ${name}`);
  }
  return requested;
}

/**
 * When the container has logs, its start time; otherwise the kubelet's refusal, a 400 that
 * kube-apiserver passes on (`GenericHttpResponseChecker`).
 */
export function logStart(pod: StreamPod, container: string, previous: boolean): string {
  const name = pod.metadata.name!;
  const statuses = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.ephemeralContainerStatuses ?? []),
  ];
  const status = statuses.find((s) => s.name === container);
  const refuse = (detail: string) =>
    StatusError.badRequest(`container "${container}" in pod "${name}" ${detail}`);
  if (!status) throw refuse("is not available");
  const state = status.state ?? {};
  if (previous) {
    if (!status.lastState?.terminated?.containerID) {
      throw StatusError.badRequest(
        `previous terminated container "${container}" in pod "${name}" not found`,
      );
    }
    return "";
  }
  if (state.running) return state.running.startedAt ?? "";
  if (state.terminated) {
    if (state.terminated.containerID || status.lastState?.terminated?.containerID) return "";
    throw refuse("is terminated");
  }
  if (status.lastState?.terminated) {
    if (status.lastState.terminated.containerID) return "";
    throw refuse("is terminated");
  }
  if (state.waiting) {
    const reason = state.waiting.reason ?? "";
    if (reason === "ErrImagePull") throw refuse("is waiting to start: image can't be pulled");
    if (reason === "ImagePullBackOff") {
      throw refuse("is waiting to start: trying and failing to pull image");
    }
    throw refuse(`is waiting to start: ${reason}`);
  }
  throw refuse("is waiting to start - no logs yet");
}
