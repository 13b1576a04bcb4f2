// The ReplicaSet controller: as many active pods as `spec.replicas`, and the counts in status.

import { type KubeObject, podGracefulDelete, type StoreChange } from "../../store/mod.ts";
import { labelSelectorFromObject, type LabelSelectorObject } from "../../selectors/mod.ts";
import type { ControllerContext } from "../controller_context.ts";
import { withStatus } from "../status_write.ts";
import { controlledObjects, controllerOf, createWithGeneratedName } from "../controlled_objects.ts";
import { writeIgnoringRace } from "../metadata.ts";
import { controllerRef, podFromTemplate, type PodTemplate } from "../pod_template/mod.ts";
import { isPodActive, isPodReady, podSpec, podStatus } from "../scheduling/mod.ts";
import { type ReplicaFailure, withReplicaFailure } from "./replica_failure.ts";

const PODS = "pods";
const REPLICA_SETS = "apps/replicasets";
/** Pods created or deleted per sync (kube-controller-manager's BurstReplicas); the pods' own
 * events bring the ReplicaSet back for the rest. */
const BURST_REPLICAS = 500;

/** The parts of a ReplicaSet the controller reads. */
interface ReplicaSetSpec {
  replicas?: number;
  selector?: LabelSelectorObject;
  template?: PodTemplate;
  minReadySeconds?: number;
}

/**
 * Creates pods from the template while fewer than `spec.replicas` are active, deletes the least
 * valuable when more (upstream `getPodsToDelete` ranking: unscheduled, pending, not ready, newer
 * first), and writes `status` (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas,
 * observedGeneration) after upstream `pkg/controller/replicaset`. Orphan adoption is not modelled.
 */
export class ReplicaSetController {
  constructor(private readonly context: ControllerContext) {}

  /** Queues every existing ReplicaSet at start-up. */
  sync(resource: string, object: KubeObject): void {
    if (resource === REPLICA_SETS) {
      this.#enqueue(object.metadata.namespace ?? "", object.metadata.name ?? "");
    }
  }

  /** Queues a ReplicaSet when it or one of its pods changes. */
  observe(change: StoreChange): void {
    const { object } = change;
    if (change.resource === REPLICA_SETS) {
      if (change.type === "DELETED") return;
      this.#enqueue(object.metadata.namespace ?? "", object.metadata.name ?? "");
      return;
    }
    if (change.resource !== PODS) return;
    const owner = controllerOf(object);
    if (owner?.kind === "ReplicaSet") this.#enqueue(object.metadata.namespace ?? "", owner.name);
  }

