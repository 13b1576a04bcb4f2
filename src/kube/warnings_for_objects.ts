// The warnings kube-apiserver's registry strategies give for a written object (WarningsOnCreate,
// WarningsOnUpdate), as data and small readers of the stored object.
//
// Source: k8s.io/kubernetes v1.36.3 (and v1.29.15–v1.35.4 for what the cluster's minor changes)
// pkg/api/service/warnings.go, pkg/api/persistentvolume/util.go,
// pkg/api/persistentvolumeclaim/util.go, pkg/registry/core/{pod,service,...}/strategy.go and
// pkg/registry/apps/*/strategy.go (pods and pod templates: warnings_for_pods.ts). Go reads maps
// in random order; here a map's keys are read in the object's order. Not yet covered: IP and
// CIDR spelling warnings, fractional byte quantities, Jobs and CronJobs, a pod's AppArmor
// version skew (it also copies the annotations into fields), warnings of failed writes.

import { isDNS1123Label } from "../api/validation/mod.ts";
import { kubernetesMinor } from "../api/version/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { podTemplateWarnings, podWarnings, termWarnings } from "./warnings_for_pods.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/**
 * pkg/api/persistentvolume/util.go: a PV's deprecated annotations, with the first minor warning
 * of each (mount-options from v1.31).
 */
const DEPRECATED_PV_ANNOTATIONS: Readonly<Record<string, readonly [string, number]>> = {
  "volume.beta.kubernetes.io/storage-class": [
    'deprecated since v1.8; use "storageClassName" attribute instead',
    0,
  ],
  "volume.beta.kubernetes.io/mount-options": [
    'deprecated since v1.31; use "mountOptions" attribute instead',
    31,
  ],
};
const DEPRECATED_PV_VOLUMES: Readonly<Record<string, string>> = {
  cephfs: "deprecated in v1.28, non-functional in v1.31+",
  photonPersistentDisk: "deprecated in v1.11, non-functional in v1.16+",
  scaleIO: "deprecated in v1.16, non-functional in v1.22+",
  storageOS: "deprecated in v1.22, non-functional in v1.25+",
  glusterfs: "deprecated in v1.25, non-functional in v1.26+",
  rbd: "deprecated in v1.28, non-functional in v1.31+",
};

type Warn = (object: Loose, previous: Loose, minor: number) => string[];

// Strategies by resource key: what a create warns, and what an update of the main resource warns
// (a pod's update warns nothing: "humans don't typically interact directly with pods").
const ON_CREATE: Readonly<Record<string, Warn>> = {
  pods: (object, _, minor) => podWarnings(object, minor),
  services: serviceWarnings,
  persistentvolumeclaims: claimWarnings,
  persistentvolumes: volumeWarnings,
  "apps/deployments": (object, _, minor) => [
    ...podNameWarnings(object),
    ...templateWarnings(object, minor),
  ],
  "apps/replicasets": (object, _, minor) => [
    ...podNameWarnings(object),
    ...templateWarnings(object, minor),
  ],
  "apps/daemonsets": (object, _, minor) => templateWarnings(object, minor),
  "apps/statefulsets": (object, _, minor) => [
    ...templateWarnings(object, minor),
    ...historyWarnings(object, minor),
  ],
};
const ON_UPDATE: Readonly<Record<string, Warn>> = {
  services: serviceWarnings,
  persistentvolumeclaims: claimWarnings,
  persistentvolumes: volumeWarnings,
  // The template warns again only when it changed (the generation moved).
  "apps/deployments": generationMoved,
  "apps/replicasets": generationMoved,
  "apps/daemonsets": (object, previous, minor) =>
    object.spec?.templateGeneration !== previous?.spec?.templateGeneration
      ? templateWarnings(object, minor)
      : [],
  "apps/statefulsets": (object, previous, minor) => [
    ...generationMoved(object, previous, minor),
    ...historyWarnings(object, minor),
  ],
};

/** Kinds whose update warnings compare the stored object before the write with the written one. */
export const WARNS_AGAINST_PREVIOUS: ReadonlySet<string> = new Set([
  "apps/deployments",
  "apps/replicasets",
  "apps/daemonsets",
  "apps/statefulsets",
]);

/**
 * The warnings of a write of `object` (as stored) through `resourceKey`'s main resource: a
 * create's or an update's of `previous` (subresource writes warn nothing here), worded as the
 * cluster's `kubernetesVersion` words them.
 */
