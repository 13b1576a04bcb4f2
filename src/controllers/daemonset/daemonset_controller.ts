// The DaemonSet controller: one pod on every node the template selects and tolerates, and status.

import type { KubeObject, StoreChange } from "../../store/mod.ts";
import type { ControllerContext } from "../controller_context.ts";
import { controlledObjects, controllerOf, createWithGeneratedName } from "../controlled_objects.ts";
import { templateHash } from "../deployment/mod.ts";
import { writeIgnoringRace } from "../metadata.ts";
import { controllerRef, podFromTemplate, type PodTemplate } from "../pod_template/mod.ts";
import { isPodActive, isPodReady, podSpec, type PodSpecView } from "../scheduling/mod.ts";
import { daemonTolerations, shouldRunOn } from "./daemon_tolerations.ts";

const PODS = "pods";
const NODES = "nodes";
const DAEMON_SETS = "apps/daemonsets";
/** Labels of daemon pods (apps/v1 ControllerRevisionHashLabelKey, DaemonSetTemplateGenerationKey). */
const REVISION_HASH = "controller-revision-hash";
const TEMPLATE_GENERATION = "pod-template-generation";

/**
 * Creates a pod per eligible node (nodeSelector, required node affinity, taints against the
 * template's and the daemon default tolerations), pinned by node affinity on `metadata.name` and
 * bound by the scheduler, as upstream since 1.12; deletes pods on nodes no longer eligible and
 * replaces out-of-date pods one unavailable at a time (RollingUpdate, maxUnavailable 1).
 */
export class DaemonSetController {
  constructor(private readonly context: ControllerContext) {}

  /** Queues every existing DaemonSet at start-up. */
  sync(resource: string, object: KubeObject): void {
    if (resource === DAEMON_SETS) {
      this.#enqueue(object.metadata.namespace ?? "", object.metadata.name ?? "");
    }
  }

  /** Queues DaemonSets when they, their pods or any node change. */
  observe(change: StoreChange): void {
    const { object } = change;
    if (change.resource === DAEMON_SETS) {
      if (change.type !== "DELETED") {
        this.#enqueue(object.metadata.namespace ?? "", object.metadata.name ?? "");
      }
      return;
    }
    if (change.resource === NODES) {
      if (change.type === "MODIFIED" && !nodeChangeMatters(change.previous, object)) return;
      const daemonSets = this.context.options.resources(DAEMON_SETS);
      for (const ds of daemonSets ? this.context.store.list(daemonSets) : []) {
        this.#enqueue(ds.metadata.namespace ?? "", ds.metadata.name ?? "");
      }
      return;
    }
    if (change.resource !== PODS) return;
    const owner = controllerOf(object);
    if (owner?.kind === "DaemonSet") this.#enqueue(object.metadata.namespace ?? "", owner.name);
  }

