// The StatefulSet controller: pods named by ordinal, started in order, and status.

import { type KubeObject, podGracefulDelete, type StoreChange } from "../../store/mod.ts";
import type { ControllerContext } from "../controller_context.ts";
import { withStatus } from "../status_write.ts";
import { controlledObjects, controllerOf, createAsController } from "../controlled_objects.ts";
import { templateHash } from "../deployment/mod.ts";
import { kubernetesMinor } from "../../api/version/mod.ts";
import { writeIgnoringRace } from "../metadata.ts";
import { controllerRef, podFromTemplate, type PodTemplate } from "../pod_template/mod.ts";
import { isPodActive, isPodReady, podStatus } from "../scheduling/mod.ts";

const PODS = "pods";
const STATEFUL_SETS = "apps/statefulsets";
/** Labels of StatefulSet pods (apps/v1 StatefulSetPodNameLabel, PodIndexLabel from 1.28). */
const POD_NAME = "statefulset.kubernetes.io/pod-name";
const POD_INDEX = "apps.kubernetes.io/pod-index";
const REVISION_HASH = "controller-revision-hash";

/** The parts of a StatefulSet the controller reads. */
interface StatefulSetSpec {
  replicas?: number;
  serviceName?: string;
  podManagementPolicy?: string;
  template?: PodTemplate;
}

/**
 * Keeps pods `<name>-0` … `<name>-(replicas-1)`: with OrderedReady (the default) one at a time,
 * each only after the lower ordinals run and are ready, scale-down from the highest ordinal;
 * with Parallel all at once. A changed template replaces pods from the highest ordinal, one
 * ready pod at a time (RollingUpdate). Status after pkg/controller/statefulset; revisions are
 * named `<name>-<hash>` but no ControllerRevision objects are written.
 */
export class StatefulSetController {
  constructor(private readonly context: ControllerContext) {}

  /** Queues every existing StatefulSet at start-up. */
  sync(resource: string, object: KubeObject): void {
    if (resource === STATEFUL_SETS) {
      this.#enqueue(object.metadata.namespace ?? "", object.metadata.name ?? "");
    }
  }

  /** Queues a StatefulSet when it or one of its pods changes. */
  observe(change: StoreChange): void {
    const { object } = change;
    if (change.resource === STATEFUL_SETS) {
      if (change.type !== "DELETED") {
        this.#enqueue(object.metadata.namespace ?? "", object.metadata.name ?? "");
      }
      return;
    }
    if (change.resource !== PODS) return;
    const owner = controllerOf(object);
    if (owner?.kind === "StatefulSet") this.#enqueue(object.metadata.namespace ?? "", owner.name);
  }

