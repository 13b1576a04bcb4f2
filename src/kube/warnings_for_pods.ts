// The warnings kube-apiserver gives for a pod and for a pod template (pkg/api/pod/warnings.go).
//
// Source: k8s.io/kubernetes v1.36.3 pkg/api/pod/warnings.go and pkg/api/node/util.go, and the
// same files of v1.29.15–v1.35.4 for what the cluster's minor changes (`minor` below); lists and
// numbers in warnings_for_pod_fields.ts, overlapping volume paths in warnings_for_pod_volumes.ts.
// Not yet covered: the label values of preferred node affinity terms, an ephemeral volume's
// claim template.

import { isDNS1123Label } from "../api/validation/mod.ts";
import {
  CONTAINER_LISTS,
  containerWarnings,
  ipWarnings,
  podListWarnings,
  portWarnings,
  schedulingWarnings,
} from "./warnings_for_pod_fields.ts";
import { volumePathWarnings } from "./warnings_for_pod_volumes.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/**
 * pkg/api/node/util.go deprecatedNodeLabels: node label keys, why they are deprecated, and the
 * first minor warning of them (the last three came in v1.31).
 */
const DEPRECATED_NODE_LABEL_TABLE: Readonly<Record<string, readonly [string, number]>> = {
  "beta.kubernetes.io/arch": ['deprecated since v1.14; use "kubernetes.io/arch" instead', 0],
  "beta.kubernetes.io/os": ['deprecated since v1.14; use "kubernetes.io/os" instead', 0],
  "failure-domain.beta.kubernetes.io/region": [
    'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
    0,
  ],
  "failure-domain.beta.kubernetes.io/zone": [
    'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
    0,
  ],
  "beta.kubernetes.io/instance-type": [
    'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
    0,
  ],
  "app.kubernetes.io/created-by": ["deprecated since v1.9", 31],
  "scheduler.alpha.kubernetes.io/preferAvoidPods": [
    "deprecated since v1.22; use Taints and Tolerations instead",
    31,
  ],
  "node-role.kubernetes.io/master": ['use "node-role.kubernetes.io/control-plane" instead', 31],
};

// Looked up by a client's keys: a Map, so that `constructor` or `toString` finds nothing.
const DEPRECATED_NODE_LABELS: ReadonlyMap<unknown, readonly [string, number]> = new Map(
  Object.entries(DEPRECATED_NODE_LABEL_TABLE),
);

/** Why a node label key is deprecated in the cluster's minor, if it is. */
function nodeLabelMessage(key: unknown, minor: number): string | undefined {
  const entry = DEPRECATED_NODE_LABELS.get(key);
  return entry && minor >= entry[1] ? entry[0] : undefined;
}

/** pkg/api/pod/warnings.go deprecatedAnnotations. */
const DEPRECATED_POD_ANNOTATIONS: Readonly<Record<string, string>> = {
  "scheduler.alpha.kubernetes.io/critical-pod":
    'non-functional in v1.16+; use the "priorityClassName" field instead',
  "security.alpha.kubernetes.io/sysctls":
    'non-functional in v1.11+; use the "sysctls" field instead',
  "security.alpha.kubernetes.io/unsafe-sysctls":
    'non-functional in v1.11+; use the "sysctls" field instead',
};

/**
 * Deprecated and removed volume plugins of a pod's volumes, in upstream's order. gitRepo's text
 * follows the GitRepoVolumeDriver gate, off by default from v1.33 (GIT_REPO_BEFORE_33 before).
 */
const DEPRECATED_POD_VOLUMES: Readonly<Record<string, string>> = {
  photonPersistentDisk: "deprecated in v1.11, non-functional in v1.16+",
  gitRepo: "deprecated in v1.11, and disabled by default in v1.33+",
  scaleIO: "deprecated in v1.16, non-functional in v1.22+",
  flocker: "deprecated in v1.22, non-functional in v1.25+",
  storageOS: "deprecated in v1.22, non-functional in v1.25+",
  quobyte: "deprecated in v1.22, non-functional in v1.25+",
  glusterfs: "deprecated in v1.25, non-functional in v1.26+",
  cephfs: "deprecated in v1.28, non-functional in v1.31+",
  rbd: "deprecated in v1.28, non-functional in v1.31+",
};

