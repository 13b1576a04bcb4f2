// The built-in resource types every fake cluster serves, as data: discovery, routing and storage read it.

import type { StoredResource } from "../store/mod.ts";

/** One served resource, as discovery describes it and storage keys it. */
export interface ResourceType extends StoredResource {
  readonly group: string;
  readonly version: string;
  /** Plural name in URLs: `pods`. */
  readonly name: string;
  readonly singularName: string;
  readonly kind: string;
  readonly verbs: readonly string[];
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  /** Subresources served under `<name>/<sub>`, with their discovery kind and verbs. */
  readonly subresources: readonly Subresource[];
  /** Defined by a CustomResourceDefinition (unstructured objects; no strategic merge patch). */
  readonly custom?: boolean;
  /** A CRD's `additionalPrinterColumns` for Table output. */
  readonly printerColumns?: readonly PrinterColumn[];
}

/** A CRD printer column: a JSONPath into the object. */
export interface PrinterColumn {
  readonly name: string;
  readonly type: string;
  readonly jsonPath: string;
  readonly description?: string;
  readonly priority?: number;
}

/** Lookups the REST layer needs; built-ins are shared, custom resources are per cluster. */
export interface Catalog {
  /** The resource served at `/api(s)/<group>/<version>/<name>`, if any. */
  find(group: string, version: string, name: string): ResourceType | undefined;
  /** The resource of a kind in a group (any served version when none is given). */
  byKind(group: string, kind: string, version?: string): ResourceType | undefined;
  /** The resource with this storage key (`pods`, `apps/deployments`, `example.com/widgets`). */
  byKey(key: string): ResourceType | undefined;
  /** Group versions in discovery order (core excluded). */
  groupVersions(): { group: string; version: string }[];
  /** Resources of one group version. */
  inGroupVersion(group: string, version: string): ResourceType[];
  /** An object that changes whenever the set of resources does: a key for caching derived documents. */
  cacheKey(): object;
  /** Every resource, built-ins first. */
  all(): readonly ResourceType[];
}

/** A subresource such as `pods/status`. */
export interface Subresource {
  readonly name: string;
  readonly kind: string;
  readonly verbs: readonly string[];
  readonly group?: string;
  readonly version?: string;
}

/** The verbs of a fully served resource. */
export const ALL_VERBS = [
  "create",
  "delete",
  "deletecollection",
  "get",
  "list",
  "patch",
  "update",
  "watch",
] as const;
const STATUS = { name: "status", kind: "", verbs: ["get", "patch", "update"] } as const;

interface Entry {
  group?: string;
  version?: string;
  name: string;
  kind: string;
  namespaced?: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: readonly string[];
  tracksGeneration?: boolean;
  specFinalizers?: boolean;
  subresources?: Subresource[];
}

