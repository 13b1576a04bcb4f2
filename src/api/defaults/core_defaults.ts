// SetDefaults_* of core/v1 as data: k8s.io/kubernetes pkg/apis/core/v1/defaults.go, v1.29.6–v1.36.3.

import type { StructDefaults } from "./defaults_walker.ts";
import { defaultPullPolicy } from "./image_pull_policy.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const empty = (value: unknown) => value === undefined || value === null || value === "";

// The VolumeSource members: SetDefaults_Volume gives a volume with none of them an emptyDir.
const VOLUME_SOURCES = [
  "hostPath",
  "emptyDir",
  "gcePersistentDisk",
  "awsElasticBlockStore",
  "gitRepo",
  "secret",
  "nfs",
  "iscsi",
  "glusterfs",
  "persistentVolumeClaim",
  "rbd",
  "flexVolume",
  "cinder",
  "cephfs",
  "flocker",
  "downwardAPI",
  "fc",
  "azureFile",
  "configMap",
  "vsphereVolume",
  "quobyte",
  "azureDisk",
  "photonPersistentDisk",
  "projected",
  "portworxVolume",
  "scaleIO",
  "storageos",
  "csi",
  "ephemeral",
  "image",
];

const CONTAINER: StructDefaults = {
  apply: (container) => {
    if (empty(container.imagePullPolicy)) {
      container.imagePullPolicy = defaultPullPolicy(container.image);
    }
  },
  fill: {
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
  },
};

// SetDefaults_Pod: limits copied to missing requests; hostNetwork pods' hostPort = containerPort.
function defaultPod(pod: Loose): void {
  const spec = pod.spec;
  if (!spec || typeof spec !== "object") return;
  for (const list of [spec.containers, spec.initContainers]) {
    if (!Array.isArray(list)) continue;
    for (const container of list) {
      const resources = container?.resources;
      if (!resources?.limits || typeof resources.limits !== "object") continue;
      resources.requests ??= {};
      for (const key in resources.limits) {
        if (!Object.hasOwn(resources.requests, key)) {
          resources.requests[key] = resources.limits[key];
        }
      }
    }
  }
  spec.enableServiceLinks ??= true;
  // Convert_v1_Pod_To_core_Pod: a pod's negative grace period is stored as 1 (a template's stays).
  const grace = spec.terminationGracePeriodSeconds;
  if (typeof grace === "number" && grace < 0) spec.terminationGracePeriodSeconds = 1;
  if (spec.hostNetwork === true) {
    for (const list of [spec.containers, spec.initContainers]) {
      if (!Array.isArray(list)) continue;
      for (const container of list) {
        for (const port of Array.isArray(container?.ports) ? container.ports : []) {
          if (port && !port.hostPort) port.hostPort = port.containerPort;
        }
      }
    }
  }
}

function defaultService(service: Loose): void {
  const spec = service.spec ??= {};
  if (typeof spec !== "object") return;
  if (empty(spec.sessionAffinity)) spec.sessionAffinity = "None";
  if (spec.sessionAffinity === "None") delete spec.sessionAffinityConfig;
  if (
    spec.sessionAffinity === "ClientIP" &&
    spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null
  ) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  if (empty(spec.type)) spec.type = "ClusterIP";
  for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
    if (!port || typeof port !== "object") continue;
    if (empty(port.protocol)) port.protocol = "TCP";
    if (
      port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 ||
      port.targetPort === ""
    ) {
      port.targetPort = port.port;
    }
  }
  // service.ExternallyAccessible: LoadBalancer, NodePort, or ClusterIP with externalIPs.
  const external = spec.type === "LoadBalancer" || spec.type === "NodePort" ||
    (spec.type === "ClusterIP" && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
  if (external && empty(spec.externalTrafficPolicy)) spec.externalTrafficPolicy = "Cluster";
  if (
    spec.internalTrafficPolicy == null &&
    ["NodePort", "LoadBalancer", "ClusterIP"].includes(spec.type)
  ) {
    spec.internalTrafficPolicy = "Cluster";
  }
  if (spec.type === "LoadBalancer") spec.allocateLoadBalancerNodePorts ??= true;
}

// LoadBalancerIPMode (beta, on by default from 1.30): ingress points with an IP get ipMode VIP.
function defaultServiceStatus(service: Loose, minor: number): void {
  if (minor < 30 || service.spec?.type !== "LoadBalancer") return;
  for (
    const ingress of Array.isArray(service.status?.loadBalancer?.ingress)
      ? service.status.loadBalancer.ingress
      : []
  ) {
    if (ingress?.ip && ingress.ipMode == null) ingress.ipMode = "VIP";
  }
}

