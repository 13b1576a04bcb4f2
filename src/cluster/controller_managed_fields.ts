// managedFields of objects fkas's controllers create, as kube-apiserver records kube-controller-manager's creates.
//
// kube-controller-manager posts a pod built from its owner's template (GetPodFromTemplate), an
// EndpointSlice, ...: the field manager records everything it sent, after the decode-time
// defaults (controller_creates.ts: a pod's `enableServiceLinks`), under the User-Agent's product;
// what admission adds afterwards (default tolerations, the service account) is no one's, and a kind
// with a status subresource never tracks status on create.

import {
  builtinType,
  componentCreateEntries,
  fieldElement,
  FieldSet,
  type Json,
  type ManagedFieldsEntry,
  TypedValueError,
} from "../api/apply/mod.ts";
import { builtinSchemas, goZeroObject } from "../api/schema/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import { type KubeObject, SmallMap } from "../store/mod.ts";

/** The manager kube-controller-manager's requests are recorded under (its User-Agent's product). */
export const KUBE_CONTROLLER_MANAGER = "kube-controller-manager";

const STATUS = ((): FieldSet => {
  const set = new FieldSet();
  set.insert([fieldElement("status")]);
  return set;
})();

/**
 * The managedFields of `sent` (an object a controller of a cluster at `kubernetesVersion`
 * creates at `now`, as the controller sent it), shared between equal creates; undefined for a
 * kind without a built-in schema.
 */
export function controllerCreateEntries(
  kubernetesVersion: string,
  resource: ResourceType,
  sent: KubeObject,
  now: Date,
  shape?: { readonly of: object; readonly key: string },
): readonly ManagedFieldsEntry[] | undefined {
  if (resource.custom) return undefined;
  if (!shape) return entriesOf(kubernetesVersion, resource, sent, now);
  // Equal shapes have equal entries within a second (the entry's time).
  const key = `${resource.key}\u0000${kubernetesVersion}\u0000${shape.key}`;
  let byKey = byShape.get(shape.of);
  if (!byKey) byShape.set(shape.of, byKey = new SmallMap(64));
  const second = Math.floor(now.getTime() / 1000);
  const known = byKey.get(key);
  if (known && known.second === second) return known.entries;
  const entries = entriesOf(kubernetesVersion, resource, sent, now);
  // A handful of keys per shape object (its owners), or one per cluster for a template every
  // cluster shares (CoreDNS's, kube-proxy's): when full it starts over, as an entry serves only
  // the creates of its second.
  if (byKey.size >= 64 && !byKey.has(key)) byKey.clear();
  byKey.set(key, { second, entries });
  return entries;
}

// Entries by shape object and key, with the second they were made for.
// Small maps: a cluster's ReplicaSet or DaemonSet template has a key or two, and a Map of one
// entry costs each cluster 256 bytes (SmallMap's figures).
const byShape = new WeakMap<
  object,
  SmallMap<{ second: number; entries: readonly ManagedFieldsEntry[] | undefined }>
>();

function entriesOf(
  kubernetesVersion: string,
  resource: ResourceType,
  sent: KubeObject,
  now: Date,
): readonly ManagedFieldsEntry[] | undefined {
  const type = builtinType(
    builtinSchemas(kubernetesVersion),
    resource.group,
    resource.version,
    resource.kind,
  );
  if (!type) return undefined;
  const zero = (goZeroObject(kubernetesVersion, resource) ?? { metadata: {} }) as Json;
  let entries;
  try {
    entries = componentCreateEntries(zero, sent as unknown as Json, {
      type,
      apiVersion: resource.group ? `${resource.group}/${resource.version}` : resource.version,
      manager: KUBE_CONTROLLER_MANAGER,
      now: now.getTime(),
      ignored: resource.subresources.some((s) => s.name === "status") ? STATUS : undefined,
    });
  } catch (error) {
    // As kube-apiserver: a failed managedFields update stores the object without them.
    if (error instanceof TypedValueError) return undefined;
    throw error;
  }
  return entries.length > 0 ? entries : undefined;
}
