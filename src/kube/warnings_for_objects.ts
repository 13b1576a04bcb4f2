// The warnings kube-apiserver's registry strategies give for a written object (WarningsOnCreate,
// WarningsOnUpdate), as data and small readers of the stored object.
//
// Source: k8s.io/kubernetes v1.36.3 pkg/api/pod/warnings.go, pkg/api/node/util.go,
// pkg/api/service/warnings.go, pkg/api/persistentvolume/util.go,
// pkg/api/persistentvolumeclaim/util.go and pkg/registry/core/{pod,service,...}/strategy.go.
// Go reads maps in random order; here a map's keys are read in the object's order. Not yet
// covered: IP and CIDR spelling warnings, fractional byte quantities, duplicate env, ports,
// hostAliases and imagePullSecrets, pod templates of workload kinds, AppArmor version skew.

import { isDNS1123Label } from "../api/validation/mod.ts";
import type { KubeObject } from "../store/mod.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** pkg/api/node/util.go deprecatedNodeLabels: node label keys and why they are deprecated. */
const DEPRECATED_NODE_LABELS: Readonly<Record<string, string>> = {
  "beta.kubernetes.io/arch": 'deprecated since v1.14; use "kubernetes.io/arch" instead',
  "beta.kubernetes.io/os": 'deprecated since v1.14; use "kubernetes.io/os" instead',
  "failure-domain.beta.kubernetes.io/region":
    'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
  "failure-domain.beta.kubernetes.io/zone":
    'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  "beta.kubernetes.io/instance-type":
    'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
  "app.kubernetes.io/created-by": "deprecated since v1.9",
  "scheduler.alpha.kubernetes.io/preferAvoidPods":
    "deprecated since v1.22; use Taints and Tolerations instead",
  "node-role.kubernetes.io/master": 'use "node-role.kubernetes.io/control-plane" instead',
};

/** pkg/api/pod/warnings.go deprecatedAnnotations. */
const DEPRECATED_POD_ANNOTATIONS: Readonly<Record<string, string>> = {
  "scheduler.alpha.kubernetes.io/critical-pod":
    'non-functional in v1.16+; use the "priorityClassName" field instead',
  "security.alpha.kubernetes.io/sysctls":
    'non-functional in v1.11+; use the "sysctls" field instead',
  "security.alpha.kubernetes.io/unsafe-sysctls":
    'non-functional in v1.11+; use the "sysctls" field instead',
};

/** Deprecated and removed volume plugins of a pod's volumes (gitRepo left out: feature-gated). */
const DEPRECATED_POD_VOLUMES: Readonly<Record<string, string>> = {
  photonPersistentDisk: "deprecated in v1.11, non-functional in v1.16+",
  scaleIO: "deprecated in v1.16, non-functional in v1.22+",
  flocker: "deprecated in v1.22, non-functional in v1.25+",
  storageOS: "deprecated in v1.22, non-functional in v1.25+",
  quobyte: "deprecated in v1.22, non-functional in v1.25+",
  glusterfs: "deprecated in v1.25, non-functional in v1.26+",
  cephfs: "deprecated in v1.28, non-functional in v1.31+",
  rbd: "deprecated in v1.28, non-functional in v1.31+",
};

/** pkg/api/persistentvolume/util.go: a PV's deprecated annotations and volume plugins. */
const DEPRECATED_PV_ANNOTATIONS: Readonly<Record<string, string>> = {
  "volume.beta.kubernetes.io/storage-class":
    'deprecated since v1.8; use "storageClassName" attribute instead',
  "volume.beta.kubernetes.io/mount-options":
    'deprecated since v1.31; use "mountOptions" attribute instead',
};
const DEPRECATED_PV_VOLUMES: Readonly<Record<string, string>> = {
  cephfs: "deprecated in v1.28, non-functional in v1.31+",
  photonPersistentDisk: "deprecated in v1.11, non-functional in v1.16+",
  scaleIO: "deprecated in v1.16, non-functional in v1.22+",
  storageOS: "deprecated in v1.22, non-functional in v1.25+",
  glusterfs: "deprecated in v1.25, non-functional in v1.26+",
  rbd: "deprecated in v1.28, non-functional in v1.31+",
};