const PROBE: StructDefaults = {
  apply: (probe) => {
    for (
      const [field, value] of [["timeoutSeconds", 1], ["periodSeconds", 10], [
        "successThreshold",
        1,
      ], ["failureThreshold", 3]] as const
    ) {
      if (!probe[field]) probe[field] = value;
    }
  },
};

const MODE_420: StructDefaults = { fill: { defaultMode: 420 } };

/** core/v1 structs' defaulting, by struct reference. */
export const CORE_DEFAULTS: Readonly<Record<string, StructDefaults>> = {
  "core.v1.Pod": { apply: defaultPod },
  "core.v1.PodSpec": {
    fill: {
      dnsPolicy: "ClusterFirst",
      restartPolicy: "Always",
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: "default-scheduler",
    },
  },
  "core.v1.Container": CONTAINER,
  "core.v1.EphemeralContainer": CONTAINER,
  "core.v1.Volume": {
    apply: (volume, context) => {
      if (!VOLUME_SOURCES.some((source) => volume[source] != null)) volume.emptyDir = {};
      // ImageVolume (beta, on by default from 1.35): the pull policy as a container's.
      if (context.minor >= 35 && volume.image && empty(volume.image.pullPolicy)) {
        volume.image.pullPolicy = defaultPullPolicy(volume.image.reference);
      }
    },
  },
  "core.v1.Probe": PROBE,
  "core.v1.HTTPGetAction": { fill: { path: "/", scheme: "HTTP" } },
  "core.v1.SecretVolumeSource": MODE_420,
  "core.v1.ConfigMapVolumeSource": MODE_420,
  "core.v1.DownwardAPIVolumeSource": MODE_420,
  "core.v1.ProjectedVolumeSource": MODE_420,
  "core.v1.ServiceAccountTokenProjection": { fill: { expirationSeconds: 3600 } },
  "core.v1.HostPathVolumeSource": { apply: (hostPath) => void (hostPath.type ??= "") },
  // +default=false is a zero value, so the spec-derived table leaves it out.
  "core.v1.AzureDiskVolumeSource": { apply: (disk) => void (disk.readOnly ??= false) },
  "core.v1.ObjectFieldSelector": { fill: { apiVersion: "v1" } },
  "core.v1.Service": {
    apply: (service, context) => {
      defaultService(service);
      defaultServiceStatus(service, context.minor);
    },
  },
  "core.v1.Secret": { fill: { type: "Opaque" } },
  "core.v1.PersistentVolume": {
    apply: (volume) => {
      volume.status ??= {};
      if (empty(volume.status.phase)) volume.status.phase = "Pending";
      volume.spec ??= {};
      if (empty(volume.spec.persistentVolumeReclaimPolicy)) {
        volume.spec.persistentVolumeReclaimPolicy = "Retain";
      }
      volume.spec.volumeMode ??= "Filesystem";
    },
  },
  "core.v1.PersistentVolumeClaim": {
    apply: (claim) => {
      claim.status ??= {};
      if (empty(claim.status.phase)) claim.status.phase = "Pending";
    },
  },
  "core.v1.PersistentVolumeClaimSpec": { apply: (spec) => void (spec.volumeMode ??= "Filesystem") },
  "core.v1.EndpointPort": { fill: { protocol: "TCP" } },
  "core.v1.Namespace": {
    apply: (namespace) => {
      const name = namespace.metadata?.name;
      if (typeof name !== "string" || name === "") return;
      namespace.metadata.labels = {
        ...namespace.metadata.labels,
        "kubernetes.io/metadata.name": name,
      };
    },
  },
  "core.v1.NamespaceStatus": { fill: { phase: "Active" } },
  "core.v1.NodeStatus": {
    apply: (status) => {
      if (status.allocatable == null && status.capacity != null) {
        status.allocatable = { ...status.capacity };
      }
    },
  },
  "core.v1.LimitRangeItem": {
    apply: (item) => {
      if (item.type !== "Container") return;
      item.default = { ...item.max, ...item.default };
      item.defaultRequest = { ...item.min, ...item.default, ...item.defaultRequest };
    },
  },
  "core.v1.ReplicationController": {
    apply: (controller) => {
      const labels = controller.spec?.template?.metadata?.labels;
      if (!labels || typeof labels !== "object") return;
      const size = (value: unknown) =>
        value && typeof value === "object" ? Object.keys(value).length : 0;
      if (size(controller.spec.selector) === 0) controller.spec.selector = { ...labels };
      controller.metadata ??= {};
      if (size(controller.metadata.labels) === 0) controller.metadata.labels = { ...labels };
    },
  },
};
