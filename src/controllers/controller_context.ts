// What every controller of one fake cluster shares: the store, how to resolve resources, the queue.

import type { KubeObject, ObjectStore, StoredResource } from "../store/mod.ts";
import type { ObjectIndex, ObjectLocation } from "./object_index.ts";
import type { WorkQueue } from "./work_queue.ts";

/** A stored resource with the API identity the controllers need (a catalog `ResourceType` fits). */
export interface ControlledResource extends StoredResource {
  readonly kind: string;
  readonly group: string;
  readonly version: string;
}

/** How the fake kubelets of a cluster time their work (control API `PUT .../kubelet`). */
export interface KubeletTiming {
  /** From binding to Running (0: at once). */
  readonly podStartDelayMs: number;
  /**
   * From a graceful delete to the kubelet's confirming delete (containers stopped), capped by the
   * pod's grace period (0 or absent: at once).
   */
  readonly podStopDelayMs?: number;
}

/** How the controllers reach the rest of the cluster; time and scheduling are passed in. */
export interface ControllerOptions {
  /** The resource stored under a storage key such as `apps/deployments`. */
  resources(storageKey: string): ControlledResource | undefined;
  /** The resource an ownerReference's `apiVersion` and `kind` name, if the cluster serves it. */
  resourceForKind(apiVersion: string, kind: string): ControlledResource | undefined;
  /** Defers work out of the store's change notification (`queueMicrotask`, `setTimeout 0`). */
  schedule(task: () => void): void;
  /** Continues a long burst of work after I/O had its turn (`setTimeout 0`); absent: no pause. */
  scheduleLater?(task: () => void): void;
  now(): Date;
  /** Receives failures of a reaction; the store and its other listeners never see them. */
  onError?(error: unknown): void;
  /**
   * Write `status.phase: Terminating` and the deletion conditions to a namespace being deleted.
   * Needs a store that keeps a namespace while `spec.finalizers` remain (upstream
   * `ShouldDeleteNamespaceDuringUpdate`); a store that removes any deleting object an update
   * leaves without `metadata.finalizers` would remove the namespace before its content.
   * Default false.
   */
  updateNamespaceStatus?: boolean;
  /**
   * Run the simulated scheduler, kubelets and workload controllers (ReplicaSet, Deployment,
   * DaemonSet, node IPAM). Default false: only garbage collection and namespaces.
   */
  workloads?: boolean;
  /** Randomness for generated names (`Math.random` when absent). */
  random?(): number;
  /** The cluster's Kubernetes version (`v1.31.0`), for version-dependent status fields. */
  kubernetesVersion?(): string;
  /**
   * Runs `task` after `delayMs` (toleration seconds of evictions); returns its cancel function.
   * Without it, delayed work never runs (pods tolerating a taint for a while stay).
   */
  setTimer?(delayMs: number, task: () => void): () => void;
  /** The kubelets' current timing (read at each pod start); immediate when absent. */
  kubelet?(): KubeletTiming;
  /** The cluster CIDR node IPAM hands out node ranges from (kube-controller-manager `--cluster-cidr`). */
  clusterCidr?: string;
  /** The prefix length of each node's range (`--node-cidr-mask-size`); 24 when absent. */
  nodeCidrMaskSize?: number;
  /**
   * The managedFields kube-apiserver records for an object kube-controller-manager creates
   * (`sent`: as the controller sent it, before admission); absent or undefined: none.
   */
  createdManagedFields?(
    resource: ControlledResource,
    sent: KubeObject,
    shape?: SentShape,
  ): readonly object[] | undefined;
  /**
   * The managedFields kube-apiserver records when kube-controller-manager writes `status` into
   * `previous` through the status subresource (`previous`'s own list when unchanged); absent or
   * undefined: left as they were.
   */
  statusManagedFields?(
    resource: ControlledResource,
    previous: KubeObject,
    status: unknown,
  ): readonly object[] | undefined;
  /**
   * What kube-apiserver does to an object a controller POSTs before storing it; absent: objects
   * are stored as the controllers make them.
   */
  apiserver?: ControllerCreates;
}

/**
 * What makes created objects' field sets equal: objects sent from the same (immutable) `of`
 * with the same `key` (a ReplicaSet's pods: its template and its uid) have equal field sets.
 */
export interface SentShape {
  readonly of: object;
  readonly key: string;
}

/**
 * kube-apiserver's side of a controller's create, in its order: `decode` fills decode-time
 * defaults (what the field manager then records as the controller's), `admit` runs the
 * registry's create rules and built-in admission (no manager's) and throws when admission refuses.
 */
export interface ControllerCreates {
  decode(resource: ControlledResource, object: KubeObject): void;
  admit(resource: ControlledResource, object: KubeObject): void;
}

/** The shared state handed to each controller. */
export interface ControllerContext {
  readonly store: ObjectStore;
  readonly options: ControllerOptions;
  readonly index: ObjectIndex;
  readonly queue: WorkQueue;
}

/** The stored object at a location if it still has that uid, with its resource. */
export function currentObject(
  context: ControllerContext,
  location: ObjectLocation,
): { resource: ControlledResource; object: KubeObject } | undefined {
  const resource = context.options.resources(location.resource);
  if (!resource) return undefined;
  const object = context.store.get(resource, location.namespace, location.name);
  if (object?.metadata.uid !== location.uid) return undefined;
  return { resource, object };
}
