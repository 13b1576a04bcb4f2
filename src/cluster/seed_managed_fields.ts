// Who wrote each seeded object on a real kubeadm cluster, and the managedFields that leaves.
//
// Managers are the components' User-Agent products as kube-apiserver records them (all Update
// operations): kube-apiserver (system namespaces), kubeadm (its ConfigMaps, RBAC, CoreDNS,
// kube-proxy; the control-plane label and taint of its Nodes), kube-controller-manager
// (kube-root-ca.crt, a Deployment's revision annotation, workload statuses, a Node's TTL
// annotation), kubelet (its Node and status, static pods' mirror pods and their status), and
// kube-apiserver's APF config producer and consumer (k8s.io/kubernetes
// pkg/registry/flowcontrol/ensurer/strategy.go, k8s.io/apiserver pkg/util/flowcontrol/apf_filter.go).
// Sources: kubeadm cmd/kubeadm/app/phases/{uploadconfig,addons,kubelet,markcontrolplane}, and
// managedFields of objects of a v1.33 kubeadm cluster as `kubectl get --show-managed-fields`
// shows them. Fields the registry or admission set (a Service's clusterIPs and IP families, a
// DaemonSet's template generation, a Pod's priority) are no one's, as on a real cluster.

import {
  builtinType,
  crdType,
  type Json,
  type ManagedFieldsEntry,
  seededManagedFields,
  type SeedWriter,
} from "../api/apply/mod.ts";
import { applySchemeDefaults } from "../api/defaults/mod.ts";
import { kubernetesMinor } from "../api/version/mod.ts";
import { builtinSchemas, goShapedKind, goZeroObject } from "../api/schema/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import { shareSeeded } from "../seed/mod.ts";
import type { KubeObject } from "../store/mod.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

// A copy of `object` without the paths given (dot-free segments), for a writer's part.
function without(object: Loose, ...paths: readonly (readonly string[])[]): Loose {
  const copy = structuredClone(object);
  for (const path of paths) {
    let parent = copy;
    for (const segment of path.slice(0, -1)) parent = parent?.[segment];
    if (parent && typeof parent === "object") delete parent[path[path.length - 1]];
  }
  return copy;
}

// Only the given metadata annotations/labels and top-level paths of `object`.
function only(
  object: Loose,
  picks: { labels?: string[]; annotations?: string[]; spec?: string[] },
): Loose {
  const metadata: Loose = {};
  for (const field of ["labels", "annotations"] as const) {
    const keys = (picks[field] ?? []).filter((k) => object.metadata?.[field]?.[k] !== undefined);
    if (keys.length > 0) {
      metadata[field] = Object.fromEntries(keys.map((k) => [k, object.metadata[field][k]]));
    }
  }
  const part: Loose = { metadata };
  const specKeys = (picks.spec ?? []).filter((k) => object.spec?.[k] !== undefined);
  if (specKeys.length > 0) {
    part.spec = Object.fromEntries(specKeys.map((k) => [k, object.spec[k]]));
  }
  return part;
}

// Defaults of a model are never shared (they differ from the seeded object), so any name will do.
const random = () => 0;

const statusOf = (object: Loose): Loose => ({ metadata: {}, status: object.status });

const REVISION = "deployment.kubernetes.io/revision";
const TTL = "node.alpha.kubernetes.io/ttl";
const CONTROL_PLANE_ROLE = "node-role.kubernetes.io/control-plane";
const EXCLUDE_LB = "node.kubernetes.io/exclude-from-external-load-balancers";
const CRI_SOCKET = "kubeadm.alpha.kubernetes.io/cri-socket";

const KUBEADM_MAIN: SeedWriter = { manager: "kubeadm", part: (o) => without(o, ["status"]) };
// What kube-apiserver itself creates whole (bootstrap RBAC, system PriorityClasses).
const KUBE_APISERVER_WHOLE: SeedWriter = { manager: "kube-apiserver", part: (o) => o };

// The producer creates the APF defaults (status is reset on create); the consumer applies each
// FlowSchema's Dangling condition through the status subresource.
const APF_PRODUCER: SeedWriter = {
  manager: "api-priority-and-fairness-config-producer-v1",
  part: (o) => without(o, ["status"]),
};
const APF_CONSUMER: SeedWriter = {
  manager: "api-priority-and-fairness-config-consumer-v1",
  operation: "Apply",
  subresource: "status",
  part: (o) => ({ status: o.status }),
};

