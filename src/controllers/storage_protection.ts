// kube-controller-manager's pvc-protection and pv-protection controllers: a deleted claim keeps its
// `kubernetes.io/pvc-protection` finalizer while a pod that is not finished uses it; a deleted
// volume keeps `kubernetes.io/pv-protection` while it is bound (pkg/controller/volume/
// pvcprotection and pvprotection, v1.29–v1.36 alike). The StorageObjectInUseProtection admission
// plugin puts the finalizers on at create (src/api/defaults).

import type { KubeObject, StoreChange } from "../store/mod.ts";
import type { ControllerContext } from "./controller_context.ts";
import { finalizersOf, withoutFinalizer, writeIgnoringRace } from "./metadata.ts";

const CLAIMS = "persistentvolumeclaims";
const VOLUMES = "persistentvolumes";
const PODS = "pods";
/** The finalizers of the admission plugin (k8s.io/api core/v1 well-known finalizers). */
export const PVC_PROTECTION = "kubernetes.io/pvc-protection";
export const PV_PROTECTION = "kubernetes.io/pv-protection";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** Releases deleted claims and volumes once nothing uses them, driven by store events. */
export class StorageProtectionController {
  constructor(private readonly context: ControllerContext) {}

  /** Queues an existing claim or volume being deleted, at start-up. */
  sync(resource: string, object: KubeObject): void {
    this.observe({ type: "MODIFIED", resource, object } as StoreChange);
  }

  /** Queues a claim or volume being deleted, and the claims a finished or deleted pod used. */
  observe(change: StoreChange): void {
    const { object } = change;
    if (change.resource === CLAIMS || change.resource === VOLUMES) {
      if (change.type !== "DELETED" && object.metadata.deletionTimestamp) {
        this.#enqueue(change.resource, object.metadata.namespace, object.metadata.name ?? "");
      }
      return;
    }
    if (change.resource !== PODS) return;
    if (change.type !== "DELETED" && !isFinished(object)) return;
    for (const claim of claimsOf(object)) this.#enqueue(CLAIMS, object.metadata.namespace, claim);
  }

  #enqueue(resource: string, namespace: string | undefined, name: string): void {
    const key = `storage-protection/${resource}/${namespace ?? ""}/${name}`;
    this.context.queue.add(key, () => this.#reconcile(resource, namespace, name));
  }

  #reconcile(resource: string, namespace: string | undefined, name: string): void {
    const { store, options } = this.context;
    const type = options.resources(resource);
    if (!type) return;
    const object = store.get(type, namespace, name);
    const finalizer = resource === CLAIMS ? PVC_PROTECTION : PV_PROTECTION;
    if (!object?.metadata.deletionTimestamp || !finalizersOf(object).includes(finalizer)) return;
    if (resource === CLAIMS ? this.#claimInUse(namespace, name) : isBound(object)) return;
    writeIgnoringRace(() => store.update(type, withoutFinalizer(object, finalizer)));
  }

  // A pod of the claim's namespace that names it and has not finished (pvcprotection's podUsesPVC).
  #claimInUse(namespace: string | undefined, name: string): boolean {
    const pods = this.context.options.resources(PODS);
    if (!pods) return false;
    return this.context.store.list(pods, namespace).some((pod) =>
      !isFinished(pod) && claimsOf(pod).includes(name)
    );
  }
}

function claimsOf(pod: KubeObject): string[] {
  const volumes = (pod.spec as Loose)?.volumes;
  if (!Array.isArray(volumes)) return [];
  return volumes.flatMap((volume: Loose) => {
    const claim = volume?.persistentVolumeClaim?.claimName;
    return typeof claim === "string" ? [claim] : [];
  });
}

function isFinished(pod: KubeObject): boolean {
  const phase = (pod.status as Loose)?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

function isBound(volume: KubeObject): boolean {
  return (volume.status as Loose)?.phase === "Bound";
}
