// The Deployment controller: a ReplicaSet per pod template, rolled out by strategy, and status.

import { deepFreeze } from "../../encoding/mod.ts";
import { type KubeObject, kubeTimestamp, type StoreChange } from "../../store/mod.ts";
import type { ControllerContext } from "../controller_context.ts";
import { withStatus } from "../status_write.ts";
import { controlledObjects, controllerOf } from "../controlled_objects.ts";
import { writeIgnoringRace } from "../metadata.ts";
import { controllerRef } from "../pod_template/mod.ts";
import { counts, deploymentStatus } from "./deployment_status.ts";
import { type DeploymentStrategy, resolveFenceposts } from "./rollout_numbers.ts";
import { equalIgnoringHash, POD_TEMPLATE_HASH, templateHash } from "./template_hash.ts";

const DEPLOYMENTS = "apps/deployments";
const REPLICA_SETS = "apps/replicasets";
/** Annotations of deployment/util: revision, desired and max replicas. */
const REVISION = "deployment.kubernetes.io/revision";
const DESIRED = "deployment.kubernetes.io/desired-replicas";
const MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
// annotationsToSkip in deployment/util: never copied from a Deployment to its ReplicaSets.
const NOT_COPIED = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION,
  "deployment.kubernetes.io/revision-history",
  DESIRED,
  MAX_REPLICAS,
  "deprecated.deployment.rollback.to",
]);

/** The parts of a Deployment the controller reads. */
interface DeploymentSpec {
  replicas?: number;
  selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
  template?: { metadata?: { labels?: Record<string, string> } };
  strategy?: DeploymentStrategy;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
}

/**
 * Keeps one ReplicaSet per pod template (`<name>-<pod-template-hash>`), scales the new one up and
 * the old ones down within maxSurge/maxUnavailable (RollingUpdate) or old first (Recreate), keeps
 * the revision annotations so `kubectl rollout undo` finds earlier templates, prunes old
 * ReplicaSets past revisionHistoryLimit and writes status (pkg/controller/deployment).
 */
export class DeploymentController {
  constructor(private readonly context: ControllerContext) {}

  /** Queues every existing Deployment at start-up. */
  sync(resource: string, object: KubeObject): void {
    if (resource === DEPLOYMENTS) {
      this.#enqueue(object.metadata.namespace ?? "", object.metadata.name ?? "");
    }
  }

  /** Queues a Deployment when it or one of its ReplicaSets changes. */
  observe(change: StoreChange): void {
    const { object } = change;
    const namespace = object.metadata.namespace ?? "";
    if (change.resource === DEPLOYMENTS) {
      if (change.type !== "DELETED") this.#enqueue(namespace, object.metadata.name ?? "");
      return;
    }
    if (change.resource !== REPLICA_SETS) return;
    const owner = controllerOf(object);
    if (owner?.kind === "Deployment") this.#enqueue(namespace, owner.name);
  }

