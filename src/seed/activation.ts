// Everything kubeadm init and kube-controller-manager leave in a cluster once its first control plane is up.

import type { KubeObject } from "../store/mod.ts";
import { renderBootstrapRBAC } from "./bootstrap_rbac.ts";
import { renderClusterInfoConfigMap, renderClusterInfoRBAC } from "./cluster_info.ts";
import type { ClusterShape } from "./cluster_shape.ts";
import {
  renderCoreDNSConfigMap,
  renderCoreDNSDeployment,
  renderCoreDNSRBAC,
  renderCoreDNSServiceAccount,
  renderKubeDNSService,
} from "./coredns.ts";
import {
  renderKubeProxyConfigMap,
  renderKubeProxyDaemonSet,
  renderKubeProxyRBAC,
  renderKubeProxyServiceAccount,
} from "./kube_proxy.ts";
import { renderKubeadmConfigMap, renderKubeadmConfigRBAC } from "./kubeadm_config.ts";
import { renderKubeletConfigMap, renderKubeletConfigRBAC } from "./kubelet_config.ts";
import { SYSTEM_NAMESPACES } from "./namespaces.ts";
import { renderRootCAConfigMap } from "./root_ca_configmap.ts";

/** One object to create, with the storage key of its resource (`configmaps`, `apps/deployments`). */
export interface SeedObject {
  readonly resourceKey: string;
  readonly object: KubeObject;
}

// Storage keys as src/resources/catalog.ts names them.
const RESOURCE_KEYS: Record<string, string> = {
  ConfigMap: "configmaps",
  Service: "services",
  Endpoints: "endpoints",
  EndpointSlice: "discovery.k8s.io/endpointslices",
  ServiceAccount: "serviceaccounts",
  DaemonSet: "apps/daemonsets",
  Deployment: "apps/deployments",
  ClusterRole: "rbac.authorization.k8s.io/clusterroles",
  ClusterRoleBinding: "rbac.authorization.k8s.io/clusterrolebindings",
  Role: "rbac.authorization.k8s.io/roles",
  RoleBinding: "rbac.authorization.k8s.io/rolebindings",
  FlowSchema: "flowcontrol.apiserver.k8s.io/flowschemas",
  PriorityLevelConfiguration: "flowcontrol.apiserver.k8s.io/prioritylevelconfigurations",
  PriorityClass: "scheduling.k8s.io/priorityclasses",
};

/**
 * The objects of an initialized control plane, in the order they appear in a real cluster:
 * kube-root-ca.crt in each of `rootCANamespaces` (which must exist), then kubeadm's phases
 * upload-config, bootstrap-token and addons (CoreDNS, kube-proxy).
 */
export function renderActivationObjects(
  shape: ClusterShape,
  rootCANamespaces: readonly string[] = SYSTEM_NAMESPACES,
): SeedObject[] {
  const version = shape.kubernetesVersion;
  const objects = [
    ...rootCANamespaces.map((ns) => renderRootCAConfigMap(ns, shape.caCertificatePem)),
    renderKubeadmConfigMap(shape),
    ...renderKubeadmConfigRBAC(),
    renderKubeletConfigMap(shape),
    ...renderKubeletConfigRBAC(version),
    ...renderBootstrapRBAC(version),
    renderClusterInfoConfigMap(shape),
    ...renderClusterInfoRBAC(),
    renderCoreDNSConfigMap(shape),
    ...renderCoreDNSRBAC(),
    renderCoreDNSServiceAccount(),
    renderCoreDNSDeployment(shape),
    renderKubeDNSService(shape.serviceSubnet),
    renderKubeProxyServiceAccount(),
    renderKubeProxyConfigMap(shape),
    renderKubeProxyDaemonSet(version),
    ...renderKubeProxyRBAC(),
  ];
  return objects.map((object) => ({ resourceKey: resourceKeyOf(object), object }));
}

/** The storage key of a seeded object's resource, by its kind. */
export function resourceKeyOf(object: KubeObject): string {
  const key = RESOURCE_KEYS[object.kind ?? ""];
  if (!key) throw new Error(`Cannot seed ${object.kind}: no storage key for this kind`);
  return key;
}
