// POST pods/<name>/eviction: delete the pod unless a PodDisruptionBudget forbids it (429).

import { BUILTIN_CATALOG } from "../resources/mod.ts";
import { labelSelectorFromObject, type LabelSelectorObject } from "../selectors/mod.ts";
import { type KubeObject, kubeTimestamp, podGracefulDelete } from "../store/mod.ts";
import { checkPreconditions, type DeleteRequest, parseDeleteOptions } from "./delete_handlers.ts";
import { isDryRun } from "./dry_run.ts";
import type { ServedCluster } from "./kube_env.ts";
import type { ResourceTarget } from "./resource_path.ts";
import { StatusError } from "./status_error.ts";
import { write } from "./write_handlers.ts";

const PODS = BUILTIN_CATALOG.byKey("pods")!;
const PDBS = BUILTIN_CATALOG.byKey("policy/poddisruptionbudgets")!;

// deno-lint-ignore no-explicit-any
type Loose = any;

/** Evicts a pod; answers the 201 Success Status the apiserver sends. */
export function evictPod(
  cluster: ServedCluster,
  target: ResourceTarget & { name: string },
  body: unknown,
  query: URLSearchParams = new URLSearchParams(),
  now: Date = new Date(),
): unknown {
  const eviction = (body ?? {}) as Loose;
  if (eviction.kind !== undefined && eviction.kind !== "Eviction") {
    throw StatusError.badRequest(`expected Eviction, got ${eviction.kind}`);
  }
  if (eviction.metadata?.name !== undefined && eviction.metadata.name !== target.name) {
    throw StatusError.badRequest(
      `name in URL does not match name in Eviction object`,
    );
  }
  const pod = cluster.store.get(PODS, target.namespace, target.name);
  if (!pod) throw StatusError.notFound(PODS, target.name);
  // The Eviction's own DeleteOptions; the POST's dryRun applies as well (`propagateDryRun`).
  const deleteOptions = parseDeleteOptions(
    eviction.deleteOptions ?? {},
    query,
    cluster.kubernetesVersion,
  );
  const options: DeleteRequest = {
    ...deleteOptions,
    dryRun: deleteOptions.dryRun || isDryRun(query),
  };
  if (!pod.metadata.deletionTimestamp && isHealthy(pod)) checkBudgets(cluster, pod);
  // addConditionAndDeletePod: the DisruptionTarget condition first (straight to storage, no
  // managedFields entry), then the delete as a DELETE with the Eviction's options: gracefully.
  let { preconditions } = options;
  if (!options.dryRun) {
    checkPreconditions(PODS, pod, preconditions);
    const marked = write(PODS, () => cluster.store.update(PODS, disruptionTarget(pod, now)));
    if (preconditions.resourceVersion) {
      preconditions = { ...preconditions, resourceVersion: marked.metadata.resourceVersion };
    }
  }
  const current = cluster.store.get(PODS, target.namespace, target.name) ?? pod;
  write(PODS, () =>
    cluster.store.delete(PODS, target.namespace, target.name, {
      preconditions,
      dryRun: options.dryRun,
      graceful: podGracefulDelete(current, options.gracePeriodSeconds),
    }));
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 };
}

// podutil.UpdatePodCondition with DisruptionTarget=True, reason EvictionByEvictionAPI: stamped now
// unless the condition was True already.
function disruptionTarget(pod: KubeObject, now: Date): KubeObject {
  const status = { ...((pod.status ?? {}) as Loose) };
  const list: Loose[] = Array.isArray(status.conditions) ? [...status.conditions] : [];
  const at = list.findIndex((c) => c?.type === "DisruptionTarget");
  const old = at === -1 ? undefined : list[at];
  const condition = {
    type: "DisruptionTarget",
    status: "True",
    lastProbeTime: old?.lastProbeTime ?? null,
    lastTransitionTime: old?.status === "True" ? old.lastTransitionTime : kubeTimestamp(now),
    reason: "EvictionByEvictionAPI",
    message: "Eviction API: evicting",
  };
  if (at === -1) list.push(condition);
  else list[at] = condition;
  return { ...pod, status: { ...status, conditions: list } };
}

function checkBudgets(cluster: ServedCluster, pod: KubeObject): void {
  const namespace = pod.metadata.namespace!;
  const pods = cluster.store.list(PODS, namespace);
  for (const pdb of cluster.store.list(PDBS, namespace)) {
    const spec = (pdb.spec ?? {}) as Loose;
    const selector = labelSelectorFromObject(spec.selector as LabelSelectorObject | undefined);
    if (!selector.matches(pod.metadata.labels)) continue;
    const matching = pods.filter((p) => selector.matches(p.metadata.labels));
    const healthy = matching.filter(isHealthy).length;
    const desired = desiredHealthy(spec, matching.length);
    if (healthy - desired <= 0) {
      throw new StatusError(
        429,
        "TooManyRequests",
        "Cannot evict pod as it would violate the pod's disruption budget.",
        {
          causes: [{
            reason: "DisruptionBudget",
            message:
              `The disruption budget ${pdb.metadata.name} needs ${desired} healthy pods and has ${healthy} currently`,
          }],
        },
      );
    }
  }
}

// minAvailable / maxUnavailable as numbers or percentages of the matching pods, rounded up.
function desiredHealthy(spec: Loose, expected: number): number {
  const resolve = (value: unknown) =>
    typeof value === "string" && value.endsWith("%")
      ? Math.ceil(expected * Number(value.slice(0, -1)) / 100)
      : Number(value);
  if (spec.minAvailable !== undefined) return resolve(spec.minAvailable);
  if (spec.maxUnavailable !== undefined) {
    return Math.max(0, expected - resolve(spec.maxUnavailable));
  }
  return 0;
}

function isHealthy(pod: KubeObject): boolean {
  const status = (pod.status ?? {}) as Loose;
  return status.phase === "Running" &&
    (status.conditions ?? []).some((c: Loose) => c.type === "Ready" && c.status === "True");
}