  #enqueue(namespace: string, name: string): void {
    this.context.queue.add(
      `replicaset/${namespace}/${name}`,
      () => this.#reconcile(namespace, name),
      true,
    );
  }

  #reconcile(namespace: string, name: string): void {
    const { store, options } = this.context;
    const resource = options.resources(REPLICA_SETS);
    const rs = resource && store.get(resource, namespace, name);
    if (!resource || !rs) return;
    const uid = rs.metadata.uid ?? "";
    const spec = (rs.spec ?? {}) as ReplicaSetSpec;
    const active = controlledObjects(this.context, uid, PODS).filter(isPodActive);
    const revision = store.revision;
    let failure: ReplicaFailure | undefined;
    let failed: unknown;
    try {
      if (!rs.metadata.deletionTimestamp && this.#manage(rs, spec, active)) {
        // The last burst's pods come back as changes that queue this ReplicaSet again, behind the
        // scheduler and kubelets: one status write then instead of one now and one when they run
        // (fewer writes at boot, an old version fewer in the watch history). A scale-up of more
        // than one burst still writes its progress after each burst.
        if (store.revision !== revision) return;
      }
    } catch (error) {
      // Upstream syncReplicaSet: a create refused (etcd full) still writes the status, with
      // ReplicaFailure, and the sync's error sends the key back with backoff (AddRateLimited).
      failed = error;
      failure = {
        message: error instanceof Error ? error.message : String(error),
        diff: active.length - (spec.replicas ?? 1),
        now: options.now(),
      };
    }
    const after = controlledObjects(this.context, uid, PODS).filter(isPodActive);
    const status = replicaSetStatus(rs, spec, after, failure);
    if (JSON.stringify(status) !== JSON.stringify(rs.status ?? {})) {
      writeIgnoringRace(() =>
        store.update(resource, withStatus(this.context, resource, rs, status))
      );
    }
    if (failed !== undefined) throw failed;
  }

  // Creates or deletes up to a burst of pods; true when that was the whole difference.
  #manage(rs: KubeObject, spec: ReplicaSetSpec, active: KubeObject[]): boolean {
    const { store, options } = this.context;
    const pods = options.resources(PODS);
    if (!pods) return false;
    const wanted = (spec.replicas ?? 1) - active.length;
    const diff = Math.max(-BURST_REPLICAS, Math.min(BURST_REPLICAS, wanted));
    if (diff > 0) {
      const owner = controllerRef(rs, "apps/v1", "ReplicaSet");
      const random = options.random ?? Math.random;
      for (let i = 0; i < diff; i++) {
        createWithGeneratedName(this.context, PODS, () =>
          podFromTemplate({
            template: spec.template ?? {},
            namespace: rs.metadata.namespace ?? "",
            owner,
            random,
          }));
      }
      return diff === wanted;
    }
    for (const pod of podsToDelete(active, -diff)) {
      writeIgnoringRace(() =>
        store.delete(pods, pod.metadata.namespace, pod.metadata.name ?? "", {
          preconditions: { uid: pod.metadata.uid },
          // kube-controller-manager's DELETE names no grace period: the pod's own applies.
          graceful: podGracefulDelete(pod, undefined),
        })
      );
    }
    return diff !== 0 && diff === wanted;
  }
}

/**
 * The status the controller writes for the active pods it found and the sync's failure to create
 * or delete them, if any (upstream calculateStatus).
 */
export function replicaSetStatus(
  rs: KubeObject,
  spec: ReplicaSetSpec,
  active: readonly KubeObject[],
  failure?: ReplicaFailure,
): Record<string, unknown> {
  const templateLabels = labelSelectorFromObject({
    matchLabels: spec.template?.metadata?.labels ?? {},
  });
  let fullyLabeled = 0;
  let ready = 0;
  for (const pod of active) {
    if (templateLabels.matches(pod.metadata.labels)) fullyLabeled++;
    if (isPodReady(pod)) ready++;
  }
  const previous = (rs.status ?? {}) as { conditions?: readonly Record<string, unknown>[] };
  // Zero counts are omitted on the wire (omitempty), except replicas.
  const status: Record<string, unknown> = { replicas: active.length };
  if (fullyLabeled > 0) status.fullyLabeledReplicas = fullyLabeled;
  if (ready > 0) status.readyReplicas = ready;
  if (ready > 0) status.availableReplicas = ready; // minReadySeconds is not waited for
  if (rs.metadata.generation) status.observedGeneration = rs.metadata.generation;
  const conditions = withReplicaFailure(previous.conditions, failure);
  if (conditions) status.conditions = conditions;
  return status;
}

// Upstream ActivePods ranking, most deletable first: unassigned before assigned, Pending before
// Unknown before Running, not ready before ready, newer before older.
function podsToDelete(active: readonly KubeObject[], count: number): KubeObject[] {
  const phaseRank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
  const rank = (pod: KubeObject) => [
    podSpec(pod).nodeName ? 1 : 0,
    phaseRank[podStatus(pod).phase ?? "Pending"] ?? 0,
    isPodReady(pod) ? 1 : 0,
  ];
  return [...active].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
    const ta = a.metadata.creationTimestamp ?? "";
    const tb = b.metadata.creationTimestamp ?? "";
    return ta < tb ? 1 : ta > tb ? -1 : 0;
  }).slice(0, count);
}