const GIT_REPO_BEFORE_33 = "deprecated in v1.11";

// The tables' rows in their order, made once (not two arrays of pairs per volume and write).
const POD_ANNOTATION_ROWS = Object.entries(DEPRECATED_POD_ANNOTATIONS);
const POD_VOLUME_ROWS = Object.entries(DEPRECATED_POD_VOLUMES);

const SECCOMP_POD = "seccomp.security.alpha.kubernetes.io/pod";
const SECCOMP_CONTAINER = "container.seccomp.security.alpha.kubernetes.io/";
const APPARMOR_CONTAINER = "container.apparmor.security.beta.kubernetes.io/";
const APPARMOR_MESSAGE = 'deprecated since v1.30; use the "appArmorProfile" field instead';
const SECCOMP_MESSAGE = 'non-functional in v1.27+; use the "seccompProfile" field instead';

function hasKeys(object: object): boolean {
  for (const _ in object) return true;
  return false;
}

// `warnings.push(...found)` without the spread. Here and below, loops rather than forEach and
// spreads: these builtins are shared by the whole server, so in the real write path their call
// sites are megamorphic, and every Pod create and update comes through here.
function pushAll(warnings: string[], found: readonly string[]): void {
  for (let i = 0; i < found.length; i++) warnings.push(found[i]);
}

/** podStrategy.WarningsOnCreate in the cluster's `minor`: the name, then GetWarningsForPod. */
export function podWarnings(pod: Loose, minor: number): string[] {
  const label = isDNS1123Label(String(pod.metadata?.name ?? ""));
  const warnings = label.length === 0 ? [] : [
    `metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [${
      label.join(" ")
    }]`,
  ];
  pushAll(warnings, podSpecWarnings(pod, "", false, minor));
  return warnings;
}

/**
 * GetWarningsForPodTemplate: a template's warnings, its paths under `prefix` (`spec.template.`);
 * a template also warns of AppArmor annotations (a pod's come from its AppArmor version skew).
 */
export function podTemplateWarnings(template: Loose, prefix: string, minor: number): string[] {
  return template === null || typeof template !== "object"
    ? []
    : podSpecWarnings(template, prefix, true, minor);
}

