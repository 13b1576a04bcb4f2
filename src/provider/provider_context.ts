// What the provider's reconcilers share: the management cluster, the cluster host, the caches, and
// the objects they wrote last (newer than the caches until the watch delivers them).

import type { ClusterHost } from "../hosts/mod.ts";
import type {
  Informer,
  ManagementClient,
  ManagementWrites,
  ResourceRef,
} from "../management/mod.ts";
import type { KubeObject } from "../store/mod.ts";

/** The shared state of one provider. */
export interface ProviderContext {
  readonly client: ManagementClient & ManagementWrites;
  readonly host: ClusterHost;
  readonly now: () => Date;
  readonly fkasClusters: Informer;
  readonly fkasMachines: Informer;
  readonly machines: Informer;
  /** Objects as fkas last wrote them, by `plural/namespace/name`. */
  readonly written: Map<string, KubeObject>;
  /** When each machine phase completed, to the ms, by `uid/condition` (lost on restart). */
  readonly completedAt: Map<string, number>;
  /**
   * Machines (uids) whose passed phases were applied to the current instance of each fake
   * cluster, by `namespace/name` (an instance is a `ClusterSummary.incarnation`).
   */
  readonly restored: Map<string, { incarnation: number; machines: Set<string> }>;
  /** Asks for a reconcile of an FkasMachine (`namespace/name`). */
  readonly enqueueMachine: (key: string) => void;
  readonly log: (message: string, fields: Record<string, unknown>) => void;
}

/** The freshest copy of an object: the cache's, unless fkas wrote a newer one itself. */
export function freshest(
  context: ProviderContext,
  informer: Informer,
  resource: ResourceRef,
  namespace: string,
  name: string,
): KubeObject | undefined {
  const cached = informer.get(namespace, name);
  if (!cached) return undefined;
  const written = context.written.get(`${resource.plural}/${namespace}/${name}`);
  if (!written || written.metadata.uid !== cached.metadata.uid) return cached;
  // At an equal resourceVersion fkas's copy wins: the write that removes the last finalizer of an
  // object being deleted answers with the object at the resourceVersion it had (kube-apiserver
  // deletes it then), so only fkas's copy shows the finalizer gone until the watch says DELETED.
  return Number(written.metadata.resourceVersion) >= Number(cached.metadata.resourceVersion)
    ? written
    : cached;
}

/** Merge-patches an object (or its status) and remembers the answer as the freshest copy. */
export async function patchObject(
  context: ProviderContext,
  resource: ResourceRef,
  object: KubeObject,
  patch: Record<string, unknown>,
  subresource?: "status",
): Promise<KubeObject> {
  const { namespace, name } = object.metadata as { namespace: string; name: string };
  const updated = await context.client.patch(resource, namespace, name, patch, subresource);
  context.written.set(`${resource.plural}/${namespace}/${name}`, updated);
  return updated;
}

/** The finalizers without (or with) `finalizer`, as a merge patch of metadata. */
export function finalizersPatch(object: KubeObject, finalizer: string, present: boolean) {
  const others = (object.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  return { metadata: { finalizers: present ? [...others, finalizer] : others } };
}
