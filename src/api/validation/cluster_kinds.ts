// PodDisruptionBudgets, StorageClasses, VolumeAttachments, RuntimeClasses, PriorityClasses and
// Leases as kube-apiserver v1.36 checks them past their metadata.
//
// Sources (k8s.io/kubernetes v1.36): pkg/apis/policy/validation `ValidatePodDisruptionBudgetSpec`;
// pkg/apis/storage/validation `ValidateStorageClass`, `ValidateVolumeAttachment(V1)`;
// pkg/apis/node/validation `ValidateRuntimeClass`; pkg/apis/scheduling/validation
// `ValidatePriorityClass(Update)`; pkg/apis/coordination/validation `ValidateLeaseSpec`. They run on
// defaulted objects: what defaulting fills is not reported as missing here.

import {
  appendErrors,
  type FieldError,
  forbidden,
  invalid,
  notSupported,
  required,
} from "./field_error.ts";
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from "./formats.ts";
import { labelSelectorValue } from "./go_value.ts";
import { validateLabelSelector } from "./label_selector.ts";
import { notMoreThan100Percent, positiveIntOrPercent } from "./rollout_strategies.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const set = (value: unknown) => value !== undefined && value !== null;

/** `ValidatePodDisruptionBudgetSpec`, with the eviction policy of policy/v1. */
export function validatePodDisruptionBudget(pdb: Loose, minor: number): FieldError[] {
  const spec = pdb.spec ?? {};
  const errors: FieldError[] = [];
  if (set(spec.minAvailable) && set(spec.maxUnavailable)) {
    // The internal spec has no JSON tags: its Go field names are the keys.
    const json = {
      MinAvailable: spec.minAvailable,
      Selector: labelSelectorValue(spec.selector).json,
      MaxUnavailable: spec.maxUnavailable,
      UnhealthyPodEvictionPolicy: spec.unhealthyPodEvictionPolicy ?? null,
    };
    errors.push(
      invalid(
        "spec",
        { go: `policy.PodDisruptionBudgetSpec{${JSON.stringify(json)}}`, json },
        "minAvailable and maxUnavailable cannot be both set",
      ),
    );
  }
  for (const field of ["minAvailable", "maxUnavailable"]) {
    if (!set(spec[field])) continue;
    appendErrors(errors, positiveIntOrPercent(spec[field], `spec.${field}`));
    appendErrors(errors, notMoreThan100Percent(spec[field], `spec.${field}`));
  }
  appendErrors(errors, validateLabelSelector(spec.selector, minor, "spec.selector"));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (set(policy) && policy !== "AlwaysAllow" && policy !== "IfHealthyBudget") {
    errors.push(
      notSupported("spec.unhealthyPodEvictionPolicy", String(policy), [
        "AlwaysAllow",
        "IfHealthyBudget",
      ]),
    );
  }
  return errors;
}

/** `ValidateStorageClass` past metadata: provisioner, reclaim policy, binding mode. */
export function validateStorageClass(storageClass: Loose, minor: number): FieldError[] {
  const errors: FieldError[] = [];
  const provisioner = typeof storageClass.provisioner === "string" ? storageClass.provisioner : "";
  if (provisioner === "") errors.push(required("provisioner"));
  else {
    // validateProvisioner checks the lower-cased name and shows it.
    const lower = provisioner.toLowerCase();
    for (const message of isQualifiedName(lower, minor)) {
      errors.push(invalid("provisioner", lower, message));
    }
  }
  const reclaim = storageClass.reclaimPolicy;
  if (set(reclaim) && reclaim !== "Delete" && reclaim !== "Retain") {
    errors.push(notSupported("reclaimPolicy", String(reclaim), ["Delete", "Retain"]));
  }
  const mode = storageClass.volumeBindingMode;
  if (set(mode) && mode !== "Immediate" && mode !== "WaitForFirstConsumer") {
    errors.push(
      notSupported("volumeBindingMode", String(mode), ["Immediate", "WaitForFirstConsumer"]),
    );
  }
  return errors;
}

/**
 * `ValidateStorageClassUpdate`: provisioner, parameters, reclaim policy and binding mode are
 * fixed. v1.36 words them as its declarative `+k8s:immutable` does; earlier minors as Forbidden.
 */
export function validateStorageClassUpdate(
  storageClass: Loose,
  old: Loose,
  minor: number,
): FieldError[] {
  const errors: FieldError[] = [];
  const changed = (field: string) =>
    JSON.stringify(storageClass[field] ?? null) !== JSON.stringify(old[field] ?? null);
  for (const field of ["provisioner", "parameters", "reclaimPolicy"]) {
    if (!changed(field)) continue;
    const value = storageClass[field];
    const shown = typeof value === "string"
      ? value
      : { go: `map[string]string${JSON.stringify(value ?? null)}`, json: value ?? null };
    errors.push(
      minor >= 36
        ? invalid(field, shown, "field is immutable")
        : forbidden(field, `updates to ${field} are forbidden.`),
    );
  }
  if (changed("volumeBindingMode")) {
    errors.push(
      invalid(
        "volumeBindingMode",
        String(storageClass.volumeBindingMode ?? ""),
        "field is immutable",
      ),
    );
  }
  return errors;
}

