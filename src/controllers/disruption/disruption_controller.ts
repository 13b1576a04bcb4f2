// The disruption controller: PodDisruptionBudget status from the pods its selector matches.

import { type KubeObject, kubeTimestamp, type StoreChange } from "../../store/mod.ts";
import { labelSelectorFromObject, type LabelSelectorObject } from "../../selectors/mod.ts";
import type { ControllerContext } from "../controller_context.ts";
import { controllerOf } from "../controlled_objects.ts";
import { writeIgnoringRace } from "../metadata.ts";
import { isPodReady } from "../scheduling/mod.ts";

const PODS = "pods";
const BUDGETS = "policy/poddisruptionbudgets";
// pkg/controller/disruption and policy/v1: the DisruptionAllowed condition's reasons.
const SUFFICIENT = "SufficientPods";
const INSUFFICIENT = "InsufficientPods";

/** `spec` of a PodDisruptionBudget. */
interface BudgetSpec {
  selector?: LabelSelectorObject;
  minAvailable?: number | string;
  maxUnavailable?: number | string;
}

/**
 * Writes `currentHealthy` (ready pods), `desiredHealthy`, `expectedPods`, `disruptionsAllowed`,
 * `observedGeneration` and the DisruptionAllowed condition: an integer minAvailable expects the
 * matching pods; maxUnavailable or a percentage expects the replicas their controllers ask for
 * (ReplicaSet, or its Deployment; StatefulSet), as upstream getExpectedPodCount.
 */
export class DisruptionController {
  constructor(private readonly context: ControllerContext) {}

  /** Queues every existing budget at start-up. */
  sync(resource: string, object: KubeObject): void {
    if (resource === BUDGETS) {
      this.#enqueue(object.metadata.namespace ?? "", object.metadata.name ?? "");
    }
  }

  /** Queues budgets when they change or a pod of their namespace changes. */
  observe(change: StoreChange): void {
    const { object } = change;
    const namespace = object.metadata.namespace ?? "";
    if (change.resource === BUDGETS) {
      if (change.type !== "DELETED") this.#enqueue(namespace, object.metadata.name ?? "");
      return;
    }
    if (change.resource !== PODS) return;
    const budgets = this.context.options.resources(BUDGETS);
    if (!budgets || this.context.store.count(budgets) === 0) return;
    for (const budget of this.context.store.list(budgets, namespace)) {
      this.#enqueue(namespace, budget.metadata.name ?? "");
    }
  }

  #enqueue(namespace: string, name: string): void {
    this.context.queue.add(
      `disruption/${namespace}/${name}`,
      () => this.#reconcile(namespace, name),
      true,
    );
  }

  #reconcile(namespace: string, name: string): void {
    const { store, options } = this.context;
    const budgets = options.resources(BUDGETS);
    const pods = options.resources(PODS);
    const budget = budgets && store.get(budgets, namespace, name);
    if (!budgets || !pods || !budget) return;
    const spec = (budget.spec ?? {}) as BudgetSpec;
    let selected: KubeObject[];
    try {
      const selector = labelSelectorFromObject(spec.selector ?? {});
      selected = store.list(pods, namespace).filter((p) =>
        !p.metadata.deletionTimestamp && selector.matches(p.metadata.labels)
      );
    } catch {
      return; // an invalid selector: upstream records an event and leaves the status
    }
    const currentHealthy = selected.filter(isPodReady).length;
    let expectedPods: number;
    let desiredHealthy: number;
    if (typeof spec.minAvailable === "number") {
      expectedPods = selected.length;
      desiredHealthy = spec.minAvailable;
    } else {
      expectedPods = this.#expectedScale(selected);
      if (spec.maxUnavailable !== undefined) {
        desiredHealthy = Math.max(
          0,
          expectedPods - scaled(spec.maxUnavailable, expectedPods, true),
        );
      } else {
        desiredHealthy = scaled(spec.minAvailable ?? 1, expectedPods, true);
      }
    }
    const disruptionsAllowed = Math.max(0, currentHealthy - desiredHealthy);
    const previous = (budget.status ?? {}) as {
      conditions?: { status: string; lastTransitionTime?: string }[];
    };
    const allowed = disruptionsAllowed > 0 ? "True" : "False";
    const old = previous.conditions?.find((c) =>
      (c as { type?: string }).type === "DisruptionAllowed"
    );
    const status = {
      observedGeneration: budget.metadata.generation,
      disruptionsAllowed,
      currentHealthy,
      desiredHealthy,
      expectedPods,
      conditions: [{
        type: "DisruptionAllowed",
        status: allowed,
        observedGeneration: budget.metadata.generation,
        lastTransitionTime: old?.status === allowed && old.lastTransitionTime
          ? old.lastTransitionTime
          : kubeTimestamp(options.now()),
        reason: disruptionsAllowed > 0 ? SUFFICIENT : INSUFFICIENT,
        message: "",
      }],
    };
    if (JSON.stringify(status) === JSON.stringify(budget.status ?? {})) return;
    writeIgnoringRace(() => store.update(budgets, { ...budget, status }));
  }

  // The replicas the pods' controllers want, each controller counted once.
  #expectedScale(selected: readonly KubeObject[]): number {
    const { store, options } = this.context;
    const seen = new Set<string>();
    let total = 0;
    for (const pod of selected) {
      const owner = controllerOf(pod);
      if (!owner) continue;
      let scaleOwner: KubeObject | undefined;
      if (owner.kind === "ReplicaSet") {
        const rs = store.get(
          options.resources("apps/replicasets")!,
          pod.metadata.namespace,
          owner.name,
        );
        const deployment = rs && controllerOf(rs);
        scaleOwner = deployment?.kind === "Deployment"
          ? store.get(
            options.resources("apps/deployments")!,
            pod.metadata.namespace,
            deployment.name,
          )
          : rs;
      } else if (owner.kind === "StatefulSet") {
        scaleOwner = store.get(
          options.resources("apps/statefulsets")!,
          pod.metadata.namespace,
          owner.name,
        );
      }
      const uid = scaleOwner?.metadata.uid;
      if (!scaleOwner || !uid || seen.has(uid)) continue;
      seen.add(uid);
      total += (scaleOwner.spec as { replicas?: number }).replicas ?? 1;
    }
    return total;
  }
}

// intstr.GetScaledValueFromIntOrPercent.
function scaled(value: number | string, total: number, roundUp: boolean): number {
  if (typeof value === "number") return value;
  const match = /^(\d+)%$/.exec(value);
  if (!match) return Number.parseInt(value, 10) || 0;
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
