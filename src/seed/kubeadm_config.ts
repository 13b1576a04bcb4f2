// The kube-system/kubeadm-config ConfigMap kubeadm's upload-config phase writes, and its RBAC.

import { goYaml } from "../encoding/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { configMapReaderRole, roleBinding } from "./_rbac.ts";
import { toYaml } from "./_yaml.ts";
import { kubeadmAPIVersion } from "./addon_versions.ts";
import { type ClusterShape, IMAGE_REPOSITORY } from "./cluster_shape.ts";

const NAME = "kubeadm-config";
const NODES_ROLE = "kubeadm:nodes-kubeadm-config";

// Only the cluster's name and endpoint differ between clusters made alike: the rest is rendered
// once per release and networks with a plain placeholder in each of their two top-level lines,
// and each cluster's values are rendered alone (a top-level mapping value is written the same
// way whatever the other keys) and put in their place: 7-8 µs instead of 19-20 for the document.
const NAME_SLOT = "fkas-slot-cluster-name";
const ENDPOINT_SLOT = "fkas-slot-control-plane-endpoint";
const TEMPLATE_LIMIT = 64;
const templates = new Map<string, string>();

/** The ClusterConfiguration YAML as kubeadm marshals it (sorted keys, defaults filled in). */
export function renderClusterConfiguration(shape: ClusterShape): string {
  const key = `${shape.kubernetesVersion}\u0000${shape.dnsDomain}\u0000${
    shape.podSubnet ?? ""
  }\u0000${shape.serviceSubnet}`;
  let template = templates.get(key);
  if (template === undefined) {
    template = wholeClusterConfiguration({
      ...shape,
      clusterName: NAME_SLOT,
      controlPlaneEndpoint: ENDPOINT_SLOT,
    });
    if (templates.size >= TEMPLATE_LIMIT) templates.clear();
    templates.set(key, template);
  }
  return template
    .replace(
      `\nclusterName: ${NAME_SLOT}\n`,
      () => `\n${goYaml({ clusterName: shape.clusterName })}`,
    )
    .replace(
      `\ncontrolPlaneEndpoint: ${ENDPOINT_SLOT}\n`,
      () => `\n${goYaml({ controlPlaneEndpoint: shape.controlPlaneEndpoint })}`,
    );
}

// The whole document rendered at once (the template, and what it must equal).
function wholeClusterConfiguration(shape: ClusterShape): string {
  const apiVersion = kubeadmAPIVersion(shape.kubernetesVersion);
  const v1beta4 = apiVersion.endsWith("v1beta4");
  const networking = {
    dnsDomain: shape.dnsDomain,
    ...(shape.podSubnet ? { podSubnet: shape.podSubnet } : {}),
    serviceSubnet: shape.serviceSubnet,
  };
  // v1beta4 moved timeoutForControlPlane out and added certificate settings and `proxy`.
  return toYaml({
    apiServer: v1beta4 ? {} : { timeoutForControlPlane: "4m0s" },
    apiVersion,
    ...(v1beta4
      ? { caCertificateValidityPeriod: "87600h0m0s", certificateValidityPeriod: "8760h0m0s" }
      : {}),
    certificatesDir: "/etc/kubernetes/pki",
    clusterName: shape.clusterName,
    controlPlaneEndpoint: shape.controlPlaneEndpoint,
    controllerManager: {},
    dns: {},
    ...(v1beta4 ? { encryptionAlgorithm: "RSA-2048" } : {}),
    etcd: { local: { dataDir: "/var/lib/etcd" } },
    imageRepository: IMAGE_REPOSITORY,
    kind: "ClusterConfiguration",
    kubernetesVersion: shape.kubernetesVersion,
    networking,
    ...(v1beta4 ? { proxy: {} } : {}),
    scheduler: {},
  });
}

/** The kubeadm-config ConfigMap; its existence is what KCP reads as "control plane initialized". */
export function renderKubeadmConfigMap(shape: ClusterShape): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: NAME, namespace: "kube-system" },
    data: { ClusterConfiguration: renderClusterConfiguration(shape) },
  };
}

/** The Role and RoleBinding letting joining nodes and bootstrap tokens read kubeadm-config. */
export function renderKubeadmConfigRBAC(): KubeObject[] {
  return [
    configMapReaderRole("kube-system", NODES_ROLE, NAME),
    roleBinding("kube-system", NODES_ROLE, [
      { kind: "Group", name: "system:bootstrappers:kubeadm:default-node-token" },
      { kind: "Group", name: "system:nodes" },
    ]),
  ];
}
