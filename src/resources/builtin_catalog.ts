// The built-in resources of one Kubernetes minor, read from the generated tables and shared by every cluster.
//
// Each minor's catalog is built once, on first use, and kept for the life of the process: every
// cluster of a minor holds the same `ResourceCatalog`, so the surface costs memory once.

import { kubernetesMinor } from "../api/version/mod.ts";
import type { CatalogEntry, CatalogTableDelta } from "./catalog_table.ts";
import { ALL_VERBS, ResourceCatalog, type ResourceType, type Subresource } from "./catalog.ts";
import { CATALOG_BASE, CATALOG_DELTAS } from "./tables/mod.ts";

/** The Kubernetes version fkas reports by default (src/config/defaults.ts). */
const DEFAULT_VERSION = "v1.33.1";

// Store behaviour kube-apiserver's registry strategies have but discovery does not show: which
// resources count spec changes in metadata.generation (PrepareForUpdate of each strategy) and
// which keep a deleted object while spec.finalizers is non-empty (namespaces).
// The kinds whose registry strategy sets `metadata.generation` (1 on create, +1 when what it
// counts changes), with the first minor that does (k8s.io/kubernetes pkg/registry/*/strategy.go
// `Generation = 1`, read per release 1.29–1.36).
const TRACKS_GENERATION = new Map<string, number>([
  ["pods", 33],
  ["podtemplates", 29],
  ["replicationcontrollers", 29],
  ["apps/daemonsets", 29],
  ["apps/deployments", 29],
  ["apps/replicasets", 29],
  ["apps/statefulsets", 29],
  ["batch/jobs", 29],
  ["batch/cronjobs", 29],
  ["apiextensions.k8s.io/customresourcedefinitions", 29],
  ["policy/poddisruptionbudgets", 29],
  ["discovery.k8s.io/endpointslices", 29],
  ["networking.k8s.io/networkpolicies", 29],
  ["networking.k8s.io/ingresses", 29],
  ["networking.k8s.io/ingressclasses", 29],
  ["scheduling.k8s.io/priorityclasses", 29],
  ["flowcontrol.apiserver.k8s.io/flowschemas", 29],
  ["flowcontrol.apiserver.k8s.io/prioritylevelconfigurations", 29],
  ["admissionregistration.k8s.io/mutatingwebhookconfigurations", 29],
  ["admissionregistration.k8s.io/validatingwebhookconfigurations", 29],
  ["admissionregistration.k8s.io/validatingadmissionpolicies", 29],
  ["admissionregistration.k8s.io/validatingadmissionpolicybindings", 29],
  ["admissionregistration.k8s.io/mutatingadmissionpolicies", 32],
  ["admissionregistration.k8s.io/mutatingadmissionpolicybindings", 32],
  ["resource.k8s.io/deviceclasses", 31],
  ["resource.k8s.io/resourceslices", 31],
  ["resource.k8s.io/devicetaintrules", 33],
]);
// Kinds without a spec whose generation counts every change but metadata's (a PodTemplate's
// template, an EndpointSlice's endpoints and ports).
const GENERATION_IGNORES = new Map<string, readonly string[]>([
  ["podtemplates", Object.freeze(["metadata"])],
  ["discovery.k8s.io/endpointslices", Object.freeze(["metadata"])],
]);
const SPEC_FINALIZERS = new Set(["namespaces"]);

const catalogs = new Map<number, ResourceCatalog>();

/**
 * The resources a default kube-apiserver of this version (`v1.33.1`) serves, shared by every
 * caller. A minor without a table gets the nearest newer one (else the newest).
 */
export function builtinCatalog(kubernetesVersion: string = DEFAULT_VERSION): ResourceCatalog {
  const minor = kubernetesMinor(kubernetesVersion) ?? 33;
  let catalog = catalogs.get(minor);
  if (catalog === undefined) {
    // A table's own version always reads (`!`).
    const delta = CATALOG_DELTAS.find((table) =>
      kubernetesMinor(table.kubernetesVersion)! >= minor
    );
    const chosen = kubernetesMinor((delta ?? CATALOG_BASE).kubernetesVersion)!;
    catalog = catalogs.get(chosen) ?? new ResourceCatalog(
      resourcesOf(delta),
      (delta ?? CATALOG_BASE).kubernetesVersion,
    );
    catalogs.set(minor, catalog);
    catalogs.set(chosen, catalog);
  }
  return catalog;
}

// Every resource of a table in discovery order: the core group, then the named groups in `/apis`
// order, each group's versions preferred first.
function resourcesOf(delta: CatalogTableDelta | undefined): ResourceType[] {
  const minor = kubernetesMinor((delta ?? CATALOG_BASE).kubernetesVersion)!;
  const groups = JSON.parse((delta ?? CATALOG_BASE).groups) as [string, string[]][];
  const order: [string, string][] = [
    ["", "v1"],
    ...groups.flatMap(([group, versions]) => versions.map((v): [string, string] => [group, v])),
  ];
  const resources: ResourceType[] = [];
  for (const [group, version] of order) {
    const gv = group ? `${group}/${version}` : version;
    const json = delta && Object.hasOwn(delta.resources, gv)
      ? delta.resources[gv]
      : CATALOG_BASE.resources[gv];
    if (json) resources.push(...resourceTypes(minor, group, version, JSON.parse(json)));
  }
  return resources;
}

function resourceTypes(
  minor: number,
  group: string,
  version: string,
  entries: CatalogEntry[],
): ResourceType[] {
  const subresources = new Map<string, Subresource[]>();
  for (const entry of entries) {
    const slash = entry.name.indexOf("/");
    if (slash < 0) continue;
    const parent = entry.name.slice(0, slash);
    const sub: Subresource = Object.freeze({
      name: entry.name.slice(slash + 1),
      kind: entry.kind,
      verbs: Object.freeze([...entry.verbs]),
      ...(entry.group !== undefined ? { group: entry.group, version: entry.version } : {}),
    });
    subresources.set(parent, [...subresources.get(parent) ?? [], sub]);
  }
  return entries.filter((entry) => !entry.name.includes("/")).map((entry) => {
    const key = group ? `${group}/${entry.name}` : entry.name;
    const verbs = entry.verbs.join() === ALL_VERBS.join() ? ALL_VERBS : entry.verbs;
    return Object.freeze({
      group,
      version,
      name: entry.name,
      singularName: entry.singularName ?? "",
      kind: entry.kind,
      namespaced: entry.namespaced ?? false,
      verbs: Object.freeze([...verbs]),
      shortNames: Object.freeze([...entry.shortNames ?? []]),
      categories: Object.freeze([...entry.categories ?? []]),
      ...(entry.storageVersionHash ? { storageVersionHash: entry.storageVersionHash } : {}),
      tracksGeneration: minor >= (TRACKS_GENERATION.get(key) ?? Infinity),
      ...(GENERATION_IGNORES.has(key) ? { generationIgnores: GENERATION_IGNORES.get(key) } : {}),
      specFinalizers: SPEC_FINALIZERS.has(key),
      subresources: Object.freeze(subresources.get(entry.name) ?? []),
      key,
    });
  });
}

/** The catalog of the default version: what the REST layer uses when no cluster is at hand. */
export const BUILTIN_CATALOG: ResourceCatalog = builtinCatalog();

/** Every built-in resource of the default version, in discovery order. */
export const BUILTIN_RESOURCES: readonly ResourceType[] = BUILTIN_CATALOG.resources;
