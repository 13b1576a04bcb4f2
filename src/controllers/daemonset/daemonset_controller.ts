// The DaemonSet controller: one pod on every node the template selects and tolerates, and status.

import { type KubeObject, podGracefulDelete, SmallMap, type StoreChange } from "../../store/mod.ts";
import type { ControllerContext } from "../controller_context.ts";
import { withStatus } from "../status_write.ts";
import { controllerOf, createWithGeneratedName } from "../controlled_objects.ts";
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

/** Whether a DaemonSet's pod should run on a node, for that version of the node. */
interface NodeAnswer {
  readonly node: KubeObject;
  readonly runs: boolean;
}

/**
 * Creates a pod per eligible node (nodeSelector, required node affinity, taints against the
 * template's and the daemon default tolerations), pinned by node affinity on `metadata.name` and
 * bound by the scheduler, as upstream since 1.12; deletes pods on nodes no longer eligible and
 * replaces out-of-date pods one unavailable at a time (RollingUpdate, maxUnavailable 1).
 */
export class DaemonSetController {
  // Per DaemonSet (uid): whether each node should run its pod, for the template of `hash`, and
  // the node object the answer is for. Stored node objects are replaced on change, so a node's
  // answer is asked once per version instead of at every sync (a sync walks every node: 1,000
  // nodes, thousands of syncs). A table by node name rather than a WeakMap by node object: a JSC
  // WeakMap costs ~1.8 KB in each of 10,000 clusters, a Map 256 bytes, a SmallMap of 4 ~100.
  readonly #eligible = new SmallMap<{ hash: string; nodes: SmallMap<NodeAnswer> }>();
  // The pods each DaemonSet (uid) controls, by pod uid, as the store's events leave them: a sync
  // reads them here instead of fetching each from the store.
  readonly #pods = new SmallMap<SmallMap<KubeObject>>();

  constructor(private readonly context: ControllerContext) {}

  /** Queues every existing DaemonSet at start-up, and notes which pods they control. */
  sync(resource: string, object: KubeObject): void {
    if (resource === DAEMON_SETS) {
      this.#enqueue(object.metadata.namespace ?? "", object.metadata.name ?? "");
    }
    if (resource === PODS) this.#track(undefined, object);
  }

  /** Queues DaemonSets when they, their pods or any node change. */
  observe(change: StoreChange): void {
    const { object } = change;
    if (change.resource === DAEMON_SETS) {
      if (change.type !== "DELETED") {
        this.#enqueue(object.metadata.namespace ?? "", object.metadata.name ?? "");
      } else {
        this.#eligible.delete(object.metadata.uid ?? "");
        this.#pods.delete(object.metadata.uid ?? "");
      }
      return;
    }
    if (change.resource === NODES) {
      if (change.type === "DELETED") {
        for (const known of this.#eligible.values()) known.nodes.delete(object.metadata.name ?? "");
      }
      if (change.type === "MODIFIED" && !nodeChangeMatters(change.previous, object)) return;
      const daemonSets = this.context.options.resources(DAEMON_SETS);
      for (const ds of daemonSets ? this.context.store.list(daemonSets) : []) {
        this.#enqueue(ds.metadata.namespace ?? "", ds.metadata.name ?? "");
      }
      return;
    }
    if (change.resource !== PODS) return;
    this.#track(change.previous, change.type === "DELETED" ? undefined : object);
    const owner = controllerOf(object);
    if (owner?.kind === "DaemonSet") this.#enqueue(object.metadata.namespace ?? "", owner.name);
  }

  // Moves a pod between the DaemonSets controlling it before and after a change.
  #track(previous: KubeObject | undefined, pod: KubeObject | undefined): void {
    const uid = (pod ?? previous)?.metadata.uid ?? "";
    const before = previous && daemonSetOwner(previous);
    const after = pod && daemonSetOwner(pod);
    if (before && before !== after) {
      const pods = this.#pods.get(before);
      pods?.delete(uid);
      if (pods?.size === 0) this.#pods.delete(before);
    }
    if (!after) return;
    let pods = this.#pods.get(after);
    if (!pods) this.#pods.set(after, pods = new SmallMap());
    pods.set(uid, pod!);
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
    const eligible = this.#eligibility(ds, templateSpec, hash);
    let byNode = this.#podsByNode(ds);
    const revision = store.revision;
    if (
      !ds.metadata.deletionTimestamp &&
      this.#manage(ds, template, templateSpec, hash, nodes, eligible, new Map(byNode))
    ) {
      // The pods just written come back as changes that queue this DaemonSet again, behind the
      // scheduler and kubelets: its status is written then, once, rather than now (scheduled, not
      // yet ready) and again when they run. At 10,000 clusters each write saved is CPU at boot and
      // an old version fewer in every cluster's watch history.
      if (store.revision !== revision) return;
      byNode = this.#podsByNode(ds);
    }
    const status = daemonSetStatus(ds, hash, nodes, byNode, eligible);
    if (JSON.stringify(status) === JSON.stringify(ds.status ?? {})) return;
    writeIgnoringRace(() =>
      store.update(daemonSets, withStatus(this.context, daemonSets, ds, status))
    );
  }

