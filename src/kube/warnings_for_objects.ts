// The warnings kube-apiserver's registry strategies give for a written object (WarningsOnCreate,
// WarningsOnUpdate), as data and small readers of the stored object.
//
// Source: k8s.io/kubernetes v1.36.3 pkg/api/service/warnings.go, pkg/api/persistentvolume/util.go,
// pkg/api/persistentvolumeclaim/util.go, pkg/registry/core/{pod,service,...}/strategy.go and
// pkg/registry/apps/*/strategy.go (pods and pod templates: warnings_for_pods.ts). Go reads maps
// in random order; here a map's keys are read in the object's order. Not yet covered: IP and
// CIDR spelling warnings, fractional byte quantities, Jobs and CronJobs, a pod's AppArmor
// version skew (it also copies the annotations into fields), warnings of failed writes.

import { isDNS1123Label } from "../api/validation/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { podTemplateWarnings, podWarnings, termWarnings } from "./warnings_for_pods.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

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

type Warn = (object: Loose, previous?: Loose) => string[];

// Strategies by resource key: what a create warns, and what an update of the main resource warns
// (a pod's update warns nothing: "humans don't typically interact directly with pods").
const ON_CREATE: Readonly<Record<string, Warn>> = {
  pods: podWarnings,
  services: serviceWarnings,
  persistentvolumeclaims: claimWarnings,
  persistentvolumes: volumeWarnings,
  "apps/deployments": (object) => [...podNameWarnings(object), ...templateWarnings(object)],
  "apps/replicasets": (object) => [...podNameWarnings(object), ...templateWarnings(object)],
  "apps/daemonsets": (object) => templateWarnings(object),
  "apps/statefulsets": (object) => [...templateWarnings(object), ...historyWarnings(object)],
};
const ON_UPDATE: Readonly<Record<string, Warn>> = {
  services: serviceWarnings,
  persistentvolumeclaims: claimWarnings,
  persistentvolumes: volumeWarnings,
  // The template warns again only when it changed (the generation moved).
  "apps/deployments": (object, previous) => generationMoved(object, previous),
  "apps/replicasets": (object, previous) => generationMoved(object, previous),
  "apps/daemonsets": (object, previous) =>
    object.spec?.templateGeneration !== previous?.spec?.templateGeneration
      ? templateWarnings(object)
      : [],
  "apps/statefulsets": (object, previous) => [
    ...generationMoved(object, previous),
    ...historyWarnings(object),
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
 * create's or an update's of `previous` (subresource writes warn nothing here).
 */
export function objectWarnings(
  resourceKey: string,
  subresource: string | undefined,
  object: KubeObject,
  created: boolean,
  previous?: KubeObject,
): string[] {
  if (subresource !== undefined) return [];
  const warn = (created ? ON_CREATE : ON_UPDATE)[resourceKey];
  return warn ? warn(object, previous) : [];
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

function templateWarnings(object: Loose): string[] {
  return podTemplateWarnings(object.spec?.template, "spec.template.");
}

function generationMoved(object: Loose, previous: Loose): string[] {
  return object.metadata?.generation !== previous?.metadata?.generation
    ? templateWarnings(object)
    : [];
}

function historyWarnings(set: Loose): string[] {
  const limit = set.spec?.revisionHistoryLimit;
  return typeof limit === "number" && limit < 0
    ? [
      "spec.revisionHistoryLimit: a negative value retains all historical revisions; a value >= 0 is recommended",
    ]
    : [];
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
