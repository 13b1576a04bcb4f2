// The cluster-wide KubeletConfiguration ConfigMap kubeadm's upload-config phase writes, and its RBAC.

import type { KubeObject } from "../store/mod.ts";
import { zeroLogging } from "./_component_logging.ts";
import { configMapReaderRole, roleBinding } from "./_rbac.ts";
import { toYaml } from "./_yaml.ts";
import { atLeastMinor, kubeletConfigMapName } from "./addon_versions.ts";
import type { ClusterShape } from "./cluster_shape.ts";
import { dnsServiceIP } from "./service_ip.ts";

type KubeletInputs = Pick<ClusterShape, "kubernetesVersion" | "serviceSubnet" | "dnsDomain">;

/** The KubeletConfiguration YAML kubeadm marshals for every node (kubeadm defaults, zero values kept). */
export function renderKubeletConfiguration(shape: KubeletInputs): string {
  const version = shape.kubernetesVersion;
  return toYaml({
    apiVersion: "kubelet.config.k8s.io/v1beta1",
    authentication: {
      anonymous: { enabled: false },
      webhook: { cacheTTL: "0s", enabled: true },
      x509: { clientCAFile: "/etc/kubernetes/pki/ca.crt" },
    },
    authorization: {
      mode: "Webhook",
      webhook: { cacheAuthorizedTTL: "0s", cacheUnauthorizedTTL: "0s" },
    },
    cgroupDriver: "systemd",
    clusterDNS: [dnsServiceIP(shape.serviceSubnet)],
    clusterDomain: shape.dnsDomain,
    containerRuntimeEndpoint: "",
    cpuManagerReconcilePeriod: "0s",
    evictionPressureTransitionPeriod: "0s",
    fileCheckFrequency: "0s",
    healthzBindAddress: "127.0.0.1",
    healthzPort: 10248,
    httpCheckFrequency: "0s",
    ...(atLeastMinor(version, 29) ? { imageMaximumGCAge: "0s" } : {}),
    imageMinimumGCAge: "0s",
    kind: "KubeletConfiguration",
    logging: zeroLogging(version),
    memorySwap: {},
    nodeStatusReportFrequency: "0s",
    nodeStatusUpdateFrequency: "0s",
    rotateCertificates: true,
    runtimeRequestTimeout: "0s",
    shutdownGracePeriod: "0s",
    shutdownGracePeriodCriticalPods: "0s",
    staticPodPath: "/etc/kubernetes/manifests",
    streamingConnectionIdleTimeout: "0s",
    syncFrequency: "0s",
    volumeStatsAggPeriod: "0s",
  });
}

/** The kubelet-config ConfigMap (key `kubelet`) joining nodes download their configuration from. */
export function renderKubeletConfigMap(shape: KubeletInputs): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: kubeletConfigMapName(shape.kubernetesVersion), namespace: "kube-system" },
    data: { kubelet: renderKubeletConfiguration(shape) },
  };
}

/** Role and RoleBinding `kubeadm:kubelet-config`: nodes and bootstrap tokens may read the ConfigMap. */
export function renderKubeletConfigRBAC(kubernetesVersion: string): KubeObject[] {
  const configMap = kubeletConfigMapName(kubernetesVersion);
  const name = `kubeadm:${configMap}`;
  return [
    configMapReaderRole("kube-system", name, configMap),
    roleBinding("kube-system", name, [
      { kind: "Group", name: "system:nodes" },
      { kind: "Group", name: "system:bootstrappers:kubeadm:default-node-token" },
    ]),
  ];
}