/** `ValidateVolumeAttachment` (and the v1 attacher name): attacher, source, node name. */
export function validateVolumeAttachment(attachment: Loose): FieldError[] {
  const spec = attachment.spec ?? {};
  const errors: FieldError[] = [];
  const attacher = typeof spec.attacher === "string" ? spec.attacher : "";
  if (attacher === "") errors.push(required("spec.attacher"));
  else {
    if (attacher.length > 63) {
      errors.push(invalid("spec.attacher", attacher, "must be no more than 63 characters"));
    }
    for (const message of isDNS1123Subdomain(attacher.toLowerCase())) {
      errors.push(invalid("spec.attacher", attacher, message));
    }
  }
  const source = spec.source ?? {};
  const [inline, volume] = [set(source.inlineVolumeSpec), set(source.persistentVolumeName)];
  const exactlyOne = "must specify exactly one of inlineVolumeSpec and persistentVolumeName";
  if (!inline && !volume) errors.push(required("spec.source", exactlyOne));
  else if (inline && volume) errors.push(forbidden("spec.source", exactlyOne));
  else if (volume && source.persistentVolumeName === "") {
    errors.push(
      required("spec.source.persistentVolumeName", "must specify non empty persistentVolumeName"),
    );
  }
  const node = typeof spec.nodeName === "string" ? spec.nodeName : "";
  for (const message of isDNS1123Subdomain(node)) {
    errors.push(invalid("spec.nodeName", node, message));
  }
  return errors;
}

/** `ValidateRuntimeClass` past metadata: the handler is a DNS-1123 label. */
export function validateRuntimeClass(runtimeClass: Loose, minor: number): FieldError[] {
  const handler = typeof runtimeClass.handler === "string" ? runtimeClass.handler : "";
  // v1.36's declarative `+required` reports a missing handler before its format.
  if (handler === "" && minor >= 36) return [required("handler")];
  return isDNS1123Label(handler).map((message) => invalid("handler", handler, message));
}

/** `ValidateRuntimeClassUpdate`: the handler is fixed. */
export function validateRuntimeClassUpdate(runtimeClass: Loose, old: Loose): FieldError[] {
  return runtimeClass.handler !== old.handler
    ? [invalid("handler", String(runtimeClass.handler ?? ""), "field is immutable")]
    : [];
}

// scheduling.SystemPriorityClasses and HighestUserDefinablePriority.
const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  "system-node-critical": 2000001000,
  "system-cluster-critical": 2000000000,
};
const HIGHEST_USER_PRIORITY = 1000000000;

/** `ValidatePriorityClass` past metadata: reserved names, the user ceiling, the preemption policy. */
export function validatePriorityClass(priorityClass: Loose): FieldError[] {
  const errors: FieldError[] = [];
  const name = String(priorityClass.metadata?.name ?? "");
  const value = typeof priorityClass.value === "number" ? priorityClass.value : 0;
  if (name.startsWith("system-")) {
    const known = SYSTEM_PRIORITY_CLASSES[name];
    const problem = known === undefined
      ? `${name} is not a known system priority class`
      : value !== known
      ? `value of ${name} PriorityClass must be ${known}`
      : priorityClass.globalDefault === true
      ? `globalDefault of ${name} PriorityClass must be false`
      : undefined;
    if (problem) {
      errors.push(
        forbidden(
          "metadata.name",
          `priority class names with 'system-' prefix are reserved for system use only. error: ${problem}`,
        ),
      );
    }
  } else if (value > HIGHEST_USER_PRIORITY) {
    errors.push(
      forbidden(
        "value",
        `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`,
      ),
    );
  }
  const policy = priorityClass.preemptionPolicy;
  if (set(policy) && policy !== "PreemptLowerPriority" && policy !== "Never") {
    errors.push(
      notSupported("preemptionPolicy", String(policy), ["PreemptLowerPriority", "Never"]),
    );
  }
  return errors;
}

/** `ValidatePriorityClassUpdate`: the value and the preemption policy are fixed. */
export function validatePriorityClassUpdate(priorityClass: Loose, old: Loose): FieldError[] {
  const errors: FieldError[] = [];
  if (priorityClass.value !== old.value) {
    errors.push(forbidden("value", "may not be changed in an update."));
  }
  if ((priorityClass.preemptionPolicy ?? null) !== (old.preemptionPolicy ?? null)) {
    errors.push(
      invalid(
        "preemptionPolicy",
        String(priorityClass.preemptionPolicy ?? ""),
        "field is immutable",
      ),
    );
  }
  return errors;
}

/** `ValidateLeaseSpec`: a positive duration, non-negative transitions, a holder only with a strategy. */
export function validateLease(lease: Loose): FieldError[] {
  const spec = lease.spec ?? {};
  const errors: FieldError[] = [];
  if (typeof spec.leaseDurationSeconds === "number" && spec.leaseDurationSeconds <= 0) {
    errors.push(
      invalid("spec.leaseDurationSeconds", spec.leaseDurationSeconds, "must be greater than 0"),
    );
  }
  if (typeof spec.leaseTransitions === "number" && spec.leaseTransitions < 0) {
    errors.push(
      invalid("spec.leaseTransitions", spec.leaseTransitions, "must be greater than or equal to 0"),
    );
  }
  if (set(spec.preferredHolder) && !set(spec.strategy)) {
    errors.push(
      forbidden("spec.preferredHolder", "may only be specified if `strategy` is defined"),
    );
  }
  return errors;
}
