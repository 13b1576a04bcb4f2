// The built-in resources the cluster module writes, looked up once from the catalog.

import { BUILTIN_RESOURCES, type ResourceType } from "../resources/mod.ts";

function builtin(group: string, name: string): ResourceType {
  const resource = BUILTIN_RESOURCES.find((r) => r.group === group && r.name === name);
  if (!resource) throw new Error(`Cannot find built-in resource ${group}/${name}`);
  return resource;
}

/** `namespaces` (core). */
export const NAMESPACES = builtin("", "namespaces");
/** `nodes` (core). */
export const NODES = builtin("", "nodes");
/** `pods` (core). */
export const PODS = builtin("", "pods");
/** `customresourcedefinitions.apiextensions.k8s.io`. */
export const CUSTOM_RESOURCE_DEFINITIONS = builtin(
  "apiextensions.k8s.io",
  "customresourcedefinitions",
);
/** `leases.coordination.k8s.io`. */
export const LEASES = builtin("coordination.k8s.io", "leases");
/** `configmaps` (core). */
export const CONFIG_MAPS = builtin("", "configmaps");
/** `services` (core). */
export const SERVICES = builtin("", "services");
/** `endpoints` (core). */
export const ENDPOINTS = builtin("", "endpoints");
/** `endpointslices.discovery.k8s.io`. */
export const ENDPOINT_SLICES = builtin("discovery.k8s.io", "endpointslices");
