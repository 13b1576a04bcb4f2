// What kube-controller-manager does inside one fake cluster: garbage collection, namespaces.

export { type ClusterControllers, startClusterControllers } from "./cluster_controllers.ts";
export type {
  ControlledResource,
  ControllerCreates,
  ControllerOptions,
  KubeletTiming,
} from "./controller_context.ts";
export type { NamespaceCondition } from "./namespace_conditions.ts";
export { type RootCaPublisherOptions, startRootCaPublisher } from "./root_ca_publisher.ts";
export {
  type KubernetesEndpointsOptions,
  reconcileKubernetesEndpoints,
  startKubernetesEndpoints,
} from "./kubernetes_endpoints.ts";
