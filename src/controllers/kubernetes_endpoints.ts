// kube-apiserver's endpoint reconciler: `default/kubernetes` Endpoints and EndpointSlice follow the control planes.
//
// Upstream each apiserver renews a lease under its advertise IP and the lease reconciler
// (pkg/controlplane/reconcilers/lease.go) rewrites the Endpoints to the listed IPs, then
// mirrors them into the EndpointSlice. Here a control plane's apiserver is its Node: the
// InternalIPs of the Nodes labelled `node-role.kubernetes.io/control-plane`. As upstream, an
// empty list never erases the endpoints ("refusing to erase all endpoints"), and nothing is
// written before the `default/kubernetes` Service exists (the cluster's first control plane).

import { deepEqual, type KubeObject, type ObjectStore, type StoredResource } from "../store/mod.ts";
import { renderKubernetesEndpoints, renderKubernetesEndpointSlice } from "../seed/mod.ts";

const CONTROL_PLANE_ROLE = "node-role.kubernetes.io/control-plane";

/** The resources the reconciler reads and writes, the API port, and when it runs. */
export interface KubernetesEndpointsOptions {
  readonly nodes: StoredResource;
  readonly services: StoredResource;
  readonly endpoints: StoredResource;
  readonly endpointSlices: StoredResource;
  /** The port each kube-apiserver listens on (kubeadm's bindPort). */
  readonly apiServerPort: () => number;
  readonly schedule: (task: () => void) => void;
}

/** Keeps `default/kubernetes` Endpoints and EndpointSlice in step; returns the unsubscribe function. */
export function startKubernetesEndpoints(
  store: ObjectStore,
  options: KubernetesEndpointsOptions,
): () => void {
  let scheduled = false;
  const reconcile = () => {
    scheduled = false;
    reconcileKubernetesEndpoints(store, options);
  };
  const unsubscribe = store.onChange((change) => {
    const relevant = change.resource === options.nodes.key
      ? nodeMovesEndpoints(change.type, change.object, change.previous)
      : (isKubernetes(change.object) &&
        [options.services.key, options.endpoints.key, options.endpointSlices.key].includes(
          change.resource,
        ));
    if (!relevant || scheduled) return;
    scheduled = true;
    options.schedule(reconcile);
  });
  // A restored store waiting to be read is reconciled once it is (see `ObjectStore.restore`).
  store.whenRead(() => reconcileKubernetesEndpoints(store, options));
  return unsubscribe;
}

/** One pass: writes the Endpoints and the EndpointSlice when they differ from the control planes. */
export function reconcileKubernetesEndpoints(
  store: ObjectStore,
  options: KubernetesEndpointsOptions,
): void {
  if (!store.get(options.services, "default", "kubernetes")) return;
  const ips = controlPlaneIPs(store.list(options.nodes));
  if (ips.length === 0) return;
  const port = options.apiServerPort();
  ensure(store, options.endpoints, renderKubernetesEndpoints(ips, port));
  ensure(store, options.endpointSlices, renderKubernetesEndpointSlice(ips, port));
}

function controlPlaneIPs(nodes: readonly KubeObject[]): string[] {
  const ips = new Set<string>();
  for (const node of nodes) {
    const ip = endpointOf(node);
    if (ip) ips.add(ip);
  }
  return [...ips].sort();
}

// What a Node gives the endpoints: the InternalIP of a control plane not being deleted. A Node
// change that leaves it as it was (a label patch, a status heartbeat) needs no pass.
function endpointOf(node: KubeObject): string | undefined {
  if (node.metadata.labels?.[CONTROL_PLANE_ROLE] === undefined) return undefined;
  if (node.metadata.deletionTimestamp) return undefined;
  const addresses = (node.status as { addresses?: { type?: string; address?: string }[] })
    ?.addresses;
  return addresses?.find((a) => a.type === "InternalIP")?.address || undefined;
}

// Whether a Node change may change the endpoints. A new Node that is no control plane (a worker
// joining: three of a benchmark cluster's four reports) adds no address, so no pass is run for it.
function nodeMovesEndpoints(
  type: "ADDED" | "MODIFIED" | "DELETED",
  node: KubeObject,
  previous: KubeObject | undefined,
): boolean {
  if (type === "ADDED") return endpointOf(node) !== undefined;
  if (type !== "MODIFIED" || previous === undefined) return true;
  return endpointOf(previous) !== endpointOf(node);
}

// Creates the object, or replaces what differs below metadata (labels included), keeping the rest.
// Never refused past --quota-backend-bytes (`seeded`): it runs in a microtask, outside any work
// queue that could retry it, and only the control API's nodes grow it.
function ensure(store: ObjectStore, resource: StoredResource, wanted: KubeObject): void {
  const current = store.get(resource, "default", "kubernetes");
  if (!current) {
    store.create(resource, wanted, { seeded: true });
    return;
  }
  const { metadata: wantedMeta, ...wantedBody } = wanted;
  const { metadata: currentMeta, ...currentBody } = current;
  const labels = { ...currentMeta.labels, ...wantedMeta.labels };
  if (deepEqual(wantedBody, currentBody) && deepEqual(labels, currentMeta.labels)) return;
  store.update(resource, { ...wantedBody, metadata: { ...currentMeta, labels } }, {
    seeded: true,
  });
}

function isKubernetes(object: KubeObject): boolean {
  return object.metadata.name === "kubernetes" && object.metadata.namespace === "default";
}
