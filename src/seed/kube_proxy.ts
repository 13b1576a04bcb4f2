// The kube-proxy addon kubeadm installs: DaemonSet, ConfigMap, ServiceAccount and RBAC.

import type { KubeObject } from "../store/mod.ts";
import { zeroLogging } from "./_component_logging.ts";
import { clusterRoleBinding, configMapReaderRole, roleBinding } from "./_rbac.ts";
import { toYaml } from "./_yaml.ts";
import { atLeastMinor } from "./addon_versions.ts";
import { type ClusterShape, IMAGE_REPOSITORY, serverURL } from "./cluster_shape.ts";
import { imageTag } from "./component_versions.ts";

const NAME = "kube-proxy";
const LABELS = { "k8s-app": NAME };

type ProxyInputs = Pick<ClusterShape, "kubernetesVersion" | "controlPlaneEndpoint" | "podSubnet">;

/** The kube-proxy image kubeadm deploys; `+` in the version becomes `_` (SemverToOCIImageTag). */
export function kubeProxyImage(kubernetesVersion: string): string {
  return `${IMAGE_REPOSITORY}/kube-proxy:${imageTag(kubernetesVersion)}`;
}

/** The KubeProxyConfiguration YAML kubeadm marshals (defaults left at zero, as kubeadm stores it). */
export function renderKubeProxyConfiguration(shape: ProxyInputs): string {
  const since129 = atLeastMinor(shape.kubernetesVersion, 29);
  return toYaml({
    apiVersion: "kubeproxy.config.k8s.io/v1alpha1",
    bindAddress: "0.0.0.0",
    bindAddressHardFail: false,
    clientConnection: {
      acceptContentTypes: "",
      burst: 0,
      contentType: "",
      kubeconfig: "/var/lib/kube-proxy/kubeconfig.conf",
      qps: 0,
    },
    clusterCIDR: shape.podSubnet ?? "",
    configSyncPeriod: "0s",
    conntrack: {
      maxPerCore: null,
      min: null,
      ...(since129 ? { tcpBeLiberal: false } : {}),
      tcpCloseWaitTimeout: null,
      tcpEstablishedTimeout: null,
      udpStreamTimeout: "0s",
      udpTimeout: "0s",
    },
    detectLocal: { bridgeInterface: "", interfaceNamePrefix: "" },
    detectLocalMode: "",
    enableProfiling: false,
    healthzBindAddress: "",
    hostnameOverride: "",
    iptables: {
      localhostNodePorts: null,
      masqueradeAll: false,
      masqueradeBit: null,
      minSyncPeriod: "0s",
      syncPeriod: "0s",
    },
    ipvs: {
      excludeCIDRs: null,
      minSyncPeriod: "0s",
      scheduler: "",
      strictARP: false,
      syncPeriod: "0s",
      tcpFinTimeout: "0s",
      tcpTimeout: "0s",
      udpTimeout: "0s",
    },
    kind: "KubeProxyConfiguration",
    logging: zeroLogging(shape.kubernetesVersion),
    metricsBindAddress: "",
    mode: "",
    ...(since129
      ? {
        nftables: {
          masqueradeAll: false,
          masqueradeBit: null,
          minSyncPeriod: "0s",
          syncPeriod: "0s",
        },
      }
      : {}),
    nodePortAddresses: null,
    oomScoreAdj: null,
    portRange: "",
    showHiddenMetricsForVersion: "",
    winkernel: {
      enableDSR: false,
      forwardHealthCheckVip: false,
      networkName: "",
      rootHnsEndpointName: "",
      sourceVip: "",
    },
  });
}

/** The in-cluster kubeconfig kube-proxy reads, verbatim from kubeadm's template. */
export function renderKubeProxyKubeconfig(
  shape: Pick<ClusterShape, "controlPlaneEndpoint">,
): string {
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: ${serverURL(shape)}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token`;
}

/** The kube-proxy ConfigMap: `config.conf` and `kubeconfig.conf`, both without a final newline. */
export function renderKubeProxyConfigMap(shape: ProxyInputs): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: NAME, namespace: "kube-system", labels: { app: NAME } },
    data: {
      "config.conf": renderKubeProxyConfiguration(shape).trimEnd(),
      "kubeconfig.conf": renderKubeProxyKubeconfig(shape),
    },
  };
}

/** The kube-proxy DaemonSet as kubeadm's manifest creates it. */
export function renderKubeProxyDaemonSet(kubernetesVersion: string): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: NAME, namespace: "kube-system", labels: LABELS },
    spec: {
      selector: { matchLabels: LABELS },
      updateStrategy: { type: "RollingUpdate" },
      template: {
        metadata: { labels: LABELS },
        spec: {
          priorityClassName: "system-node-critical",
          containers: [{
            name: NAME,
            image: kubeProxyImage(kubernetesVersion),
            imagePullPolicy: "IfNotPresent",
            command: [
              "/usr/local/bin/kube-proxy",
              "--config=/var/lib/kube-proxy/config.conf",
              "--hostname-override=$(NODE_NAME)",
            ],
            securityContext: { privileged: true },
            volumeMounts: [
              { mountPath: "/var/lib/kube-proxy", name: NAME },
              // kubeadm's manifest says `readOnly: false`; omitempty drops it before it is sent.
              { mountPath: "/run/xtables.lock", name: "xtables-lock" },
              { mountPath: "/lib/modules", name: "lib-modules", readOnly: true },
            ],
            env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
          }],
          hostNetwork: true,
          serviceAccountName: NAME,
          // v1 conversion writes the deprecated alias back (pkg/apis/core/v1/conversion.go).
          serviceAccount: NAME,
          volumes: [
            { name: NAME, configMap: { name: NAME } },
            { name: "xtables-lock", hostPath: { path: "/run/xtables.lock", type: "FileOrCreate" } },
            { name: "lib-modules", hostPath: { path: "/lib/modules" } },
          ],
          tolerations: [{ operator: "Exists" }],
          nodeSelector: { "kubernetes.io/os": "linux" },
        },
      },
    },
  };
}

/** The kube-proxy ServiceAccount. */
export function renderKubeProxyServiceAccount(): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: NAME, namespace: "kube-system" },
  };
}

/** `kubeadm:node-proxier` (system:node-proxier for the ServiceAccount), and the ConfigMap reader. */
export function renderKubeProxyRBAC(): KubeObject[] {
  const bootstrappers = "system:bootstrappers:kubeadm:default-node-token";
  return [
    clusterRoleBinding("kubeadm:node-proxier", "system:node-proxier", [
      { kind: "ServiceAccount", name: NAME, namespace: "kube-system" },
    ]),
    configMapReaderRole("kube-system", NAME, NAME),
    roleBinding("kube-system", NAME, [{ kind: "Group", name: bootstrappers }]),
  ];
}
