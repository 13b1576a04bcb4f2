// The Kubernetes resource types fkas knows, as data shared by the REST layer and the cluster model.

export {
  BUILTIN_RESOURCES,
  ResourceCatalog,
  type ResourceType,
  type Subresource,
} from "./catalog.ts";