const SECCOMP_POD = "seccomp.security.alpha.kubernetes.io/pod";
const SECCOMP_CONTAINER = "container.seccomp.security.alpha.kubernetes.io/";
const SECCOMP_MESSAGE = 'non-functional in v1.27+; use the "seccompProfile" field instead';

type Warn = (object: Loose) => string[];

// Strategies by resource key: what a create warns, and what an update of the main resource warns
// (a pod's update warns nothing: "humans don't typically interact directly with pods").
const ON_CREATE: Readonly<Record<string, Warn>> = {
  pods: podWarnings,
  services: serviceWarnings,
  persistentvolumeclaims: claimWarnings,
  persistentvolumes: volumeWarnings,
};
const ON_UPDATE: Readonly<Record<string, Warn>> = {
  services: serviceWarnings,
  persistentvolumeclaims: claimWarnings,
  persistentvolumes: volumeWarnings,
};

/**
 * The warnings of a write of `object` (as stored) through `resourceKey`'s main resource: a
 * create's or an update's (subresource writes warn nothing here).
 */
export function objectWarnings(
  resourceKey: string,
  subresource: string | undefined,
  object: KubeObject,
  created: boolean,
): string[] {
  if (subresource !== undefined) return [];
  const warn = (created ? ON_CREATE : ON_UPDATE)[resourceKey];
  return warn ? warn(object) : [];
}

function podWarnings(pod: Loose): string[] {
  const warnings: string[] = [];
  const name = String(pod.metadata?.name ?? "");
  const label = isDNS1123Label(name);
  if (label.length > 0) {
    warnings.push(
      `metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [${
        label.join(" ")
      }]`,
    );
  }
  const spec = pod.spec ?? {};
  const annotations = pod.metadata?.annotations ?? {};
  for (const key of Object.keys(spec.nodeSelector ?? {})) {
    const message = DEPRECATED_NODE_LABELS[key];
    if (message) warnings.push(`spec.nodeSelector[${key}]: ${message}`);
  }
  const affinity = spec.affinity?.nodeAffinity;
  const required = affinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const terms = "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution";
  (Array.isArray(required) ? required : []).forEach((term: Loose, i: number) =>
    warnings.push(...termWarnings(term, `${terms}.nodeSelectorTerms[${i}]`))
  );
  const preferred = affinity?.preferredDuringSchedulingIgnoredDuringExecution;
  (Array.isArray(preferred) ? preferred : []).forEach((term: Loose, i: number) =>
    warnings.push(
      ...termWarnings(
        term?.preference,
        `spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}].preference`,
      ),
    )
  );
  const spread = Array.isArray(spec.topologySpreadConstraints)
    ? spec.topologySpreadConstraints
    : [];
  spread.forEach((constraint: Loose, i: number) => {
    const path = `spec.topologySpreadConstraints[${i}]`;
    const message = DEPRECATED_NODE_LABELS[constraint?.topologyKey];
    if (message) warnings.push(`${path}.topologyKey: ${constraint.topologyKey} is ${message}`);
    if (constraint?.labelSelector == null) {
      warnings.push(`${path}.labelSelector: a null labelSelector results in matching no pod`);
    }
  });
  for (const [key, message] of Object.entries(DEPRECATED_POD_ANNOTATIONS)) {
    if (key in annotations) warnings.push(`metadata.annotations[${key}]: ${message}`);
  }
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  volumes.forEach((volume: Loose, i: number) => {
    for (const [plugin, message] of Object.entries(DEPRECATED_POD_VOLUMES)) {
      if (volume?.[plugin] != null) warnings.push(`spec.volumes[${i}].${plugin}: ${message}`);
    }
  });
  if (spec.securityContext?.seccompProfile == null && SECCOMP_POD in annotations) {
    warnings.push(`metadata.annotations[${SECCOMP_POD}]: ${SECCOMP_MESSAGE}`);
  }
  // pods.VisitContainersWithPath: init containers, containers, then ephemeral containers.
  for (const list of ["initContainers", "containers", "ephemeralContainers"]) {
    for (const container of Array.isArray(spec[list]) ? spec[list] : []) {
      const key = SECCOMP_CONTAINER + container?.name;
      if (container?.securityContext?.seccompProfile == null && key in annotations) {
        warnings.push(`metadata.annotations[${key}]: ${SECCOMP_MESSAGE}`);
      }
    }
  }
  return warnings;
}