  #enqueue(namespace: string, name: string): void {
    this.context.queue.add(
      `daemonset/${namespace}/${name}`,
      () => this.#reconcile(namespace, name),
      true,
    );
  }

  #reconcile(namespace: string, name: string): void {
    const { store, options } = this.context;
    const daemonSets = options.resources(DAEMON_SETS);
    const nodesResource = options.resources(NODES);
    const pods = options.resources(PODS);
    const ds = daemonSets && store.get(daemonSets, namespace, name);
    if (!daemonSets || !nodesResource || !pods || !ds) return;
    const template = (ds.spec as { template?: PodTemplate } | undefined)?.template ?? {};
    const templateSpec = (template.spec ?? {}) as PodSpecView;
    const hash = templateHash(template);
    const nodes = store.list(nodesResource);
    if (!ds.metadata.deletionTimestamp) this.#manage(ds, template, templateSpec, hash, nodes);
    const status = daemonSetStatus(ds, templateSpec, hash, nodes, this.#podsByNode(ds));
    if (JSON.stringify(status) === JSON.stringify(ds.status ?? {})) return;
    writeIgnoringRace(() => store.update(daemonSets, { ...ds, status }));
  }

  #podsByNode(ds: KubeObject): Map<string, KubeObject[]> {
    const byNode = new Map<string, KubeObject[]>();
    for (const pod of controlledObjects(this.context, ds.metadata.uid ?? "", PODS)) {
      if (!isPodActive(pod)) continue;
      const node = targetNode(pod);
      if (!node) continue;
      const list = byNode.get(node);
      if (list) list.push(pod);
      else byNode.set(node, [pod]);
    }
    return byNode;
  }

  #manage(
    ds: KubeObject,
    template: PodTemplate,
    spec: PodSpecView,
    hash: string,
    nodes: KubeObject[],
  ): void {
    const { store, options } = this.context;
    const pods = options.resources(PODS)!;
    const byNode = this.#podsByNode(ds);
    const owner = controllerRef(ds, "apps/v1", "DaemonSet");
    const remove = (pod: KubeObject) =>
      writeIgnoringRace(() =>
        store.delete(pods, pod.metadata.namespace, pod.metadata.name ?? "", {
          preconditions: { uid: pod.metadata.uid },
        })
      );
    let unavailable = 0;
    const stale: KubeObject[] = [];
    for (const node of nodes) {
      const nodeName = node.metadata.name ?? "";
      const existing = byNode.get(nodeName) ?? [];
      byNode.delete(nodeName);
      if (!shouldRunOn(spec, node)) {
        existing.forEach(remove);
        continue;
      }
      if (existing.length === 0) {
        unavailable++;
        createWithGeneratedName(this.context, PODS, () =>
          podFromTemplate({
            template,
            namespace: ds.metadata.namespace ?? "",
            owner,
            random: options.random ?? Math.random,
            extraLabels: {
              [REVISION_HASH]: hash,
              [TEMPLATE_GENERATION]: String(ds.metadata.generation ?? 1),
            },
            spec: {
              affinity: pinnedAffinity(spec, nodeName),
              tolerations: daemonTolerations(spec),
            },
          }));
        continue;
      }
      existing.slice(1).forEach(remove); // duplicates: keep the oldest
      if (!isPodReady(existing[0])) unavailable++;
      else if (existing[0].metadata.labels?.[REVISION_HASH] !== hash) stale.push(existing[0]);
    }
    for (const orphaned of byNode.values()) orphaned.forEach(remove); // their node is gone
    if (unavailable === 0 && stale.length > 0) remove(stale[0]);
  }
}

/** DaemonSetStatus from the pods found per node (upstream updateDaemonSetStatus). */
export function daemonSetStatus(
  ds: KubeObject,
  spec: PodSpecView,
  hash: string,
  nodes: readonly KubeObject[],
  byNode: ReadonlyMap<string, KubeObject[]>,
): Record<string, unknown> {
  let desired = 0, current = 0, misscheduled = 0, ready = 0, updated = 0;
  for (const node of nodes) {
    const pods = byNode.get(node.metadata.name ?? "") ?? [];
    if (!shouldRunOn(spec, node)) {
      if (pods.length > 0) misscheduled++;
      continue;
    }
    desired++;
    if (pods.length === 0) continue;
    current++;
    if (isPodReady(pods[0])) ready++;
    if (pods[0].metadata.labels?.[REVISION_HASH] === hash) updated++;
  }
  const status: Record<string, unknown> = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
  };
  if (ds.metadata.generation) status.observedGeneration = ds.metadata.generation;
  if (updated > 0) status.updatedNumberScheduled = updated;
  if (ready > 0) status.numberAvailable = ready;
  if (desired - ready > 0) status.numberUnavailable = desired - ready;
  return status;
}

// ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity names exactly one node.
function pinnedAffinity(spec: PodSpecView, nodeName: string): Record<string, unknown> {
  const affinity = (spec.affinity ?? {}) as Record<string, unknown>;
  const nodeAffinity = (affinity.nodeAffinity ?? {}) as Record<string, unknown>;
  return {
    ...affinity,
    nodeAffinity: {
      ...nodeAffinity,
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{
          matchFields: [{ key: "metadata.name", operator: "In", values: [nodeName] }],
        }],
      },
    },
  };
}

// The node a daemon pod is bound to, or the one its affinity pins it to while pending.
function targetNode(pod: KubeObject): string | undefined {
  const spec = podSpec(pod);
  if (spec.nodeName) return spec.nodeName;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    ?.nodeSelectorTerms;
  return terms?.[0]?.matchFields?.find((f) => f.key === "metadata.name")?.values?.[0];
}

// Only labels, taints and existence decide eligibility; status heartbeats do not.
function nodeChangeMatters(previous: KubeObject | undefined, node: KubeObject): boolean {
  if (!previous) return true;
  return JSON.stringify([
    previous.metadata.labels,
    (previous.spec as { taints?: unknown })?.taints,
  ]) !==
    JSON.stringify([node.metadata.labels, (node.spec as { taints?: unknown })?.taints]);
}