// Writers per resource key (and name where one object differs), in kube-apiserver's entry order.
function writersOf(resource: ResourceType, object: Loose): readonly SeedWriter[] {
  switch (resource.key) {
    case "namespaces":
      return [{
        manager: "kube-apiserver",
        part: (o) => only(o, { labels: Object.keys(o.metadata.labels ?? {}) }),
      }];
    case "configmaps":
      if (object.metadata.name === "kube-root-ca.crt") {
        return [{ manager: "kube-controller-manager", part: (o) => o }];
      }
      return [KUBEADM_MAIN];
    case "apps/deployments":
      return [
        {
          manager: "kubeadm",
          part: (o) => without(o, ["status"], ["metadata", "annotations", REVISION]),
        },
        {
          manager: "kube-controller-manager",
          part: (o) => only(o, { annotations: [REVISION] }),
        },
        { manager: "kube-controller-manager", subresource: "status", part: statusOf },
      ];
    case "apps/daemonsets":
      // The template generation annotation is the creator's: v1 conversion writes it before the
      // field manager compares (src/api/defaults/daemonset_generation.ts).
      return [
        { manager: "kubeadm", part: (o) => without(o, ["status"]) },
        { manager: "kube-controller-manager", subresource: "status", part: statusOf },
      ];
    case "services":
      // kube-apiserver itself keeps default/kubernetes, setting its ipFamilyPolicy
      // (pkg/controlplane/controller/kubernetesservice); kubeadm creates the others.
      if (object.metadata.name === "kubernetes" && object.metadata.namespace === "default") {
        return [{
          manager: "kube-apiserver",
          part: (o) => without(o, ["status"], ["spec", "clusterIPs"], ["spec", "ipFamilies"]),
        }];
      }
      return [{
        manager: "kubeadm",
        part: (o) =>
          without(
            o,
            ["status"],
            ["spec", "clusterIPs"],
            ["spec", "ipFamilies"],
            ["spec", "ipFamilyPolicy"],
          ),
      }];
    case "nodes":
      return [
        {
          manager: "kubelet",
          part: (o) =>
            without(
              o,
              ["status"],
              ["metadata", "labels", CONTROL_PLANE_ROLE],
              ["metadata", "labels", EXCLUDE_LB],
              ["metadata", "annotations", TTL],
              ["metadata", "annotations", CRI_SOCKET],
              ...(o.metadata.labels?.[CONTROL_PLANE_ROLE] !== undefined
                ? [["spec", "taints"]]
                : []),
            ),
        },
        {
          manager: "kubeadm",
          part: (o) =>
            o.metadata.labels?.[CONTROL_PLANE_ROLE] === undefined ? { metadata: {} } : only(o, {
              labels: [CONTROL_PLANE_ROLE, EXCLUDE_LB],
              annotations: [CRI_SOCKET],
              spec: ["taints"],
            }),
        },
        { manager: "kube-controller-manager", part: (o) => only(o, { annotations: [TTL] }) },
        { manager: "kubelet", subresource: "status", part: statusOf },
      ];
    case "scheduling.k8s.io/priorityclasses":
      return [KUBE_APISERVER_WHOLE];
    case "flowcontrol.apiserver.k8s.io/prioritylevelconfigurations":
      return [APF_PRODUCER];
    case "flowcontrol.apiserver.k8s.io/flowschemas":
      return [APF_PRODUCER, APF_CONSUMER];
    case "pods":
      // Mirror pods: the kubelet's create (Priority admission sets priority and preemption).
      return [
        {
          manager: "kubelet",
          part: (o) => without(o, ["status"], ["spec", "priority"], ["spec", "preemptionPolicy"]),
        },
        { manager: "kubelet", subresource: "status", part: statusOf },
      ];
    default:
      // kube-apiserver's bootstrap policy (RBAC) is its own; the rest is kubeadm's.
      if (object.metadata.labels?.["kubernetes.io/bootstrapping"] === "rbac-defaults") {
        return [KUBE_APISERVER_WHOLE];
      }
      return [KUBEADM_MAIN];
  }
}

// What varies a seeded object's field set besides its kind, name and release.
function shapeOf(resource: ResourceType, object: Loose, version: string): string {
  const keys = (value: unknown) =>
    value && typeof value === "object" ? Object.keys(value).join(",") : "";
  const base = `${version}|${resource.key}`;
  switch (resource.key) {
    case "namespaces":
      return base;
    case "nodes":
      return `${base}|${keys(object.metadata.labels)}|${keys(object.metadata.annotations)}|${
        keys(object.spec)
      }|${(object.spec?.taints ?? []).map((t: Loose) => `${t.key}:${t.effect}`).join(",")}|${
        (object.status?.addresses ?? []).map((a: Loose) => a.type).join(",")
      }|${keys(object.status)}`;
    case "pods":
      return `${base}|${object.metadata.labels?.component ?? object.metadata.name}|${
        keys(object.metadata.annotations)
      }|${keys(object.status)}`;
    default:
      return `${base}|${object.metadata.namespace ?? ""}/${object.metadata.name}`;
  }
}

