// The CoreDNS addon kubeadm installs: ConfigMap, Deployment, kube-dns Service, ServiceAccount, RBAC.

import { fnv32a } from "../encoding/mod.ts";
import { type KubeObject, kubeTimestamp } from "../store/mod.ts";
import { clusterRole, clusterRoleBinding } from "./_rbac.ts";
import { atLeastMinor, coreDNSImageTag } from "./addon_versions.ts";
import { type ClusterShape, IMAGE_REPOSITORY } from "./cluster_shape.ts";
import { renderCorefile } from "./corefile.ts";
import { dnsServiceIP } from "./service_ip.ts";

const NAME = "coredns";
const DNS_LABELS = { "k8s-app": "kube-dns" };
const REPLICAS = 2;

/** The CoreDNS image kubeadm pairs with a Kubernetes version; KCP needs its tag to be semver. */
export function coreDNSImage(kubernetesVersion: string): string {
  return `${IMAGE_REPOSITORY}/coredns/coredns:${coreDNSImageTag(kubernetesVersion)}`;
}

/** The coredns ConfigMap holding the `Corefile`. */
export function renderCoreDNSConfigMap(
  shape: Pick<ClusterShape, "kubernetesVersion" | "dnsDomain">,
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: NAME, namespace: "kube-system" },
    data: { Corefile: renderCorefile(shape.kubernetesVersion, shape.dnsDomain) },
  };
}

/** The coredns Deployment (2 replicas) with a rolled-out status as of `now`. */
export function renderCoreDNSDeployment(
  shape: Pick<ClusterShape, "kubernetesVersion" | "now">,
): KubeObject {
  const image = coreDNSImage(shape.kubernetesVersion);
  // From 1.34 the probe ports are declared and the probes refer to them by name.
  const namedProbes = atLeastMinor(shape.kubernetesVersion, 34);
  const ports = [
    { containerPort: 53, name: "dns", protocol: "UDP" },
    { containerPort: 53, name: "dns-tcp", protocol: "TCP" },
    { containerPort: 9153, name: "metrics", protocol: "TCP" },
    ...(namedProbes
      ? [
        { containerPort: 8080, name: "liveness-probe", protocol: "TCP" },
        { containerPort: 8181, name: "readiness-probe", protocol: "TCP" },
      ]
      : []),
  ];
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: NAME, namespace: "kube-system", labels: DNS_LABELS },
    spec: {
      replicas: REPLICAS,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
      selector: { matchLabels: DNS_LABELS },
      template: {
        metadata: { labels: DNS_LABELS },
        spec: {
          priorityClassName: "system-cluster-critical",
          serviceAccountName: NAME,
          // v1 conversion writes the deprecated alias back (pkg/apis/core/v1/conversion.go).
          serviceAccount: NAME,
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [{
                weight: 100,
                podAffinityTerm: {
                  labelSelector: {
                    matchExpressions: [{ key: "k8s-app", operator: "In", values: ["kube-dns"] }],
                  },
                  topologyKey: "kubernetes.io/hostname",
                },
              }],
            },
          },
          tolerations: [
            { key: "CriticalAddonsOnly", operator: "Exists" },
            { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" },
          ],
          nodeSelector: { "kubernetes.io/os": "linux" },
          containers: [{
            name: NAME,
            image,
            imagePullPolicy: "IfNotPresent",
            resources: { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } },
            args: ["-conf", "/etc/coredns/Corefile"],
            volumeMounts: [{ name: "config-volume", mountPath: "/etc/coredns", readOnly: true }],
            ports,
            livenessProbe: {
              httpGet: {
                path: "/health",
                port: namedProbes ? "liveness-probe" : 8080,
                scheme: "HTTP",
              },
              initialDelaySeconds: 60,
              timeoutSeconds: 5,
              successThreshold: 1,
              failureThreshold: 5,
            },
            readinessProbe: {
              httpGet: {
                path: "/ready",
                port: namedProbes ? "readiness-probe" : 8181,
                scheme: "HTTP",
              },
            },
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] },
              readOnlyRootFilesystem: true,
            },
          }],
          dnsPolicy: "Default",
          volumes: [{
            name: "config-volume",
            configMap: { name: NAME, items: [{ key: "Corefile", path: "Corefile" }] },
          }],
        },
      },
    },
    status: rolledOutStatus(image, shape.now),
  };
}

/** The kube-dns Service at the 10th address of the service subnet. */
export function renderKubeDNSService(serviceSubnet: string): KubeObject {
  const clusterIP = dnsServiceIP(serviceSubnet);
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: "kube-dns",
      namespace: "kube-system",
      labels: {
        "k8s-app": "kube-dns",
        "kubernetes.io/cluster-service": "true",
        "kubernetes.io/name": "CoreDNS",
      },
      annotations: { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
    },
    spec: {
      // The fields below clusterIP are what the apiserver fills in on create.
      clusterIP,
      clusterIPs: [clusterIP],
      internalTrafficPolicy: "Cluster",
      ipFamilies: [clusterIP.includes(":") ? "IPv6" : "IPv4"],
      ipFamilyPolicy: "SingleStack",
      ports: [
        { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
        { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
        { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
      ],
      selector: DNS_LABELS,
      sessionAffinity: "None",
      type: "ClusterIP",
    },
    status: { loadBalancer: {} },
  };
}

/** The coredns ServiceAccount. */
export function renderCoreDNSServiceAccount(): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: NAME, namespace: "kube-system" },
  };
}

/** ClusterRole and ClusterRoleBinding `system:coredns`: list/watch what the kubernetes plugin serves. */
export function renderCoreDNSRBAC(): KubeObject[] {
  const verbs = ["list", "watch"];
  return [
    clusterRole("system:coredns", [
      { verbs, apiGroups: [""], resources: ["endpoints", "services", "pods", "namespaces"] },
      { verbs, apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"] },
    ]),
    clusterRoleBinding("system:coredns", "system:coredns", [
      { kind: "ServiceAccount", name: NAME, namespace: "kube-system" },
    ]),
  ];
}

// What the deployment controller reports once both replicas are available.
function rolledOutStatus(image: string, now: Date): Record<string, unknown> {
  const time = kubeTimestamp(now);
  const replicaSet = `${NAME}-${podTemplateHash(image)}`;
  return {
    observedGeneration: 1,
    replicas: REPLICAS,
    updatedReplicas: REPLICAS,
    readyReplicas: REPLICAS,
    availableReplicas: REPLICAS,
    conditions: [
      {
        type: "Available",
        status: "True",
        lastUpdateTime: time,
        lastTransitionTime: time,
        reason: "MinimumReplicasAvailable",
        message: "Deployment has minimum availability.",
      },
      {
        type: "Progressing",
        status: "True",
        lastUpdateTime: time,
        lastTransitionTime: time,
        reason: "NewReplicaSetAvailable",
        message: `ReplicaSet "${replicaSet}" has successfully progressed.`,
      },
    ],
  };
}

// A pod-template-hash shaped like the controller's: fnv32a, decimal, in rand.SafeEncodeString's alphabet.
function podTemplateHash(seed: string): string {
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  return [...String(fnv32a(seed))].map((digit) => alphabet[digit.charCodeAt(0) % alphabet.length])
    .join("");
}
