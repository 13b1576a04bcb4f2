// The kube-public/cluster-info ConfigMap kubeadm publishes for token discovery, and its RBAC.

import type { KubeObject } from "../store/mod.ts";
import { base64Utf8 } from "../encoding/mod.ts";
import { configMapReaderRole, roleBinding } from "./_rbac.ts";
import { toYaml } from "./_yaml.ts";
import { type ClusterShape, serverURL } from "./cluster_shape.ts";

const NAME = "cluster-info";
const ROLE = "kubeadm:bootstrap-signer-clusterinfo";

type ClusterInfoInputs = Pick<ClusterShape, "controlPlaneEndpoint" | "caCertificatePem">;

/** The kubeconfig kubeadm stores: one unnamed cluster (CA data and server), as clientcmd.Write emits it. */
export function renderClusterInfoKubeconfig(shape: ClusterInfoInputs): string {
  return toYaml({
    apiVersion: "v1",
    clusters: [{
      cluster: {
        "certificate-authority-data": base64Utf8(shape.caCertificatePem),
        server: serverURL(shape),
      },
      name: "",
    }],
    contexts: null,
    "current-context": "",
    kind: "Config",
    preferences: {},
    users: null,
  });
}

/** The cluster-info ConfigMap (key `kubeconfig`). */
export function renderClusterInfoConfigMap(shape: ClusterInfoInputs): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: NAME, namespace: "kube-public" },
    data: { kubeconfig: renderClusterInfoKubeconfig(shape) },
  };
}

/** Role and RoleBinding letting anonymous users read cluster-info. */
export function renderClusterInfoRBAC(): KubeObject[] {
  return [
    configMapReaderRole("kube-public", ROLE, NAME),
    roleBinding("kube-public", ROLE, [{ kind: "User", name: "system:anonymous" }]),
  ];
}