// A mirror pod's owner is its Node (ownerReferences are keyed by uid): the shared FieldsV1 hold
// a placeholder uid, swapped for the real one in a shallow copy of the path down to it.
const OWNER_PLACEHOLDER = "00000000-0000-0000-0000-000000000000";

function withOwnerUid(entries: readonly ManagedFieldsEntry[], uid: string): ManagedFieldsEntry[] {
  const placeholder = `k:{"uid":"${OWNER_PLACEHOLDER}"}`;
  const real = `k:{"uid":${JSON.stringify(uid)}}`;
  return entries.map((entry) => {
    const fields = entry.fieldsV1 as Record<string, Loose> | undefined;
    const owners = fields?.["f:metadata"]?.["f:ownerReferences"];
    if (!owners || !(placeholder in owners)) return entry;
    const renamed = Object.fromEntries(
      Object.entries(owners).map(([k, v]) => [k === placeholder ? real : k, v]),
    );
    return Object.freeze({
      ...entry,
      fieldsV1: {
        ...fields,
        "f:metadata": { ...fields!["f:metadata"], "f:ownerReferences": renamed },
      },
    });
  });
}

/**
 * `object` (about to be seeded into a cluster of `kubernetesVersion` at `now`) with the
 * managedFields a real kubeadm cluster shows for it, shared between clusters where they agree.
 */
export function withSeedManagedFields(
  kubernetesVersion: string,
  resource: ResourceType,
  object: KubeObject,
  now: Date,
): KubeObject {
  const loose = object as Loose;
  const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
  const kind = {
    apiVersion,
    type: () => {
      const schemas = builtinSchemas(kubernetesVersion);
      return builtinType(schemas, resource.group, resource.version, resource.kind) ??
        crdType(undefined, schemas);
    },
    zero: () => (goZeroObject(kubernetesVersion, resource) ?? { metadata: {} }) as Json,
  };
  const owners: Loose[] | undefined = loose.metadata.ownerReferences;
  const ownerUid = resource.key === "pods" && owners?.length === 1 ? owners[0].uid : undefined;
  const source = ownerUid === undefined ? loose : {
    ...loose,
    metadata: { ...loose.metadata, ownerReferences: [{ ...owners![0], uid: OWNER_PLACEHOLDER }] },
  };
  const shape = shapeOf(resource, loose, kubernetesVersion);
  let entries: readonly ManagedFieldsEntry[] = seededManagedFields(
    shape,
    // The components wrote Go structs: their entries hold what Go's decoding gives
    // (`resources: {}`). Shaped only for a shape not seen before: the store shapes what it keeps.
    () => goShapedKind(kubernetesVersion, resource, source) as Json,
    kind,
    writersOf(resource, loose),
    now.getTime(),
  );
  if (ownerUid !== undefined) entries = withOwnerUid(entries, ownerUid);
  // The parts every cluster seeds alike (a release's specs, rules, managedFields) are held once.
  // Parts decode-time defaulting would fill (kubeadm's CoreDNS has no maxSurge) stay unshared:
  // a write's SetDefaults functions may fill them in place (a pod template aside: below). They
  // are shared as rendered, before the store Go-shapes the object: a shared part is frozen, and
  // the shaping of a frozen part is done once and shared in turn, so each cluster's copy costs a
  // lookup instead of a walk (twice) of every part.
  return shareSeeded(
    shape,
    { ...loose, metadata: { ...loose.metadata, managedFields: entries } },
    (copy) => {
      // A pod template is shared whole, as rendered: defaulting replaces a frozen part it would
      // change by a defaulted copy (src/api/defaults/defaults_walker.ts), and the controllers
      // hash, compare and copy one template for every cluster instead of one each (issue 17).
      const template = SHARED_TEMPLATES.has(resource.key)
        ? structuredClone((copy as Loose).spec?.template)
        : undefined;
      applySchemeDefaults(resource, copy, {
        minor: kubernetesMinor(kubernetesVersion) ?? 33,
        random,
      });
      if (template !== undefined) (copy as Loose).spec.template = template;
    },
  );
}

// Kinds whose seeded pod template every cluster shares as rendered (kube-proxy, CoreDNS).
const SHARED_TEMPLATES = new Set(["apps/deployments", "apps/daemonsets"]);