  #enqueue(namespace: string, name: string): void {
    this.context.queue.add(
      `deployment/${namespace}/${name}`,
      () => this.#reconcile(namespace, name),
      true,
    );
  }

  #reconcile(namespace: string, name: string): void {
    const { store, options } = this.context;
    const deployments = options.resources(DEPLOYMENTS);
    const replicaSets = options.resources(REPLICA_SETS);
    let deployment = deployments && store.get(deployments, namespace, name);
    if (!deployments || !replicaSets || !deployment || deployment.metadata.deletionTimestamp) {
      return;
    }
    const spec = (deployment.spec ?? {}) as DeploymentSpec;
    const replicas = spec.replicas ?? 1;
    const all = controlledObjects(this.context, deployment.metadata.uid ?? "", REPLICA_SETS);
    let newRS = all.find((rs) =>
      equalIgnoringHash((rs.spec as DeploymentSpec).template, spec.template)
    );
    const old = all.filter((rs) => rs !== newRS);
    const newRevision = String(Math.max(0, ...old.map(revisionOf)) + 1);
    const { maxSurge, maxUnavailable } = resolveFenceposts(spec.strategy, replicas);
    let created = false;
    if (!spec.paused) {
      if (!newRS) {
        newRS = this.#createNewReplicaSet(deployment, spec, old, newRevision, maxSurge);
        created = newRS !== undefined;
      } else if (revisionOf(newRS) < Number(newRevision)) {
        newRS = this.#setRevision(newRS, newRevision);
      }
      if (newRS) {
        deployment = this.#annotateDeployment(deployment, revisionOf(newRS));
        if (!created) this.#scale(spec, replicas, newRS, old, maxSurge, maxUnavailable);
      }
      this.#pruneHistory(old, spec.revisionHistoryLimit ?? 10);
    }
    const fresh = controlledObjects(this.context, deployment.metadata.uid ?? "", REPLICA_SETS);
    const current = fresh.find((rs) => rs.metadata.uid === newRS?.metadata.uid);
    const status = deploymentStatus({
      deployment,
      newRS: current,
      allRSs: fresh,
      replicas,
      maxUnavailable: spec.strategy?.type === "Recreate" ? 0 : maxUnavailable,
      now: kubeTimestamp(options.now()),
      created,
    });
    if (JSON.stringify(status) === JSON.stringify(deployment.status ?? {})) return;
    const latest = deployment;
    writeIgnoringRace(() =>
      store.update(deployments, withStatus(this.context, deployments, latest, status))
    );
  }

  #createNewReplicaSet(
    deployment: KubeObject,
    spec: DeploymentSpec,
    old: readonly KubeObject[],
    revision: string,
    maxSurge: number,
  ): KubeObject | undefined {
    const { store, options } = this.context;
    const replicaSets = options.resources(REPLICA_SETS)!;
    const replicas = spec.replicas ?? 1;
    const collisionCount =
      (deployment.status as { collisionCount?: number } | undefined)?.collisionCount ?? 0;
    const hash = templateHash(spec.template, collisionCount);
    const name = `${deployment.metadata.name}-${hash}`;
    const { labels, template: rsTemplate, selector } = replicaSetParts(spec, hash);
    let initial: number;
    if (spec.strategy?.type === "Recreate") {
      initial = old.some((rs) => counts(rs).spec > 0 || counts(rs).replicas > 0) ? 0 : replicas;
    } else {
      const current = old.reduce((sum, rs) => sum + counts(rs).spec, 0);
      initial = Math.max(0, Math.min(replicas + maxSurge - current, replicas));
    }
    const annotations: Record<string, string> = {};
    for (const [key, value] of Object.entries(deployment.metadata.annotations ?? {})) {
      if (!NOT_COPIED.has(key)) annotations[key] = value;
    }
    annotations[DESIRED] = String(replicas);
    annotations[MAX_REPLICAS] = String(replicas + maxSurge);
    annotations[REVISION] = revision;
    const rs: KubeObject = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name,
        namespace: deployment.metadata.namespace,
        labels,
        annotations,
        ownerReferences: [controllerRef(deployment, "apps/v1", "Deployment")],
      },
      spec: {
        replicas: initial,
        ...(spec.minReadySeconds ? { minReadySeconds: spec.minReadySeconds } : {}),
        selector,
        template: rsTemplate,
      },
      status: { replicas: 0 },
    };
    const existing = store.get(replicaSets, deployment.metadata.namespace, name);
    if (existing) {
      // A hash collision (upstream bumps status.collisionCount and retries with a new hash).
      if (existing.metadata.uid && controllerOf(existing)?.uid === deployment.metadata.uid) {
        return existing;
      }
      const deployments = options.resources(DEPLOYMENTS)!;
      const status = { ...(deployment.status as object), collisionCount: collisionCount + 1 };
      writeIgnoringRace(() =>
        store.update(deployments, withStatus(this.context, deployments, deployment, status))
      );
      return undefined;
    }
    return store.create(replicaSets, rs);
  }

  #setRevision(rs: KubeObject, revision: string): KubeObject {
    const replicaSets = this.context.options.resources(REPLICA_SETS)!;
    const annotations = { ...rs.metadata.annotations, [REVISION]: revision };
    return this.context.store.update(replicaSets, {
      ...rs,
      metadata: { ...rs.metadata, annotations },
    });
  }

  #annotateDeployment(deployment: KubeObject, revision: number): KubeObject {
    const value = String(revision);
    if (deployment.metadata.annotations?.[REVISION] === value) return deployment;
    const deployments = this.context.options.resources(DEPLOYMENTS)!;
    const annotations = { ...deployment.metadata.annotations, [REVISION]: value };
    return this.context.store.update(deployments, {
      ...deployment,
      metadata: { ...deployment.metadata, annotations },
    });
  }

  // One step per sync, as upstream: scale the new ReplicaSet up (or down to replicas); if that
  // changed nothing, scale old ones down within maxUnavailable; Recreate empties old ones first.
  #scale(
    spec: DeploymentSpec,
    replicas: number,
    newRS: KubeObject,
    old: readonly KubeObject[],
    maxSurge: number,
    maxUnavailable: number,
  ): void {
    const oldest = [...old].sort((a, b) => revisionOf(a) - revisionOf(b));
    if (spec.strategy?.type === "Recreate") {
      const active = oldest.filter((rs) => counts(rs).spec > 0);
      for (const rs of active) this.#setReplicas(rs, 0);
      if (active.length > 0 || oldest.some((rs) => counts(rs).replicas > 0)) return;
      if (counts(newRS).spec !== replicas) this.#setReplicas(newRS, replicas);
      return;
    }
    const newCount = counts(newRS).spec;
    const allCount = newCount + oldest.reduce((sum, rs) => sum + counts(rs).spec, 0);
    if (newCount > replicas) {
      this.#setReplicas(newRS, replicas);
      return;
    }
    if (newCount < replicas) {
      const scaleUp = Math.min(replicas + maxSurge - allCount, replicas - newCount);
      if (scaleUp > 0) {
        this.#setReplicas(newRS, newCount + scaleUp);
        return;
      }
    }
    const minAvailable = replicas - maxUnavailable;
    const newUnavailable = newCount - counts(newRS).available;
    let budget = allCount - minAvailable - newUnavailable;
    if (budget <= 0) return;
    // cleanupUnhealthyReplicas: unavailable pods of old ReplicaSets go first.
    const next = new Map(oldest.map((rs) => [rs, counts(rs).spec]));
    for (const rs of oldest) {
      const unhealthy = next.get(rs)! - counts(rs).available;
      const down = Math.min(budget, Math.max(unhealthy, 0));
      if (down > 0) {
        next.set(rs, next.get(rs)! - down);
        budget -= down;
      }
    }
    // scaleDownOldReplicaSetsForRollingUpdate: then available ones, down to minAvailable.
    let available = counts(newRS).available;
    for (const rs of oldest) available += Math.min(counts(rs).available, next.get(rs)!);
    let total = available - minAvailable;
    for (const rs of oldest) {
      if (total <= 0) break;
      const down = Math.min(next.get(rs)!, total);
      next.set(rs, next.get(rs)! - down);
      total -= down;
    }
    for (const rs of oldest) {
      if (next.get(rs) !== counts(rs).spec) this.#setReplicas(rs, next.get(rs)!);
    }
  }

  #setReplicas(rs: KubeObject, replicas: number): void {
    const replicaSets = this.context.options.resources(REPLICA_SETS)!;
    const spec = { ...(rs.spec as object), replicas };
    writeIgnoringRace(() => this.context.store.update(replicaSets, { ...rs, spec }));
  }

  // cleanupDeployment: old, empty ReplicaSets beyond revisionHistoryLimit go, oldest first.
  #pruneHistory(old: readonly KubeObject[], limit: number): void {
    const empty = old.filter((rs) =>
      counts(rs).spec === 0 && counts(rs).replicas === 0 && !rs.metadata.deletionTimestamp
    )
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    const excess = old.length - limit;
    const replicaSets = this.context.options.resources(REPLICA_SETS)!;
    for (const rs of empty.slice(0, Math.max(0, excess))) {
      writeIgnoringRace(() =>
        this.context.store.delete(replicaSets, rs.metadata.namespace, rs.metadata.name ?? "", {
          preconditions: { uid: rs.metadata.uid },
        })
      );
    }
  }
}