const ENTRIES: Entry[] = [
  { name: "configmaps", kind: "ConfigMap", shortNames: ["cm"] },
  { name: "endpoints", kind: "Endpoints", shortNames: ["ep"] },
  { name: "events", kind: "Event", shortNames: ["ev"] },
  {
    name: "namespaces",
    kind: "Namespace",
    namespaced: false,
    shortNames: ["ns"],
    verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
    specFinalizers: true,
    subresources: [STATUS],
  },
  { name: "nodes", kind: "Node", namespaced: false, shortNames: ["no"], subresources: [STATUS] },
  {
    name: "pods",
    kind: "Pod",
    shortNames: ["po"],
    categories: ["all"],
    tracksGeneration: true,
    subresources: [
      STATUS,
      { name: "eviction", kind: "Eviction", verbs: ["create"], group: "policy", version: "v1" },
      { name: "portforward", kind: "PodPortForwardOptions", verbs: ["create", "get"] },
    ],
  },
  { name: "secrets", kind: "Secret" },
  { name: "serviceaccounts", kind: "ServiceAccount", shortNames: ["sa"] },
  {
    name: "services",
    kind: "Service",
    shortNames: ["svc"],
    categories: ["all"],
    subresources: [STATUS],
  },
  {
    group: "apps",
    name: "daemonsets",
    kind: "DaemonSet",
    shortNames: ["ds"],
    categories: ["all"],
    tracksGeneration: true,
    subresources: [STATUS],
  },
  {
    group: "apps",
    name: "deployments",
    kind: "Deployment",
    shortNames: ["deploy"],
    categories: ["all"],
    tracksGeneration: true,
    subresources: [STATUS],
  },
  { group: "coordination.k8s.io", name: "leases", kind: "Lease" },
  {
    group: "rbac.authorization.k8s.io",
    name: "clusterrolebindings",
    kind: "ClusterRoleBinding",
    namespaced: false,
  },
  {
    group: "rbac.authorization.k8s.io",
    name: "clusterroles",
    kind: "ClusterRole",
    namespaced: false,
  },
  { group: "rbac.authorization.k8s.io", name: "rolebindings", kind: "RoleBinding" },
  { group: "rbac.authorization.k8s.io", name: "roles", kind: "Role" },
  { group: "storage.k8s.io", name: "csidrivers", kind: "CSIDriver", namespaced: false },
  {
    group: "storage.k8s.io",
    name: "volumeattachments",
    kind: "VolumeAttachment",
    namespaced: false,
    subresources: [STATUS],
  },
  {
    group: "apiextensions.k8s.io",
    name: "customresourcedefinitions",
    kind: "CustomResourceDefinition",
    namespaced: false,
    shortNames: ["crd", "crds"],
    categories: ["api-extensions"],
    tracksGeneration: true,
    subresources: [STATUS],
  },
  {
    group: "policy",
    name: "poddisruptionbudgets",
    kind: "PodDisruptionBudget",
    shortNames: ["pdb"],
    tracksGeneration: true,
    subresources: [STATUS],
  },
  // What CAPI's drain reads (PersistentVolumes) and what ClusterResourceSets commonly apply: the
  // kinds of CNI (Calico, Cilium), CSI driver and metrics-server manifests. Short names and
  // categories as kube-apiserver v1.33 serves them (each registry's ShortNames/Categories).
  {
    name: "persistentvolumes",
    kind: "PersistentVolume",
    namespaced: false,
    shortNames: ["pv"],
    subresources: [STATUS],
  },
  {
    name: "persistentvolumeclaims",
    kind: "PersistentVolumeClaim",
    shortNames: ["pvc"],
    subresources: [STATUS],
  },
  { name: "limitranges", kind: "LimitRange", shortNames: ["limits"] },
  { name: "resourcequotas", kind: "ResourceQuota", shortNames: ["quota"], subresources: [STATUS] },
  {
    group: "apps",
    name: "replicasets",
    kind: "ReplicaSet",
    shortNames: ["rs"],
    categories: ["all"],
    tracksGeneration: true,
    subresources: [STATUS],
  },
  {
    group: "apps",
    name: "statefulsets",
    kind: "StatefulSet",
    shortNames: ["sts"],
    categories: ["all"],
    tracksGeneration: true,
    subresources: [STATUS],
  },
  {
    group: "batch",
    name: "jobs",
    kind: "Job",
    categories: ["all"],
    tracksGeneration: true,
    subresources: [STATUS],
  },
  {
    group: "batch",
    name: "cronjobs",
    kind: "CronJob",
    shortNames: ["cj"],
    categories: ["all"],
    tracksGeneration: true,
    subresources: [STATUS],
  },
  {
    group: "storage.k8s.io",
    name: "storageclasses",
    kind: "StorageClass",
    namespaced: false,
    shortNames: ["sc"],
  },
  { group: "storage.k8s.io", name: "csinodes", kind: "CSINode", namespaced: false },
  { group: "storage.k8s.io", name: "csistoragecapacities", kind: "CSIStorageCapacity" },
  {
    group: "scheduling.k8s.io",
    name: "priorityclasses",
    kind: "PriorityClass",
    namespaced: false,
    shortNames: ["pc"],
  },
  {
    group: "networking.k8s.io",
    name: "networkpolicies",
    kind: "NetworkPolicy",
    shortNames: ["netpol"],
    tracksGeneration: true,
  },
  {
    group: "networking.k8s.io",
    name: "ingressclasses",
    kind: "IngressClass",
    namespaced: false,
  },
  {
    group: "networking.k8s.io",
    name: "ingresses",
    kind: "Ingress",
    shortNames: ["ing"],
    tracksGeneration: true,
    subresources: [STATUS],
  },
  { group: "discovery.k8s.io", name: "endpointslices", kind: "EndpointSlice" },
  {
    group: "admissionregistration.k8s.io",
    name: "mutatingwebhookconfigurations",
    kind: "MutatingWebhookConfiguration",
    namespaced: false,
    categories: ["api-extensions"],
    tracksGeneration: true,
  },
  {
    group: "admissionregistration.k8s.io",
    name: "validatingwebhookconfigurations",
    kind: "ValidatingWebhookConfiguration",
    namespaced: false,
    categories: ["api-extensions"],
    tracksGeneration: true,
  },
  {
    group: "apiregistration.k8s.io",
    name: "apiservices",
    kind: "APIService",
    namespaced: false,
    categories: ["api-extensions"],
    subresources: [STATUS],
  },
];

