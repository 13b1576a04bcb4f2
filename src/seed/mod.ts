// The objects a cluster and a node start with: templates as data plus one render step each.

export { renderNamespace, SYSTEM_NAMESPACES } from "./namespaces.ts";
export { type NodeShape, renderNode } from "./node.ts";
export { NODE_LEASE_RENEW_INTERVAL_MS, renderNodeLease } from "./node_lease.ts";
export {
  LEADER_ELECTED_COMPONENTS,
  LEADER_RENEW_INTERVAL_MS,
  microTime,
  renderLeaderLease,
} from "./leader_leases.ts";
export {
  CONTROL_PLANE_COMPONENTS,
  type ControlPlaneComponent,
  renderStaticPod,
  staticPodName,
  type StaticPodShape,
} from "./static_pods.ts";
export {
  type AlikeActivationObjects,
  type AlikeInputs,
  alikeObjectsOf,
  renderActivationObjects,
  renderAlikeActivationObjects,
  type SeedObject,
} from "./activation.ts";
export { renderApiServerObjects } from "./apiserver_objects.ts";
export {
  APF_API_VERSION,
  APF_AUTOUPDATE_ANNOTATION,
  APF_BOOTSTRAP_MINORS,
  apfMinor,
  renderApfBootstrap,
} from "./apf_bootstrap.ts";
export { BOOTSTRAP_POLICY_MINORS, policyMinor, renderBootstrapPolicy } from "./bootstrap_policy.ts";
export {
  renderKubernetesEndpoints,
  renderKubernetesEndpointSlice,
  renderKubernetesService,
} from "./kubernetes_service.ts";
export { coreDNSImageTag, kubeadmAPIVersion, kubeletConfigMapName } from "./addon_versions.ts";
export type { ClusterShape } from "./cluster_shape.ts";
export { renderClusterConfiguration } from "./kubeadm_config.ts";
export { renderRootCAConfigMap } from "./root_ca_configmap.ts";
export { dnsServiceIP } from "./service_ip.ts";
export { shareSeeded } from "./shared_seeds.ts";
