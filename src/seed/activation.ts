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

/** The inputs of the activation objects that name no cluster (neither its name, endpoint, CA nor pods). */
export type AlikeInputs = Pick<
  ClusterShape,
  "kubernetesVersion" | "serviceSubnet" | "dnsDomain" | "now"
>;

/**
 * kubeadm's activation objects that depend only on `AlikeInputs` (most of them: RBAC, kubelet
 * config, CoreDNS, kube-proxy's DaemonSet), rendered once: a caller that makes many clusters
 * alike renders these once and passes them to each `renderActivationObjects`.
 */
export interface AlikeActivationObjects {
  readonly inputs: AlikeInputs;
  readonly kubeadmConfigRBAC: readonly SeedObject[];
  readonly kubeletConfig: readonly SeedObject[];
  readonly bootstrapRBAC: readonly SeedObject[];
  readonly clusterInfoRBAC: readonly SeedObject[];
  readonly coreDNS: readonly SeedObject[];
  readonly kubeProxyServiceAccount: readonly SeedObject[];
  readonly kubeProxy: readonly SeedObject[];
}

/** Renders the activation objects that name no cluster (`AlikeActivationObjects`). */
export function renderAlikeActivationObjects(inputs: AlikeInputs): AlikeActivationObjects {
  const version = inputs.kubernetesVersion;
  return {
    inputs,
    kubeadmConfigRBAC: alike(renderKubeadmConfigRBAC()),
    kubeletConfig: alike([renderKubeletConfigMap(inputs), ...renderKubeletConfigRBAC(version)]),
    bootstrapRBAC: alike(renderBootstrapRBAC(version)),
    clusterInfoRBAC: alike(renderClusterInfoRBAC()),
    coreDNS: alike([
      renderCoreDNSConfigMap(inputs),
      ...renderCoreDNSRBAC(),
      renderCoreDNSServiceAccount(),
      renderCoreDNSDeployment(inputs),
      renderKubeDNSService(inputs.serviceSubnet),
    ]),
    kubeProxyServiceAccount: alike([renderKubeProxyServiceAccount()]),
    kubeProxy: alike([renderKubeProxyDaemonSet(version), ...renderKubeProxyRBAC()]),
  };
}

/** Every object of an `AlikeActivationObjects`, the very ones `renderActivationObjects` returns. */
export function alikeObjectsOf(common: AlikeActivationObjects): SeedObject[] {
  return [
    ...common.kubeadmConfigRBAC,
    ...common.kubeletConfig,
    ...common.bootstrapRBAC,
    ...common.clusterInfoRBAC,
    ...common.coreDNS,
    ...common.kubeProxyServiceAccount,
    ...common.kubeProxy,
  ];
}

function alike(objects: KubeObject[]): SeedObject[] {
  return objects.map((object) => ({ resourceKey: resourceKeyOf(object), object }));
}

/**
 * The objects of an initialized control plane, in the order they appear in a real cluster:
 * kube-root-ca.crt in each of `rootCANamespaces` (which must exist), then kubeadm's phases
 * upload-config, bootstrap-token and addons (CoreDNS, kube-proxy). `common`, rendered for the
 * same release, service network, DNS domain and `now`, saves rendering what names no cluster.
 */
export function renderActivationObjects(
  shape: ClusterShape,
  rootCANamespaces: readonly string[] = SYSTEM_NAMESPACES,
  common: AlikeActivationObjects = renderAlikeActivationObjects(shape),
): SeedObject[] {
  const own = (object: KubeObject): SeedObject => ({ resourceKey: resourceKeyOf(object), object });
  return [
    ...rootCANamespaces.map((ns) => own(renderRootCAConfigMap(ns, shape.caCertificatePem))),
    own(renderKubeadmConfigMap(shape)),
    ...common.kubeadmConfigRBAC,
    ...common.kubeletConfig,
    ...common.bootstrapRBAC,
    own(renderClusterInfoConfigMap(shape)),
    ...common.clusterInfoRBAC,
    ...common.coreDNS,
    ...common.kubeProxyServiceAccount,
    own(renderKubeProxyConfigMap(shape)),
    ...common.kubeProxy,
  ];
}

/** The storage key of a seeded object's resource, by its kind. */
export function resourceKeyOf(object: KubeObject): string {
  const key = RESOURCE_KEYS[object.kind ?? ""];
  if (!key) throw new Error(`Cannot seed ${object.kind}: no storage key for this kind`);
  return key;
}
