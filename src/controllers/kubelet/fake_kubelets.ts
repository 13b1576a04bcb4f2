// The kubelets of one fake cluster's nodes: start the pods bound to them, as containerd would.

import { kubernetesMinor } from "../../api/version/mod.ts";
import { type KubeObject, kubeTimestamp, SmallMap, type StoreChange } from "../../store/mod.ts";
import type { ControllerContext } from "../controller_context.ts";
import { ownerReferencesOf, writeIgnoringRace } from "../metadata.ts";
import { nodeInternalIP, podSpec, podStatus } from "../scheduling/mod.ts";
import { runningPodStatus, succeededPodStatus } from "./pod_phase_status.ts";
import { type ContainerView, resourceStatus } from "./container_status.ts";
import { PodIpPool } from "./pod_ips.ts";

const PODS = "pods";
const NODES = "nodes";
/** The annotation marking a static pod's mirror (kubetypes.ConfigMirrorAnnotationKey). */
const MIRROR = "kubernetes.io/config.mirror";

/**
 * One kubelet per node, all in one listener: a pod bound to a node goes Running and Ready at
 * once (a Job's pod Succeeded), with container statuses, a pod IP from the node's `podCIDR`
 * (the host's address for hostNetwork pods), hostIP and startTime. A pod waits while its node is
 * missing or has no podCIDR yet, and for `options.kubelet().podStartDelayMs` (on timers). Mirror
 * pods of static pods are written by the node seed.
 */
export class FakeKubelets {
  readonly #pools = new SmallMap<{ cidr: string; pool: PodIpPool }>();
  readonly #ipOf = new SmallMap<{ node: string; ip: string }>();
  readonly #waiting = new SmallMap<Set<string>>();
  // Pods whose start delay is running, and those whose delay is over.
  readonly #timers = new Map<string, () => void>();
  readonly #due = new Set<string>();

  constructor(private readonly context: ControllerContext) {}

  /** Claims the IPs of existing pods; queues bound pods not started yet. */
  sync(resource: string, object: KubeObject): void {
    if (resource !== PODS) return;
    this.#claim(object);
    if (needsStart(object)) this.#enqueue(podKey(object));
  }

  /** Starts newly bound pods; frees IPs of removed pods; resumes pods waiting for a podCIDR. */
  observe(change: StoreChange): void {
    const { object } = change;
    if (change.resource === NODES) {
      const name = object.metadata.name ?? "";
      if (change.type === "DELETED") {
        this.#pools.delete(name);
        return;
      }
      const waiting = this.#waiting.get(name);
      if (waiting && podCidr(object)) {
        this.#waiting.delete(name);
        for (const key of waiting) this.#enqueue(key);
      }
      return;
    }
    if (change.resource !== PODS) return;
    if (change.type === "DELETED") {
      this.#release(object.metadata.uid ?? "");
      const key = podKey(object);
      this.#timers.get(key)?.();
      this.#timers.delete(key);
      this.#due.delete(key);
      return;
    }
    if (needsStart(object)) this.#enqueue(podKey(object));
    else if (change.type === "MODIFIED" && resizePending(object, this.#minor())) {
      const key = podKey(object);
      this.context.queue.add(`kubelet-resize/${key}`, () => this.#resize(key));
    }
  }

  /** Cancels pending start delays. */
  stop(): void {
    for (const cancel of this.#timers.values()) cancel();
    this.#timers.clear();
  }

  #enqueue(key: string): void {
    this.context.queue.add(`kubelet/${key}`, () => this.#start(key));
  }

  #start(key: string): void {
    const { store, options } = this.context;
    const pods = options.resources(PODS);
    const nodes = options.resources(NODES);
    if (!pods || !nodes) return;
    const [namespace, name] = key.split("/");
    const pod = store.get(pods, namespace, name);
    if (!pod || !needsStart(pod)) return;
    if (this.#delayed(key)) return;
    const nodeName = podSpec(pod).nodeName!;
    const node = store.get(nodes, undefined, nodeName);
    const hostIP = node && nodeInternalIP(node);
    if (!node || !hostIP) return;
    let podIP = hostIP;
    if (podSpec(pod).hostNetwork !== true) {
      const allocated = this.#allocate(node, pod.metadata.uid ?? "");
      if (!allocated) {
        let waiting = this.#waiting.get(nodeName);
        if (!waiting) this.#waiting.set(nodeName, waiting = new Set());
        waiting.add(key);
        return;
      }
      podIP = allocated;
    }
    const placement = {
      hostIP,
      podIP,
      now: kubeTimestamp(options.now()),
      minor: kubernetesMinor(options.kubernetesVersion?.()) ?? 0,
    };
    const status = runsToCompletion(pod)
      ? succeededPodStatus(pod, placement)
      : runningPodStatus(pod, placement);
    this.#due.delete(key);
    writeIgnoringRace(() => store.update(pods, { ...pod, status }));
  }

  #minor(): number {
    return kubernetesMinor(this.context.options.kubernetesVersion?.()) ?? 0;
  }

  // A resize (pods/resize) of a running pod, actuated at once: the container statuses report the
  // new allocation. The PodResizeInProgress condition a real kubelet shows meanwhile is not
  // written, as it would be gone again in the same turn.
  #resize(key: string): void {
    const { store, options } = this.context;
    const pods = options.resources(PODS);
    if (!pods) return;
    const [namespace, name] = key.split("/");
    const pod = store.get(pods, namespace, name);
    const minor = this.#minor();
    if (!pod || !resizePending(pod, minor)) return;
    const spec = podSpec(pod);
    const status = podStatus(pod) as Record<string, unknown>;
    const next = { ...status };
    for (const [field, list] of STATUS_LISTS) {
      const statuses = status[field] as Record<string, unknown>[] | undefined;
      if (!Array.isArray(statuses)) continue;
      const byName = new Map((spec[list] ?? []).map((c) => [c.name, c]));
      next[field] = statuses.map((s) => {
        const container = byName.get(s.name as string);
        if (!container) return s;
        const updated = { ...s };
        delete updated.allocatedResources;
        delete updated.resources;
        return { ...updated, ...resourceStatus(container, minor) };
      });
    }
    writeIgnoringRace(() => store.update(pods, { ...pod, status: next }));
  }

  // Holds the start back for the configured delay (a timer, then the queue again).
  #delayed(key: string): boolean {
    const delay = this.context.options.kubelet?.().podStartDelayMs ?? 0;
    const setTimer = this.context.options.setTimer;
    if (delay <= 0 || !setTimer || this.#due.has(key)) return false;
    if (!this.#timers.has(key)) {
      this.#timers.set(
        key,
        setTimer(delay, () => {
          this.#timers.delete(key);
          this.#due.add(key);
          this.#enqueue(key);
        }),
      );
    }
    return true;
  }