  #enqueue(namespace: string, name: string): void {
    this.context.queue.add(
      `statefulset/${namespace}/${name}`,
      () => this.#reconcile(namespace, name),
      true,
    );
  }

  #reconcile(namespace: string, name: string): void {
    const { store, options } = this.context;
    const sets = options.resources(STATEFUL_SETS);
    const pods = options.resources(PODS);
    const set = sets && store.get(sets, namespace, name);
    if (!sets || !pods || !set) return;
    const spec = (set.spec ?? {}) as StatefulSetSpec;
    const revision = `${name}-${templateHash(spec.template)}`;
    if (!set.metadata.deletionTimestamp) this.#manage(set, spec, revision);
    const owned = controlledObjects(this.context, set.metadata.uid ?? "", PODS).filter(isPodActive);
    const ready = owned.filter(isPodReady).length;
    const updated = owned.filter((p) => p.metadata.labels?.[REVISION_HASH] === revision).length;
    const previous = (set.status ?? {}) as { currentRevision?: string };
    const settled = updated === owned.length && owned.length === (spec.replicas ?? 1);
    const currentRevision = settled ? revision : previous.currentRevision ?? revision;
    const current =
      owned.filter((p) => p.metadata.labels?.[REVISION_HASH] === currentRevision).length;
    const status: Record<string, unknown> = {};
    if (set.metadata.generation) status.observedGeneration = set.metadata.generation;
    status.replicas = owned.length;
    if (ready > 0) status.readyReplicas = ready;
    if (current > 0) status.currentReplicas = current;
    if (updated > 0) status.updatedReplicas = updated;
    status.currentRevision = currentRevision;
    status.updateRevision = revision;
    status.collisionCount = 0;
    status.availableReplicas = ready;
    if (JSON.stringify(status) === JSON.stringify(set.status ?? {})) return;
    writeIgnoringRace(() => store.update(sets, withStatus(this.context, sets, set, status)));
  }

  #manage(set: KubeObject, spec: StatefulSetSpec, revision: string): void {
    const { store, options } = this.context;
    const pods = options.resources(PODS)!;
    const name = set.metadata.name ?? "";
    const namespace = set.metadata.namespace ?? "";
    const replicas = spec.replicas ?? 1;
    const ordered = spec.podManagementPolicy !== "Parallel";
    const byOrdinal = new Map<number, KubeObject>();
    for (const pod of controlledObjects(this.context, set.metadata.uid ?? "", PODS)) {
      const ordinal = ordinalOf(name, pod.metadata.name ?? "");
      if (ordinal !== undefined) byOrdinal.set(ordinal, pod);
    }
    const healthy = (pod: KubeObject | undefined) =>
      pod !== undefined && isPodActive(pod) && podStatus(pod).phase === "Running" &&
      isPodReady(pod);
    const remove = (pod: KubeObject) =>
      writeIgnoringRace(() =>
        store.delete(pods, namespace, pod.metadata.name ?? "", {
          preconditions: { uid: pod.metadata.uid },
          // kube-controller-manager's DELETE names no grace period: the pod's own applies.
          graceful: podGracefulDelete(pod, undefined),
        })
      );
    for (let i = 0; i < replicas; i++) {
      const pod = byOrdinal.get(i);
      if (pod && !isPodActive(pod)) {
        if (!pod.metadata.deletionTimestamp) remove(pod); // a finished pod is replaced
        if (ordered) return;
        continue;
      }
      if (!pod) {
        const podName = `${name}-${i}`;
        const labels: Record<string, string> = { [REVISION_HASH]: revision, [POD_NAME]: podName };
        if ((kubernetesMinor(options.kubernetesVersion?.()) ?? 0) >= 28) {
          labels[POD_INDEX] = String(i);
        }
        writeIgnoringRace(() =>
          createAsController(
            this.context,
            pods,
            podFromTemplate({
              template: spec.template ?? {},
              namespace,
              owner: controllerRef(set, "apps/v1", "StatefulSet"),
              name: podName,
              extraLabels: labels,
              spec: {
                hostname: podName,
                ...(spec.serviceName ? { subdomain: spec.serviceName } : {}),
              },
              random: options.random ?? Math.random,
            }),
          )
        );
        if (ordered) return;
        continue;
      }
      if (ordered && !healthy(pod)) return;
    }
    // Scale down from the highest ordinal, one at a time when ordered.
    const extra = [...byOrdinal.keys()].filter((i) => i >= replicas).sort((a, b) => b - a);
    for (const i of extra) {
      remove(byOrdinal.get(i)!);
      if (ordered) return;
    }
    // RollingUpdate: the highest out-of-date pod goes once every pod is ready.
    const all = [...byOrdinal.entries()].filter(([i]) => i < replicas);
    if (all.every(([, pod]) => healthy(pod))) {
      const stale = all.filter(([, pod]) => pod.metadata.labels?.[REVISION_HASH] !== revision)
        .sort(([a], [b]) => b - a)[0];
      if (stale) remove(stale[1]);
    }
  }
}

function ordinalOf(setName: string, podName: string): number | undefined {
  if (!podName.startsWith(`${setName}-`)) return undefined;
  const rest = podName.slice(setName.length + 1);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}
