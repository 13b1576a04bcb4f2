// kube-controller-manager's clusterrole-aggregation controller: aggregated ClusterRoles gather labelled rules.
//
// After pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go (v1.29–v1.36
// alike): any ClusterRole change queues every ClusterRole with an `aggregationRule`; its sync
// walks the selectors in order, each selecting ClusterRoles sorted by name (itself excluded),
// and appends every rule not already present; it writes only when the result differs
// (`equality.Semantic.DeepEqual`, for which no rules and an empty list are the same).

import { labelSelectorFromObject, type LabelSelectorObject } from "../selectors/mod.ts";
import { deepEqual, type KubeObject, type StoreChange } from "../store/mod.ts";
import type { ControllerContext } from "./controller_context.ts";

const CLUSTER_ROLES = "rbac.authorization.k8s.io/clusterroles";

interface AggregationRule {
  clusterRoleSelectors?: LabelSelectorObject[] | null;
}

/** Keeps the rules of aggregated ClusterRoles in step with the roles their selectors match. */
export class ClusterRoleAggregationController {
  /** Names of the ClusterRoles that aggregate, so a change queues only them. */
  readonly #aggregating = new Set<string>();

  constructor(private readonly context: ControllerContext) {}

  /** Notes an existing ClusterRole at start-up and queues the aggregating ones. */
  sync(resource: string, object: KubeObject): void {
    if (resource !== CLUSTER_ROLES) return;
    this.#note(object, false);
    if (this.#aggregating.has(object.metadata.name ?? "")) this.#enqueue(object.metadata.name!);
  }

  /** A ClusterRole added, changed or deleted queues every aggregating ClusterRole. */
  observe(change: StoreChange): void {
    if (change.resource !== CLUSTER_ROLES) return;
    this.#note(change.object, change.type === "DELETED");
    for (const name of this.#aggregating) this.#enqueue(name);
  }

  #note(object: KubeObject, deleted: boolean): void {
    const name = object.metadata.name ?? "";
    if (!deleted && object.aggregationRule) this.#aggregating.add(name);
    else this.#aggregating.delete(name);
  }

  #enqueue(name: string): void {
    this.context.queue.add(`clusterrole-aggregation/${name}`, () => this.#reconcile(name));
  }

  #reconcile(name: string): void {
    const resource = this.context.options.resources(CLUSTER_ROLES);
    if (!resource) return;
    const role = this.context.store.get(resource, undefined, name);
    const rule = role?.aggregationRule as AggregationRule | undefined;
    if (!role || !rule) return;
    const all = this.context.store.list(resource);
    const rules = aggregatedRules(name, rule, all);
    const current = Array.isArray(role.rules) ? role.rules : [];
    if (deepEqual(rules, current)) return;
    this.context.store.update(resource, { ...role, rules });
  }
}

/** The rules an aggregated ClusterRole gets from `roles` (pure; exported for tests). */
export function aggregatedRules(
  name: string,
  rule: AggregationRule,
  roles: readonly KubeObject[],
): unknown[] {
  const rules: unknown[] = [];
  const sorted = [...roles].sort((a, b) => a.metadata.name! < b.metadata.name! ? -1 : 1);
  for (const selectorObject of rule.clusterRoleSelectors ?? []) {
    let selector;
    try {
      selector = labelSelectorFromObject(selectorObject);
    } catch {
      // Upstream returns the conversion error and retries forever; nothing matches meanwhile.
      continue;
    }
    for (const role of sorted) {
      if (role.metadata.name === name || !selector.matches(role.metadata.labels)) continue;
      for (const candidate of Array.isArray(role.rules) ? role.rules : []) {
        if (!rules.some((existing) => deepEqual(existing, candidate))) rules.push(candidate);
      }
    }
  }
  return rules;
}
