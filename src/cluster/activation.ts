// The first control plane activates its cluster: kubeadm's objects, created once and completed on retry.

import {
  alikeObjectsOf,
  LEADER_ELECTED_COMPONENTS,
  renderActivationObjects,
  renderAlikeActivationObjects,
  renderApiServerObjects,
  renderLeaderLease,
} from "../seed/mod.ts";
import type { AlikeActivationObjects, AlikeInputs, ClusterShape, SeedObject } from "../seed/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { goShapedKind } from "../api/schema/mod.ts";
import type { FakeCluster } from "./fake_cluster.ts";
import { ownCopy } from "./own_copy.ts";
import { withSeedManagedFields } from "./seed_managed_fields.ts";
import { LEASES, NAMESPACES, NODES } from "./resources.ts";

/** The networks a fake cluster reports, as a default kubeadm/CAPI cluster has them. */
export const CLUSTER_NETWORK = Object.freeze({
  podSubnet: "192.168.0.0/16",
  serviceSubnet: "10.96.0.0/12",
  dnsDomain: "cluster.local",
});

/**
 * Creates whatever of kube-apiserver's objects (bootstrap RBAC policy, `default/kubernetes`) and
 * kubeadm's cluster objects is missing (kubeadm-config, kubelet-config, kube-proxy, CoreDNS, RBAC,
 * cluster-info, kube-root-ca.crt); existing ones are left alone, so
 * activation is idempotent and a partial earlier attempt is completed.
 */
export function ensureActivation(cluster: FakeCluster, now: Date): number {
  const shape = {
    kubernetesVersion: cluster.kubernetesVersion,
    clusterName: cluster.name,
    controlPlaneEndpoint: cluster.serverAddress,
    ...CLUSTER_NETWORK,
    podSubnet: cluster.podSubnet,
    caCertificatePem: cluster.ca.certPem,
    now,
  };
  const objects: SeedObject[] = renderActivationObjects(
    shape,
    cluster.store.list(NAMESPACES).map((ns) => ns.metadata.name!),
    alikeObjects(shape),
  );
  // kube-controller-manager and kube-scheduler of the first control plane take the lead.
  const leader = cluster.store.list(NODES).find((node) =>
    node.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined
  )?.metadata.name;
  if (leader) {
    for (const component of LEADER_ELECTED_COMPONENTS) {
      const lease = renderLeaderLease(component, leader, cluster.store.newUid(), now);
      objects.push({ resourceKey: LEASES.key, object: lease });
    }
  }
  let created = 0;
  // kube-apiserver's own objects come made (managedFields and shared parts included): only those
  // the cluster lacks are copied in.
  for (const { resourceKey, object } of apiServerObjects(cluster, shape)) {
    const resource = cluster.catalog.byKey(resourceKey)!;
    if (cluster.store.get(resource, object.metadata.namespace, object.metadata.name!)) continue;
    createShaped(cluster, resource, object);
    created++;
  }
  for (const { resourceKey, object } of objects) {
    const resource = cluster.catalog.byKey(resourceKey);
    if (!resource) throw new Error(`Cannot activate: no resource ${resourceKey}`);
    if (cluster.store.get(resource, object.metadata.namespace, object.metadata.name!)) continue;
    if (alikeRendered.has(object)) {
      createShaped(cluster, resource, madeAlike(cluster, resource, object, now));
    } else {
      // Objects naming the cluster (its CA, endpoint, name) and the leader leases (own uids).
      const seeded = withSeedManagedFields(cluster.kubernetesVersion, resource, object, now);
      cluster.store.create(resource, seeded, { seeded: true });
    }
    created++;
  }
  cluster.activated = true;
  return created;
}

// A cluster's own copy of an object made and Go-shaped once: the store is told it is shaped
// (`shaped`), so only the metadata the store fills is shaped again, not every part of the
// object (shaping the copies was a tenth of a registration's CPU).
function createShaped(cluster: FakeCluster, resource: ResourceType, made: KubeObject): void {
  const copy = ownCopy(made);
  cluster.store.create(resource, copy, { shaped: copy, seeded: true });
}