// warningsForPodSpecAndMeta, in its order (map keys in the object's order, Go's is random).
function podSpecWarnings(pod: Loose, prefix: string, template: boolean, minor: number): string[] {
  const warnings: string[] = [];
  const spec = pod.spec ?? {};
  const annotations = pod.metadata?.annotations ?? {};
  const at = `${prefix}spec`;
  if (spec.nodeSelector != null) {
    for (const key of Object.keys(spec.nodeSelector)) {
      const message = nodeLabelMessage(key, minor);
      if (message) warnings.push(`${at}.nodeSelector[${key}]: ${message}`);
    }
  }
  const affinity = spec.affinity?.nodeAffinity;
  const required = affinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const terms = `${at}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`;
  const requiredTerms = listOf(required);
  for (let i = 0; i < requiredTerms.length; i++) {
    pushAll(warnings, termWarnings(requiredTerms[i], `${terms}.nodeSelectorTerms[${i}]`, minor));
  }
  const preferred = listOf(affinity?.preferredDuringSchedulingIgnoredDuringExecution);
  for (let i = 0; i < preferred.length; i++) {
    pushAll(
      warnings,
      termWarnings(
        preferred[i]?.preference,
        `${at}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}].preference`,
        minor,
      ),
    );
  }
  const spread = listOf(spec.topologySpreadConstraints);
  for (let i = 0; i < spread.length; i++) {
    const constraint = spread[i];
    const path = `${at}.topologySpreadConstraints[${i}]`;
    const message = nodeLabelMessage(constraint?.topologyKey, minor);
    if (message) warnings.push(`${path}.topologyKey: ${constraint.topologyKey} is ${message}`);
    if (constraint?.labelSelector == null) {
      warnings.push(`${path}.labelSelector: a null labelSelector results in matching no pod`);
    }
  }
  if (hasKeys(annotations)) {
    for (const [key, message] of POD_ANNOTATION_ROWS) {
      if (key in annotations) warnings.push(`${prefix}metadata.annotations[${key}]: ${message}`);
    }
  }
  const volumes = listOf(spec.volumes);
  for (let i = 0; i < volumes.length; i++) {
    const volume = volumes[i];
    for (const [plugin, message] of POD_VOLUME_ROWS) {
      if (volume?.[plugin] == null) continue;
      const text = plugin === "gitRepo" && minor < 33 ? GIT_REPO_BEFORE_33 : message;
      warnings.push(`${at}.volumes[${i}].${plugin}: ${text}`);
    }
  }
  pushAll(warnings, volumePathWarnings(volumes, minor));
  pushAll(warnings, podListWarnings(spec, at));
  if (spec.securityContext?.seccompProfile == null && SECCOMP_POD in annotations) {
    warnings.push(`${prefix}metadata.annotations[${SECCOMP_POD}]: ${SECCOMP_MESSAGE}`);
  }
  const podAppArmor = spec.securityContext?.appArmorProfile;
  // Most pods have no annotation: no per-container key to build and look up then.
  const annotated = hasKeys(annotations);
  // pods.VisitContainersWithPath: init containers, containers, then ephemeral containers.
  for (const list of CONTAINER_LISTS) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (let index = 0; index < containers.length; index++) {
      const container: Loose = containers[index];
      const context = container?.securityContext;
      if (annotated) {
        const seccomp = SECCOMP_CONTAINER + container?.name;
        if (context?.seccompProfile == null && seccomp in annotations) {
          warnings.push(`${prefix}metadata.annotations[${seccomp}]: ${SECCOMP_MESSAGE}`);
        }
        const apparmor = APPARMOR_CONTAINER + container?.name;
        if (
          template && context?.appArmorProfile == null && apparmor in annotations &&
          appArmorWarns(podAppArmor, annotations[apparmor], minor)
        ) {
          warnings.push(`${prefix}metadata.annotations[${apparmor}]: ${APPARMOR_MESSAGE}`);
        }
      }
      pushAll(warnings, containerWarnings(container, `${at}.${list}[${index}]`, minor));
    }
  }
  pushAll(warnings, portWarnings(spec, at, minor));
  pushAll(warnings, schedulingWarnings(spec, at));
  pushAll(warnings, ipWarnings(spec, at, minor));
  return warnings;
}

// A missing list reads as this one shared empty list (never written to).
const NONE: Loose[] = Object.freeze([]) as unknown as Loose[];

const listOf = (value: unknown): Loose[] => Array.isArray(value) ? value : NONE;

// A template's AppArmor annotation without the container's field: from v1.30 (the AppArmorFields
// gate), unless the pod sets a profile; from v1.34 unless the pod's profile is the annotation's.
function appArmorWarns(podProfile: Loose, annotation: unknown, minor: number): boolean {
  if (minor < 30) return false;
  if (podProfile == null) return true;
  if (minor < 34) return false;
  const field = appArmorFieldFor(annotation);
  return field === undefined || podProfile.type !== field.type ||
    (podProfile.localhostProfile ?? undefined) !== field.localhostProfile;
}

// ApparmorFieldForAnnotation (pkg/api/pod/util.go): undefined for an unrecognized value.
function appArmorFieldFor(
  annotation: unknown,
): { type: string; localhostProfile?: string } | undefined {
  if (annotation === "unconfined") return { type: "Unconfined" };
  if (annotation === "runtime/default") return { type: "RuntimeDefault" };
  if (typeof annotation === "string" && annotation.startsWith("localhost/")) {
    const profile = annotation.slice("localhost/".length);
    if (profile !== "") return { type: "Localhost", localhostProfile: profile };
  }
  return undefined;
}

/** GetWarningsForNodeSelectorTerm: the keys of its match expressions (label values unchecked). */
export function termWarnings(term: Loose, path: string, minor: number): string[] {
  const expressions = Array.isArray(term?.matchExpressions) ? term.matchExpressions : [];
  const warnings: string[] = [];
  expressions.forEach((expression: Loose, i: number) => {
    const message = nodeLabelMessage(expression?.key, minor);
    if (message) {
      warnings.push(`${path}.matchExpressions[${i}].key: ${expression.key} is ${message}`);
    }
  });
  return warnings;
}