  #eligibility(ds: KubeObject, spec: PodSpecView, hash: string): (node: KubeObject) => boolean {
    const uid = ds.metadata.uid ?? "";
    let known = this.#eligible.get(uid);
    if (known?.hash !== hash) this.#eligible.set(uid, known = { hash, nodes: new SmallMap() });
    const { nodes } = known;
    const tolerations = daemonTolerations(spec);
    return (node) => {
      const name = node.metadata.name ?? "";
      const cached = nodes.get(name);
      if (cached?.node === node) return cached.runs;
      const runs = shouldRunOn(spec, node, tolerations);
      nodes.set(name, { node, runs });
      return runs;
    };
  }

  #podsByNode(ds: KubeObject): Map<string, KubeObject[]> {
    const byNode = new Map<string, KubeObject[]>();
    for (const pod of this.#pods.get(ds.metadata.uid ?? "")?.values() ?? []) {
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
    eligible: (node: KubeObject) => boolean,
    byNode: Map<string, KubeObject[]>,
  ): boolean {
    const { store, options } = this.context;
    const pods = options.resources(PODS)!;
    const owner = controllerRef(ds, "apps/v1", "DaemonSet");
    let wrote = false;
    // kube-controller-manager's DELETE names no grace period: the pod's own applies. A pod whose
    // node is gone has no kubelet to confirm it: it goes at once, as the pod GC controller would
    // force it after its quarantine.
    const remove = (pod: KubeObject, nodeGone = false) => {
      wrote = true;
      writeIgnoringRace(() =>
        store.delete(pods, pod.metadata.namespace, pod.metadata.name ?? "", {
          preconditions: { uid: pod.metadata.uid },
          ...(nodeGone ? {} : { graceful: podGracefulDelete(pod, undefined) }),
        })
      );
    };
    let unavailable = 0;
    const stale: KubeObject[] = [];
    for (const node of nodes) {
      const nodeName = node.metadata.name ?? "";
      const existing = byNode.get(nodeName) ?? [];
      byNode.delete(nodeName);
      if (!eligible(node)) {
        existing.forEach((pod) => remove(pod));
        continue;
      }
      if (existing.length === 0) {
        unavailable++;
        wrote = true;
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
            sameFields: true,
          }));
        continue;
      }
      existing.slice(1).forEach((pod) => remove(pod)); // duplicates: keep the oldest
      if (!isPodReady(existing[0])) unavailable++;
      else if (existing[0].metadata.labels?.[REVISION_HASH] !== hash) stale.push(existing[0]);
    }
    for (const orphaned of byNode.values()) orphaned.forEach((pod) => remove(pod, true));
    if (unavailable === 0 && stale.length > 0) remove(stale[0]);
    return wrote;
  }
}

/** DaemonSetStatus from the pods found per node (upstream updateDaemonSetStatus). */
export function daemonSetStatus(
  ds: KubeObject,
  hash: string,
  nodes: readonly KubeObject[],
  byNode: ReadonlyMap<string, KubeObject[]>,
  eligible: (node: KubeObject) => boolean,
): Record<string, unknown> {
  let desired = 0, current = 0, misscheduled = 0, ready = 0, updated = 0;
  for (const node of nodes) {
    const pods = byNode.get(node.metadata.name ?? "") ?? [];
    if (!eligible(node)) {
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

// The uid of the DaemonSet controlling a pod, if one does.
function daemonSetOwner(pod: KubeObject): string | undefined {
  const owner = controllerOf(pod);
  return owner?.kind === "DaemonSet" ? owner.uid : undefined;
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
  const taints = (object: KubeObject) => (object.spec as { taints?: unknown } | undefined)?.taints;
  // A status write keeps the labels and taints as the very same values: no text to compare.
  if (previous.metadata.labels === node.metadata.labels && taints(previous) === taints(node)) {
    return false;
  }
  return JSON.stringify([
    previous.metadata.labels,
    (previous.spec as { taints?: unknown })?.taints,
  ]) !==
    JSON.stringify([node.metadata.labels, (node.spec as { taints?: unknown })?.taints]);
}