// GetWarningsForNodeSelectorTerm: the keys of its match expressions (label values unchecked).
function termWarnings(term: Loose, path: string): string[] {
  const expressions = Array.isArray(term?.matchExpressions) ? term.matchExpressions : [];
  const warnings: string[] = [];
  expressions.forEach((expression: Loose, i: number) => {
    const message = DEPRECATED_NODE_LABELS[expression?.key];
    if (message) {
      warnings.push(`${path}.matchExpressions[${i}].key: ${expression.key} is ${message}`);
    }
  });
  return warnings;
}

function serviceWarnings(service: Loose): string[] {
  const warnings: string[] = [];
  const spec = service.spec ?? {};
  if ("service.kubernetes.io/topology-aware-hints" in (service.metadata?.annotations ?? {})) {
    warnings.push(
      "annotation service.kubernetes.io/topology-aware-hints is deprecated, please use service.kubernetes.io/topology-mode instead",
    );
  }
  const headless = spec.type === "ClusterIP" && spec.clusterIP === "None";
  const externalIPs = Array.isArray(spec.externalIPs) ? spec.externalIPs : [];
  if (headless) {
    if (spec.loadBalancerIP) warnings.push("spec.loadBalancerIP is ignored for headless services");
    if (externalIPs.length > 0) warnings.push("spec.externalIPs is ignored for headless services");
    if (spec.sessionAffinity !== "None") {
      warnings.push("spec.SessionAffinity is ignored for headless services");
    }
  }
  if (externalIPs.length > 0 && !headless && spec.type !== "ExternalName") {
    warnings.push(
      "spec.externalIPs is deprecated and may no longer be implemented in some clusters",
    );
  }
  if (spec.type === "ExternalName" && externalIPs.length > 0) {
    warnings.push('spec.externalIPs is ignored when spec.type is "ExternalName"');
  }
  if (spec.type !== "ExternalName" && spec.externalName) {
    warnings.push('spec.externalName is ignored when spec.type is not "ExternalName"');
  }
  return warnings;
}

function claimWarnings(claim: Loose): string[] {
  const key = "volume.beta.kubernetes.io/storage-class";
  return key in (claim.metadata?.annotations ?? {})
    ? [`metadata.annotations[${key}]: ${DEPRECATED_PV_ANNOTATIONS[key]}`]
    : [];
}

function volumeWarnings(volume: Loose): string[] {
  const warnings: string[] = [];
  const annotations = volume.metadata?.annotations ?? {};
  for (const [key, message] of Object.entries(DEPRECATED_PV_ANNOTATIONS)) {
    if (key in annotations) warnings.push(`metadata.annotations[${key}]: ${message}`);
  }
  const spec = volume.spec ?? {};
  if (spec.persistentVolumeReclaimPolicy === "Recycle") {
    warnings.push(
      "spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning.",
    );
  }
  const required = spec.nodeAffinity?.required?.nodeSelectorTerms;
  (Array.isArray(required) ? required : []).forEach((term: Loose, i: number) =>
    warnings.push(...termWarnings(term, `spec.nodeAffinity.required.nodeSelectorTerms[${i}]`))
  );
  for (const [plugin, message] of Object.entries(DEPRECATED_PV_VOLUMES)) {
    if (spec[plugin] != null) warnings.push(`spec.${plugin}: ${message}`);
  }
  return warnings;
}
