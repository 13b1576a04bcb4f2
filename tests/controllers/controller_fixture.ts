// A cluster for controller tests: a real ObjectStore, built-ins plus ReplicaSets, a manual scheduler.

import { type ControllerOptions, startClusterControllers } from "../../src/controllers/mod.ts";
import { BUILTIN_RESOURCES, type ResourceType } from "../../src/resources/mod.ts";
import { type KubeObject, ObjectStore, type OwnerReference } from "../../src/store/mod.ts";

const byKey = (key: string) => BUILTIN_RESOURCES.find((r) => r.key === key)!;

export const PODS = byKey("pods");
export const CONFIGMAPS = byKey("configmaps");
export const NAMESPACES = byKey("namespaces");
export const NODES = byKey("nodes");
export const DEPLOYMENTS = byKey("apps/deployments");
export const REPLICASETS: ResourceType = Object.freeze({
  ...DEPLOYMENTS,
  name: "replicasets",
  singularName: "replicaset",
  kind: "ReplicaSet",
  key: "apps/replicasets",
});
const RESOURCES = [...BUILTIN_RESOURCES, REPLICASETS];

/** Options resolving the built-in resources and ReplicaSets. */
export const RESOLVERS = {
  resources: (key: string) => RESOURCES.find((r) => r.key === key),
  resourceForKind: (apiVersion: string, kind: string) => {
    const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
    return RESOURCES.find((r) => r.group === group && r.kind === kind);
  },
};

/** A store with a counter for uids and a fixed clock. */
export function newStore(): ObjectStore {
  let uid = 0;
  return new ObjectStore({
    now: () => new Date("2026-01-02T03:04:05Z"),
    newUid: () => `uid-${++uid}`,
  });
}

/** A store with controllers started on it; `settle()` runs scheduled work until none is left. */
export function newCluster(options: Partial<ControllerOptions> = {}, store = newStore()) {
  const tasks: (() => void)[] = [];
  const errors: unknown[] = [];
  const controllers = startClusterControllers(store, {
    ...RESOLVERS,
    schedule: (task) => tasks.push(task),
    now: () => new Date("2026-01-02T03:04:06Z"),
    onError: (error) => errors.push(error),
    ...options,
  });
  return {
    store,
    controllers,
    errors,
    tasks,
    settle() {
      for (let round = 0; tasks.length > 0; round++) {
        if (round > 100) throw new Error("Cannot settle: work keeps being scheduled");
        tasks.shift()!();
      }
    },
  };
}

/** Creates an object of `resource` with apiVersion and kind filled in. */
export function make(
  store: ObjectStore,
  resource: ResourceType,
  name: string,
  namespace?: string,
  metadata: Record<string, unknown> = {},
  rest: Record<string, unknown> = {},
): KubeObject {
  return store.create(resource, {
    apiVersion: resource.group ? `${resource.group}/${resource.version}` : resource.version,
    kind: resource.kind,
    metadata: { name, ...(namespace ? { namespace } : {}), ...metadata },
    ...rest,
  });
}

/** An ownerReference to `owner`. */
export function ownedBy(owner: KubeObject, extra: Partial<OwnerReference> = {}): OwnerReference {
  return {
    apiVersion: owner.apiVersion!,
    kind: owner.kind!,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    ...extra,
  };
}

/** The current object of `resource` named like `object`, if any. */
export function reread(store: ObjectStore, resource: ResourceType, object: KubeObject) {
  return store.get(resource, object.metadata.namespace, object.metadata.name!);
}

/** Removes one finalizer from the stored object, as its controller would. */
export function dropFinalizer(store: ObjectStore, resource: ResourceType, object: KubeObject) {
  const current = reread(store, resource, object)!;
  store.update(resource, {
    ...current,
    metadata: { ...current.metadata, finalizers: [] },
  });
}
