// Public face of src/api/validation: kube-apiserver's validation of built-in kinds, as field errors.
//
// Pure functions: an object (and the stored one, for an update) in, `FieldError`s out, worded for
// the Kubernetes minor the cluster serves. The REST layer turns them into a 422 Invalid Status.

import { aggregateText, appendErrors, errorBody, type FieldError, goQuote } from "./field_error.ts";
import { CONDITIONAL_UPDATE_ONLY, KIND_RULES } from "./kind_rules.ts";
import { nameRuleOf } from "./name_rules.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "./object_meta.ts";
import { STATUS_RULES } from "./status_rules.ts";
import { withinValidation } from "./_validation_scope.ts";
import { type ResizeQOS, validatePodResize } from "./pod_resize.ts";

export { type FieldError, type FieldErrorType } from "./field_error.ts";
export { NAME_RULES, type NameRule } from "./name_rules.ts";
export { CONDITIONAL_UPDATE_ONLY, KIND_RULES } from "./kind_rules.ts";
export { validateEphemeralContainersUpdate } from "./ephemeral_containers.ts";
export { type ResizeQOS } from "./pod_resize.ts";
export { compareQuantities, parseQuantity } from "./quantities.ts";
export { isDNS1123Label } from "./formats.ts";

/** What validation needs to know of a resource (a `ResourceType` fits). */
export interface ValidatedResource {
  /** The storage key (`pods`, `apps/deployments`). */
  readonly key: string;
  readonly namespaced: boolean;
  /** Custom resources: metadata only, with apiextensions' rules. */
  readonly custom?: boolean;
}

/** The errors a create of `object` meets, in the order kube-apiserver reports them. */
export function validateCreate(
  resource: ValidatedResource,
  object: Record<string, unknown>,
  minor: number,
): FieldError[] {
  // apiextensions' validator: DNS-1123 subdomain names, no kube finalizer rule.
  const rule = resource.custom ? "subdomain" : nameRuleOf(resource.key);
  const errors = validateObjectMeta(
    object.metadata ?? {},
    resource.namespaced,
    rule,
    minor,
    !resource.custom,
  );
  if (resource.custom) return errors;
  const spec = KIND_RULES[resource.key]?.spec;
  if (spec) appendErrors(errors, spec(object, minor));
  return errors;
}

/** The errors an update from `old` to `object` meets, in the order kube-apiserver reports them. */
export function validateUpdate(
  resource: ValidatedResource,
  object: Record<string, unknown>,
  old: Record<string, unknown>,
  minor: number,
): FieldError[] {
  const metaUpdate = () =>
    validateObjectMetaUpdate(object.metadata ?? {}, old.metadata ?? {}, minor, !resource.custom);
  if (resource.custom) return metaUpdate();
  const rules = KIND_RULES[resource.key];
  if (!rules) return metaUpdate();
  const spec = () => rules.spec?.(object, minor) ?? [];
  const update = () => rules.update?.(object, old, minor) ?? [];
  const create = () => validateCreate(resource, object, minor);
  return withinValidation(() => {
    switch (rules.order ?? "metaUpdate,spec,update") {
      case "metaUpdate,update,create":
        return [...metaUpdate(), ...update(), ...create()];
      case "metaUpdate,create,update":
        return [...metaUpdate(), ...create(), ...update()];
      case "create,metaUpdate,update":
        return [...create(), ...metaUpdate(), ...update()];
      default:
        return [...metaUpdate(), ...spec(), ...update()];
    }
  });
}

/**
 * The errors a `pods/<name>/resize` write of `object` (stored as `old`) meets: the metadata
 * update, the pod's own validation, then what a resize may not change (ValidatePodResize).
 */
export function validateResizeUpdate(
  resource: ValidatedResource,
  object: Record<string, unknown>,
  old: Record<string, unknown>,
  minor: number,
  qos: ResizeQOS,
): FieldError[] {
  return withinValidation(() => {
    const leading = [
      ...validateObjectMetaUpdate(object.metadata ?? {}, old.metadata ?? {}, minor, true),
      ...validateCreate(resource, object, minor),
    ];
    return validatePodResize(object, old, minor, qos, leading);
  });
}

/**
 * The errors a `/status` write of `object` (stored as `old`) meets: kinds with status rules
 * check their counts (StatefulSets after, the rest before, the metadata update; PDBs none).
 */
export function validateStatusUpdate(
  resource: ValidatedResource,
  object: Record<string, unknown>,
  old: Record<string, unknown>,
  minor: number,
): FieldError[] {
  const rules = resource.custom ? undefined : STATUS_RULES[resource.key];
  if (!rules) return [];
  const status = object.status && typeof object.status === "object" ? object.status : {};
  const checks = rules.check(status);
  if (resource.key === "policy/poddisruptionbudgets") return checks;
  const meta = validateObjectMetaUpdate(object.metadata ?? {}, old.metadata ?? {}, minor, true);
  return rules.metaFirst ? [...meta, ...checks] : [...checks, ...meta];
}

/**
 * The error of an update without `metadata.resourceVersion` of a kind that needs one: the generic
 * registry's, reported on the resource (`leases.coordination.k8s.io`) rather than the kind.
 */
export function missingResourceVersion(
  resource: ValidatedResource,
  object: Record<string, unknown>,
): FieldError[] {
  const meta = (object.metadata ?? {}) as { resourceVersion?: unknown };
  if (!CONDITIONAL_UPDATE_ONLY.has(resource.key) || meta.resourceVersion) return [];
  // The bad value is the parsed uint64 0: `%#v` prints 0x0, JSON 0.
  return [{
    type: "FieldValueInvalid",
    field: "metadata.resourceVersion",
    value: { go: "0x0", json: 0 },
    detail: "must be specified for an update",
  }];
}

/** The `Status` parts of `errors.NewInvalid`: message and causes, for a kind and object name. */
export function invalidStatus(
  qualifiedKind: string,
  name: string,
  errors: readonly FieldError[],
  minor: number,
): { message: string; causes: { reason: string; message: string; field: string }[] } {
  return {
    message: `${qualifiedKind} ${goQuote(name)} is invalid: ${aggregateText(errors, minor)}`,
    causes: errors.map((e) => ({ reason: e.type, message: errorBody(e, minor), field: e.field })),
  };
}
