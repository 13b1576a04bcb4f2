// Legacy discovery documents (/api, /api/v1, /apis, /apis/<g>, /apis/<g>/<v>) built from the catalog.

import type { Catalog, ResourceType } from "../resources/mod.ts";
import { compareKubeAwareVersions } from "./version_priority.ts";

/** `/api`: the core API versions and the address clients reach this server at. */
export function apiVersions(serverAddress: string) {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

/** `/apis`: every named group with its versions. */
export function apiGroupList(catalog: Catalog) {
  const groups = new Map<string, string[]>();
  for (const { group, version } of catalog.groupVersions()) {
    groups.set(group, [...(groups.get(group) ?? []), version]);
  }
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: [...groups].map(([name, versions]) =>
      apiGroupBody(name, inServedOrder(catalog, name, versions))
    ),
  };
}

/** `/apis/<group>`, or undefined for an unknown group. */
export function apiGroup(catalog: Catalog, group: string) {
  const versions = catalog.groupVersions().filter((gv) => gv.group === group).map((gv) =>
    gv.version
  );
  if (versions.length === 0) return undefined;
  return {
    kind: "APIGroup",
    apiVersion: "v1",
    ...apiGroupBody(group, inServedOrder(catalog, group, versions)),
  };
}

/**
 * A group's versions in discovery's order: a CRD group's by Kubernetes version priority (the
 * first is preferred), a built-in group's as recorded from kube-apiserver.
 */
export function inServedOrder(catalog: Catalog, group: string, versions: string[]): string[] {
  if (versions.length < 2) return versions;
  let custom = false;
  for (const resource of catalog.all()) {
    if (resource.group !== group) continue;
    if (!resource.custom) return versions;
    custom = true;
  }
  return custom ? [...versions].sort(compareKubeAwareVersions) : versions;
}

/** `/api/v1` or `/apis/<group>/<version>`, or undefined when nothing is served there. */
export function apiResourceList(catalog: Catalog, group: string, version: string) {
  const resources = catalog.inGroupVersion(group, version);
  if (resources.length === 0) return undefined;
  return {
    kind: "APIResourceList",
    ...(group ? { apiVersion: "v1" } : {}),
    groupVersion: group ? `${group}/${version}` : version,
    resources: resources.flatMap(resourceEntries),
  };
}

function apiGroupBody(name: string, versions: string[]) {
  const entries = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: entries, preferredVersion: entries[0] };
}

function resourceEntries(resource: ResourceType) {
  const main = {
    name: resource.name,
    singularName: resource.singularName,
    namespaced: resource.namespaced,
    kind: resource.kind,
    verbs: resource.verbs,
    ...(resource.shortNames.length ? { shortNames: resource.shortNames } : {}),
    ...(resource.categories.length ? { categories: resource.categories } : {}),
    ...(resource.storageVersionHash ? { storageVersionHash: resource.storageVersionHash } : {}),
  };
  const subresources = resource.subresources.map((sub) => ({
    name: `${resource.name}/${sub.name}`,
    singularName: "",
    namespaced: resource.namespaced,
    ...(sub.group ? { group: sub.group, version: sub.version } : {}),
    kind: sub.kind || resource.kind,
    verbs: sub.verbs,
  }));
  return [main, ...subresources];
}
