// The Kubernetes resource types fkas knows, as data shared by the REST layer and the cluster model.

export { BUILTIN_CATALOG, BUILTIN_RESOURCES, builtinCatalog } from "./builtin_catalog.ts";
export {
  ALL_VERBS,
  type Catalog,
  type PrinterColumn,
  ResourceCatalog,
  type ResourceType,
  type Subresource,
} from "./catalog.ts";
export { ClusterCatalog } from "./cluster_catalog.ts";
export { resourcesOfDefinition } from "./crd_resources.ts";