export function objectWarnings(
  resourceKey: string,
  subresource: string | undefined,
  object: KubeObject,
  created: boolean,
  previous: KubeObject | undefined,
  kubernetesVersion: string,
): string[] {
  if (subresource !== undefined) return [];
  const warn = (created ? ON_CREATE : ON_UPDATE)[resourceKey];
  return warn ? warn(object, previous, kubernetesMinor(kubernetesVersion) ?? 36) : [];
}

// Deployments and ReplicaSets name their pods after themselves.
function podNameWarnings(object: Loose): string[] {
  const label = isDNS1123Label(String(object.metadata?.name ?? ""));
  return label.length === 0 ? [] : [
    `metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [${
      label.join(" ")
    }]`,
  ];
}

function templateWarnings(object: Loose, minor: number): string[] {
  return podTemplateWarnings(object.spec?.template, "spec.template.", minor);
}

function generationMoved(object: Loose, previous: Loose, minor: number): string[] {
  return object.metadata?.generation !== previous?.metadata?.generation
    ? templateWarnings(object, minor)
    : [];
}

// A StatefulSet's negative history limit warns from v1.33.
function historyWarnings(set: Loose, minor: number): string[] {
  const limit = set.spec?.revisionHistoryLimit;
  return minor >= 33 && typeof limit === "number" && limit < 0
    ? [
      "spec.revisionHistoryLimit: a negative value retains all historical revisions; a value >= 0 is recommended",
    ]
    : [];
}

// GetWarningsForService: the headless service warnings from v1.34, PreferClose's from v1.35,
// externalIPs' deprecation from v1.36.
function serviceWarnings(service: Loose, _previous: Loose, minor: number): string[] {
  const warnings: string[] = [];
  const spec = service.spec ?? {};
  if ("service.kubernetes.io/topology-aware-hints" in (service.metadata?.annotations ?? {})) {
    warnings.push(
      "annotation service.kubernetes.io/topology-aware-hints is deprecated, please use service.kubernetes.io/topology-mode instead",
    );
  }
  const headless = spec.type === "ClusterIP" && spec.clusterIP === "None";
  const externalIPs = Array.isArray(spec.externalIPs) ? spec.externalIPs : [];
  if (headless && minor >= 34) {
    if (spec.loadBalancerIP) warnings.push("spec.loadBalancerIP is ignored for headless services");
    if (externalIPs.length > 0) warnings.push("spec.externalIPs is ignored for headless services");
    if (spec.sessionAffinity !== "None") {
      warnings.push("spec.SessionAffinity is ignored for headless services");
    }
  }
  if (minor >= 36 && externalIPs.length > 0 && !headless && spec.type !== "ExternalName") {
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
  if (minor >= 35 && spec.trafficDistribution === "PreferClose") {
    warnings.push('spec.trafficDistribution: "PreferClose" is deprecated; use "PreferSameZone"');
  }
  return warnings;
}

function claimWarnings(claim: Loose): string[] {
  const key = "volume.beta.kubernetes.io/storage-class";
  return key in (claim.metadata?.annotations ?? {})
    ? [`metadata.annotations[${key}]: ${DEPRECATED_PV_ANNOTATIONS[key][0]}`]
    : [];
}

// GetWarningsForPersistentVolume: Recycle's deprecation from v1.30.
function volumeWarnings(volume: Loose, _previous: Loose, minor: number): string[] {
  const warnings: string[] = [];
  const annotations = volume.metadata?.annotations ?? {};
  for (const [key, [message, since]] of Object.entries(DEPRECATED_PV_ANNOTATIONS)) {
    if (minor >= since && key in annotations) {
      warnings.push(`metadata.annotations[${key}]: ${message}`);
    }
  }
  const spec = volume.spec ?? {};
  if (minor >= 30 && spec.persistentVolumeReclaimPolicy === "Recycle") {
    warnings.push(
      "spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning.",
    );
  }
  const required = spec.nodeAffinity?.required?.nodeSelectorTerms;
  (Array.isArray(required) ? required : []).forEach((term: Loose, i: number) =>
    warnings.push(
      ...termWarnings(term, `spec.nodeAffinity.required.nodeSelectorTerms[${i}]`, minor),
    )
  );
  for (const [plugin, message] of Object.entries(DEPRECATED_PV_VOLUMES)) {
    if (spec[plugin] != null) warnings.push(`spec.${plugin}: ${message}`);
  }
  return warnings;
}
