// PersistentVolumeClaims, PersistentVolumes, ResourceQuotas, LimitRanges and
// ReplicationControllers as kube-apiserver v1.36 checks them past their metadata (the parts the
// oracle's probes reach; volume sources' own fields and data sources are not checked here).
//
// Source: k8s.io/kubernetes v1.36 pkg/apis/core/validation/validation.go
// (`ValidatePersistentVolumeClaimSpec`, `ValidatePersistentVolumeSpec`, `ValidateResourceQuotaSpec`,
// `ValidateLimitRange`, `ValidateReplicationControllerSpec`).

import { appendErrors, type FieldError, invalid, notSupported, required } from "./field_error.ts";
import { selectorMatches } from "./label_selector.ts";
import { stringMapValue } from "./go_value.ts";
import { validatePodTemplate } from "./pod_spec.ts";
import {
  compareQuantities,
  isNegativeQuantity,
  parseQuantity,
  quantityString,
} from "./quantities.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const ACCESS_MODES = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
const text = (value: unknown) => typeof value === "string" ? value : String(value ?? "");
const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function accessModes(modes: unknown, path: string, requiredDetail: string): FieldError[] {
  const list: unknown[] = Array.isArray(modes) ? modes : [];
  if (list.length === 0) return [required(path, requiredDetail)];
  const errors: FieldError[] = [];
  for (const mode of list) {
    if (!ACCESS_MODES.includes(text(mode))) {
      errors.push(notSupported(path, text(mode), ACCESS_MODES));
    }
  }
  return errors;
}

/** `ValidatePersistentVolumeClaimSpec`: access modes and a positive storage request. */
export function validatePersistentVolumeClaim(claim: Loose): FieldError[] {
  const spec = claim.spec ?? {};
  const errors = accessModes(
    spec.accessModes,
    "spec.accessModes",
    "at least 1 access mode is required",
  );
  const storage = isMap(spec.resources?.requests) ? spec.resources.requests.storage : undefined;
  const at = "spec.resources[storage]";
  if (storage === undefined) errors.push(required(at));
  else {
    const value = text(storage);
    const parsed = parseQuantity(value);
    if (parsed && parsed.mantissa <= 0n) {
      errors.push(invalid(at, quantityString(value), "must be greater than zero"));
    }
  }
  return errors;
}

/** `ValidatePersistentVolumeSpec`: access modes, a storage capacity, a reclaim policy, a source. */
export function validatePersistentVolume(volume: Loose): FieldError[] {
  const spec = volume.spec ?? {};
  const errors = accessModes(spec.accessModes, "spec.accessModes", "");
  const capacity = isMap(spec.capacity) ? spec.capacity : {};
  const keys = Object.keys(capacity);
  if (keys.length === 0) errors.push(required("spec.capacity"));
  if (!("storage" in capacity) || keys.length > 1) {
    const shown = {
      go: `[]core.ResourceName{${keys.map((k) => JSON.stringify(k)).join(", ")}}`,
      json: capacity,
    };
    errors.push(notSupported("spec.capacity", shown, ["storage"]));
  }
  const policy = spec.persistentVolumeReclaimPolicy;
  const policies = ["Delete", "Recycle", "Retain"];
  if (policy !== undefined && !policies.includes(text(policy))) {
    errors.push(notSupported("spec.persistentVolumeReclaimPolicy", text(policy), policies));
  }
  const sources = Object.keys(spec).filter((key) =>
    isMap(spec[key]) && !["capacity", "claimRef", "nodeAffinity"].includes(key)
  );
  if (sources.length === 0) errors.push(required("spec", "must specify a volume type"));
  return errors;
}

/** `ValidateResourceQuotaSpec`'s quantities: none negative (keys in sorted order). */
export function validateResourceQuota(quota: Loose): FieldError[] {
  const hard = isMap(quota.spec?.hard) ? quota.spec.hard : {};
  const errors: FieldError[] = [];
  for (const key of Object.keys(hard).sort()) {
    const value = text(hard[key]);
    if (isNegativeQuantity(value)) {
      errors.push(
        invalid(`spec.hard[${key}]`, quantityString(value), "must be greater than or equal to 0"),
      );
    }
  }
  return errors;
}

// helper.IsStandardLimitRangeType.
const LIMIT_TYPES = ["Pod", "Container", "PersistentVolumeClaim"];

/** `ValidateLimitRange`: each limit's type, and a min no greater than its max. */
export function validateLimitRange(range: Loose): FieldError[] {
  const limits: Loose[] = Array.isArray(range.spec?.limits) ? range.spec.limits : [];
  const errors: FieldError[] = [];
  limits.forEach((limit, i) => {
    const at = `spec.limits[${i}]`;
    const type = text(limit?.type);
    if (!type.includes("/") && !LIMIT_TYPES.includes(type)) {
      errors.push(invalid(`${at}.type`, type, "must be a standard limit type or fully qualified"));
    }
    const [min, max] = [isMap(limit?.min) ? limit.min : {}, isMap(limit?.max) ? limit.max : {}];
    for (const key of Object.keys(min).sort()) {
      if (!(key in max)) continue;
      const [low, high] = [text(min[key]), text(max[key])];
      if ((compareQuantities(low, high) ?? 0) > 0) {
        errors.push(
          invalid(
            `${at}.min[${key}]`,
            quantityString(low),
            `min value ${quantityString(low)} is greater than max value ${quantityString(high)}`,
          ),
        );
      }
    }
  });
  return errors;
}

/** `ValidateReplicationControllerSpec`: replicas, a selector, a template matching it. */
export function validateReplicationController(controller: Loose, minor: number): FieldError[] {
  const spec = controller.spec ?? {};
  const errors: FieldError[] = [];
  for (const field of ["replicas", "minReadySeconds"]) {
    if (typeof spec[field] === "number" && spec[field] < 0) {
      errors.push(invalid(`spec.${field}`, spec[field], "must be greater than or equal to 0"));
    }
  }
  const selector = isMap(spec.selector) ? spec.selector as Record<string, string> : {};
  if (Object.keys(selector).length === 0) errors.push(required("spec.selector"));
  const template = spec.template;
  if (!isMap(template)) {
    errors.push(required("spec.template"));
    return errors;
  }
  const labels = (template.metadata as Loose)?.labels;
  if (Object.keys(selector).length > 0 && !selectorMatches({ matchLabels: selector }, labels)) {
    errors.push(
      invalid(
        "spec.template.metadata.labels",
        stringMapValue(labels),
        "`selector` does not match template `labels`",
      ),
    );
  }
  appendErrors(errors, validatePodTemplate(template, minor, "spec.template"));
  const restart = (template.spec as Loose)?.restartPolicy;
  if (restart !== undefined && restart !== "Always") {
    errors.push(notSupported("spec.template.spec.restartPolicy", text(restart), ["Always"]));
  }
  return errors;
}