// An object made for many clusters, as the store's shaper (fake_cluster.ts) would leave it.
function shapedOnce(kubernetesVersion: string, resource: ResourceType, object: KubeObject) {
  return goShapedKind(kubernetesVersion, resource, object);
}

interface MadeObject {
  readonly resourceKey: string;
  /** Go-shaped (createShaped). */
  readonly object: KubeObject;
}

// kube-apiserver's objects (bootstrap RBAC, APF, priority classes, `default/kubernetes`: 151
// objects, ~100 KB of JSON) are the same in every cluster of one release, policy, service network
// and port activated in the same second (their times are seconds). Rendering them, finding their
// managedFields and sharing their parts cost ~0.5 ms per cluster; made once per such key, they
// are copied into each cluster (`ownCopy`). Activations come in bursts: a few keys are live.
const MADE_LIMIT = 16;
const made = new Map<string, readonly MadeObject[]>();

function apiServerObjects(
  cluster: FakeCluster,
  shape: Pick<ClusterShape, "kubernetesVersion" | "serviceSubnet" | "now">,
): readonly MadeObject[] {
  const { kubernetesVersion, serviceSubnet, now } = shape;
  const port = cluster.kubeadm.apiServerBindPort;
  const policy = cluster.bootstrapPolicy;
  const key = `${kubernetesVersion}\u0000${serviceSubnet}\u0000${port}\u0000${policy}\u0000${
    Math.floor(now.getTime() / 1000)
  }`;
  let objects = made.get(key);
  if (objects === undefined) {
    objects = renderApiServerObjects(shape, port, policy).map(({ resourceKey, object }) => {
      const resource = cluster.catalog.byKey(resourceKey);
      if (!resource) throw new Error(`Cannot activate: no resource ${resourceKey}`);
      return {
        resourceKey,
        object: shapedOnce(
          kubernetesVersion,
          resource,
          withSeedManagedFields(kubernetesVersion, resource, object, now),
        ),
      };
    });
    if (made.size >= MADE_LIMIT) made.clear();
    made.set(key, objects);
  }
  return objects;
}

// kubeadm's objects that do not name the cluster (kubelet and kube-proxy config, CoreDNS, RBAC,
// ...: most of them) are the same in every cluster of a release, service network, DNS domain and
// second (their times are seconds): rendered once per such key (`renderAlikeActivationObjects`),
// and made once (managedFields, shared parts, Go shape) for each rendered object, found by
// identity. Activations come in bursts: a few keys are live.
const ALIKE_LIMIT = 16;
const alikeByKey = new Map<string, AlikeActivationObjects>();
const alikeRendered = new WeakSet<KubeObject>();
const alikeMade = new WeakMap<KubeObject, KubeObject>();

function alikeObjects(inputs: AlikeInputs): AlikeActivationObjects {
  const key =
    `${inputs.kubernetesVersion}\u0000${inputs.serviceSubnet}\u0000${inputs.dnsDomain}\u0000${
      Math.floor(inputs.now.getTime() / 1000)
    }`;
  let rendered = alikeByKey.get(key);
  if (rendered === undefined) {
    rendered = renderAlikeActivationObjects(inputs);
    for (const { object } of alikeObjectsOf(rendered)) alikeRendered.add(object);
    if (alikeByKey.size >= ALIKE_LIMIT) alikeByKey.clear();
    alikeByKey.set(key, rendered);
  }
  return rendered;
}

// The object made of one rendered by `alikeObjects` for a cluster of its release (its key's).
function madeAlike(
  cluster: FakeCluster,
  resource: ResourceType,
  object: KubeObject,
  now: Date,
): KubeObject {
  let made = alikeMade.get(object);
  if (made === undefined) {
    made = shapedOnce(
      cluster.kubernetesVersion,
      resource,
      withSeedManagedFields(cluster.kubernetesVersion, resource, object, now),
    );
    alikeMade.set(object, made);
  }
  return made;
}