  #poolFor(node: KubeObject): PodIpPool | undefined {
    const cidr = podCidr(node);
    if (!cidr) return undefined;
    const name = node.metadata.name ?? "";
    const known = this.#pools.get(name);
    if (known?.cidr === cidr) return known.pool;
    const pool = PodIpPool.of(cidr);
    if (pool) this.#pools.set(name, { cidr, pool });
    return pool;
  }

  #allocate(node: KubeObject, uid: string): string | undefined {
    const known = this.#ipOf.get(uid);
    if (known) return known.ip;
    const ip = this.#poolFor(node)?.allocate();
    if (ip) this.#ipOf.set(uid, { node: node.metadata.name ?? "", ip });
    return ip;
  }

  #claim(pod: KubeObject): void {
    const nodeName = podSpec(pod).nodeName;
    const ip = podStatus(pod).podIP;
    if (!nodeName || !ip || podSpec(pod).hostNetwork) return;
    const nodes = this.context.options.resources(NODES);
    const node = nodes && this.context.store.get(nodes, undefined, nodeName);
    if (node && this.#poolFor(node)?.claim(ip)) {
      this.#ipOf.set(pod.metadata.uid ?? "", { node: nodeName, ip });
    }
  }

  #release(uid: string): void {
    const known = this.#ipOf.get(uid);
    if (!known) return;
    this.#ipOf.delete(uid);
    this.#pools.get(known.node)?.pool.release(known.ip);
  }
}

const STATUS_LISTS = [
  ["containerStatuses", "containers"],
  ["initContainerStatuses", "initContainers"],
] as const;

// A running pod (not a mirror, not being deleted) whose containers' resources differ from what
// their statuses report: a resize the kubelet has yet to actuate (from 1.33).
function resizePending(pod: KubeObject, minor: number): boolean {
  if (minor < 33 || pod.metadata.deletionTimestamp) return false;
  if (pod.metadata.annotations?.[MIRROR] !== undefined) return false;
  const status = podStatus(pod) as Record<string, unknown>;
  if (status.phase !== "Running") return false;
  const spec = podSpec(pod);
  for (const [field, list] of STATUS_LISTS) {
    const statuses = status[field] as { name?: string; resources?: unknown }[] | undefined;
    if (!Array.isArray(statuses)) continue;
    for (const container of spec[list] ?? []) {
      const reported = statuses.find((s) => s.name === container.name);
      if (reported === undefined || reported.resources === undefined) continue;
      const wanted = (container as ContainerView).resources ?? {};
      if (
        reported.resources !== wanted &&
        JSON.stringify(reported.resources) !== JSON.stringify(wanted)
      ) {
        return true;
      }
    }
  }
  return false;
}

function needsStart(pod: KubeObject): boolean {
  if (!podSpec(pod).nodeName || pod.metadata.deletionTimestamp) return false;
  if (pod.metadata.annotations?.[MIRROR] !== undefined) return false;
  const phase = podStatus(pod).phase;
  return phase !== "Running" && phase !== "Succeeded" && phase !== "Failed";
}

// A Job's pods exit 0 at once; everything else keeps running.
function runsToCompletion(pod: KubeObject): boolean {
  return ownerReferencesOf(pod).some((r) => r.controller && r.kind === "Job");
}

function podCidr(node: KubeObject): string | undefined {
  const cidr = (node.spec as { podCIDR?: unknown } | undefined)?.podCIDR;
  return typeof cidr === "string" && cidr !== "" ? cidr : undefined;
}

function podKey(pod: KubeObject): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}