/** The labels, template and selector of a Deployment's ReplicaSet for the template hash `hash`. */
interface ReplicaSetParts {
  readonly labels: Record<string, string>;
  readonly template: Record<string, unknown>;
  readonly selector: Record<string, unknown>;
}

// The parts made from a frozen template and selector (a seeded CoreDNS's, which every cluster
// shares), frozen in turn: one set for every cluster's ReplicaSet instead of one each, so their
// canonical texts are made once too (template_hash.ts keeps them by object).
const sharedParts = new WeakMap<object, WeakMap<object, Map<string, ReplicaSetParts>>>();

function replicaSetParts(spec: DeploymentSpec, hash: string): ReplicaSetParts {
  const template = spec.template;
  const selector = spec.selector;
  if (!template || !selector || !Object.isFrozen(template) || !Object.isFrozen(selector)) {
    return newReplicaSetParts(spec, hash);
  }
  let bySelector = sharedParts.get(template);
  if (!bySelector) sharedParts.set(template, bySelector = new WeakMap());
  let byHash = bySelector.get(selector);
  if (!byHash) bySelector.set(selector, byHash = new Map());
  let parts = byHash.get(hash);
  if (!parts) byHash.set(hash, parts = deepFreeze(newReplicaSetParts(spec, hash)));
  return parts;
}

function newReplicaSetParts(spec: DeploymentSpec, hash: string): ReplicaSetParts {
  const template = spec.template ?? {};
  const labels = { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash };
  return {
    labels,
    template: { ...template, metadata: { ...template.metadata, labels } },
    selector: {
      ...spec.selector,
      matchLabels: { ...spec.selector?.matchLabels, [POD_TEMPLATE_HASH]: hash },
    },
  };
}

function revisionOf(rs: KubeObject): number {
  const value = Number.parseInt(rs.metadata.annotations?.[REVISION] ?? "", 10);
  return Number.isFinite(value) ? value : 0;
}
