// The namespace lifecycle controller: empties a namespace being deleted, then lets it go.

import {
  type KubeObject,
  kubeTimestamp,
  podGracefulDelete,
  type StoreChange,
} from "../store/mod.ts";
import type { ControlledResource, ControllerContext } from "./controller_context.ts";
import { finalizersOf, isRace } from "./metadata.ts";
import {
  type NamespaceCondition,
  namespaceDeletionConditions,
  type RemainingContent,
} from "./namespace_conditions.ts";

/** The storage key of Namespaces. */
const NAMESPACES = "namespaces";
const PODS = "pods";
/** The `spec.finalizers` token the namespace controller owns (v1.FinalizerKubernetes). */
const KUBERNETES = "kubernetes";

/**
 * Deletes every namespaced object of a namespace that has a deletionTimestamp, retries as they go
 * away (finalizers are respected), then removes the `kubernetes` token from `spec.finalizers` and
 * the namespace; after upstream `pkg/controller/namespace/deletion` (namespaced_resources_deleter).
 */
export class NamespaceController {
  readonly #terminating = new Set<string>();

  constructor(private readonly context: ControllerContext) {}

  /** Queues an existing namespace that is being deleted, at start-up. */
  sync(resource: string, object: KubeObject): void {
    if (resource !== NAMESPACES || !object.metadata.deletionTimestamp) return;
    const name = object.metadata.name ?? "";
    this.#terminating.add(name);
    this.#enqueue(name);
  }

  /** Queues work for a namespace entering deletion, or for a change of content in one. */
  observe(change: StoreChange): void {
    const { object } = change;
    if (change.resource === NAMESPACES) {
      const name = object.metadata.name ?? "";
      if (change.type === "DELETED" || !object.metadata.deletionTimestamp) {
        this.#terminating.delete(name);
        return;
      }
      const previous = change.previous;
      const finalizersChanged = !previous ||
        JSON.stringify([previous.metadata.finalizers, specFinalizers(previous)]) !==
          JSON.stringify([object.metadata.finalizers, specFinalizers(object)]);
      if (!this.#terminating.has(name) || finalizersChanged) this.#enqueue(name);
      this.#terminating.add(name);
      return;
    }
    // Removals free the namespace; creations (the apiserver would refuse them) need deleting.
    const namespace = object.metadata.namespace;
    if (change.type !== "MODIFIED" && namespace && this.#terminating.has(namespace)) {
      this.#enqueue(namespace);
    }
  }

  #enqueue(name: string): void {
    this.context.queue.add(`namespace/${name}`, () => this.#reconcile(name));
  }

  #reconcile(name: string): void {
    const { options, store } = this.context;
    const resource = options.resources(NAMESPACES);
    if (!resource) return;
    if (!store.get(resource, undefined, name)?.metadata.deletionTimestamp) {
      this.#terminating.delete(name);
      return;
    }
    const remaining = this.#deleteContent(name);
    if (options.updateNamespaceStatus) this.#updateStatus(resource, name, remaining);
    if (remaining.resources.size === 0) this.#finalize(resource, name);
  }

  // Deletes what is not yet being deleted (Background, as upstream), then counts what is left.
  #deleteContent(namespace: string): RemainingContent {
    const { options, store } = this.context;
    const resources = new Map<string, number>();
    const finalizers = new Map<string, number>();
    for (const key of store.resourceKeys()) {
      const resource = options.resources(key);
      if (!resource?.namespaced) continue;
      for (const object of store.list(resource, namespace)) {
        if (object.metadata.deletionTimestamp) continue;
        // Through the API as upstream's DeleteCollection: a pod a node runs gets its grace period.
        write(() =>
          store.delete(resource, namespace, object.metadata.name ?? "", {
            preconditions: { uid: object.metadata.uid },
            ...(key === PODS ? { graceful: podGracefulDelete(object, undefined) } : {}),
          })
        );
      }
      const left = store.list(resource, namespace);
      if (left.length > 0) resources.set(key, left.length);
      for (const object of left) {
        for (const f of finalizersOf(object)) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
      }
    }
    return { resources, finalizers };
  }

  #updateStatus(resource: ControlledResource, name: string, remaining: RemainingContent): void {
    const { options, store } = this.context;
    const namespace = store.get(resource, undefined, name);
    if (!namespace) return;
    const status = (namespace.status ?? {}) as {
      phase?: string;
      conditions?: NamespaceCondition[];
    };
    const next = {
      ...status,
      phase: "Terminating",
      conditions: namespaceDeletionConditions(
        remaining,
        Array.isArray(status.conditions) ? status.conditions : [],
        kubeTimestamp(options.now()),
      ),
    };
    if (JSON.stringify(next) === JSON.stringify(status)) return;
    write(() => store.update(resource, { ...namespace, status: next }));
  }

  // Upstream finalizeNamespace drops its token; the apiserver removes a namespace with none left.
  #finalize(resource: ControlledResource, name: string): void {
    const { store } = this.context;
    let namespace = store.get(resource, undefined, name);
    if (!namespace) return;
    const tokens = specFinalizers(namespace);
    if (tokens.includes(KUBERNETES)) {
      const rest = tokens.filter((t) => t !== KUBERNETES);
      const spec: Record<string, unknown> = { ...(namespace.spec as object), finalizers: rest };
      if (rest.length === 0) delete spec.finalizers;
      const finalized = { ...namespace, spec };
      write(() => store.update(resource, finalized));
      namespace = store.get(resource, undefined, name);
      if (!namespace || namespace.metadata.uid !== finalized.metadata.uid) return;
    }
    if (specFinalizers(namespace).length > 0 || finalizersOf(namespace).length > 0) return;
    const uid = namespace.metadata.uid;
    write(() => store.delete(resource, undefined, name, { preconditions: { uid } }));
  }
}

function specFinalizers(namespace: KubeObject): string[] {
  const spec = namespace.spec as { finalizers?: unknown } | undefined;
  return Array.isArray(spec?.finalizers) ? spec.finalizers : [];
}

// The object went away or changed meanwhile: the change that did it queues fresh work.
function write(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    if (!isRace(error)) throw error;
  }
}