function toResourceType(entry: Entry): ResourceType {
  const group = entry.group ?? "";
  return Object.freeze({
    group,
    version: entry.version ?? "v1",
    name: entry.name,
    singularName: entry.kind.toLowerCase(),
    kind: entry.kind,
    namespaced: entry.namespaced ?? true,
    verbs: entry.verbs ?? ALL_VERBS,
    shortNames: entry.shortNames ?? [],
    categories: entry.categories ?? [],
    tracksGeneration: entry.tracksGeneration ?? false,
    specFinalizers: entry.specFinalizers ?? false,
    subresources: entry.subresources ?? [],
    key: group ? `${group}/${entry.name}` : entry.name,
  });
}

/** Every built-in resource, in discovery order. */
export const BUILTIN_RESOURCES: readonly ResourceType[] = Object.freeze(
  ENTRIES.map(toResourceType),
);

/** An immutable set of resources with indexed lookups. */
export class ResourceCatalog implements Catalog {
  readonly #byPath = new Map<string, ResourceType>();
  readonly #byKey = new Map<string, ResourceType>();

  constructor(readonly resources: readonly ResourceType[] = BUILTIN_RESOURCES) {
    for (const r of resources) {
      this.#byPath.set(`${r.group}/${r.version}/${r.name}`, r);
      if (!this.#byKey.has(r.key)) this.#byKey.set(r.key, r);
    }
  }

  find(group: string, version: string, name: string): ResourceType | undefined {
    return this.#byPath.get(`${group}/${version}/${name}`);
  }

  byKind(group: string, kind: string, version?: string): ResourceType | undefined {
    return this.resources.find((r) =>
      r.group === group && r.kind === kind && (version === undefined || r.version === version)
    );
  }

  byKey(key: string): ResourceType | undefined {
    return this.#byKey.get(key);
  }

  groupVersions(): { group: string; version: string }[] {
    const seen = new Map<string, { group: string; version: string }>();
    for (const r of this.resources) {
      if (r.group) seen.set(`${r.group}/${r.version}`, { group: r.group, version: r.version });
    }
    return [...seen.values()];
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.resources.filter((r) => r.group === group && r.version === version);
  }

  cacheKey(): object {
    return this;
  }

  all(): readonly ResourceType[] {
    return this.resources;
  }
}

/** The catalog every cluster starts with. */
export const BUILTIN_CATALOG = new ResourceCatalog(BUILTIN_RESOURCES);
