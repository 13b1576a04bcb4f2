// A PersistentVolumeClaim's update as kube-apiserver checks it: the spec is immutable once
// created, except a volumeName set once (the PV controller binding the claim), a storage request
// grown on a bound claim (expansion), a storageClassName set where none was, and the
// volumeAttributesClassName; the storage-class beta annotation never changes; volumeMode neither.
//
// Source: k8s.io/kubernetes v1.36.3 pkg/apis/core/validation/validation.go
// (`ValidatePersistentVolumeClaimUpdate`, `validateStorageClassUpgradeFromAnnotation`,
// `validateStorageClassUpgradeFromNil`, `ValidateImmutableAnnotation`, `ValidateImmutableField`)
// and `ValidationOptionsForPersistentVolumeClaim` (RecoverVolumeExpansionFailure on by default
// from v1.32). Checked against kube-apiserver v1.36.3 with scripts/oracle (`--only claim`), which
// lets a volumeAttributesClassName go back to "" or unset (no "update from non-nil value" error).

import { cmpReport } from "./cmp_report.ts";
import { deepEqual } from "./deep_equal.ts";
import { type FieldError, forbidden, invalid } from "./field_error.ts";
import { compareQuantities, quantityString } from "./quantities.ts";
import { goIndentedJson, unifiedDiff } from "./unified_diff.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** `core.BetaStorageClassAnnotation`. */
const BETA_CLASS = "volume.beta.kubernetes.io/storage-class";

// core.PersistentVolumeClaimSpec's fields in Go's order, as cmp.Diff walks them.
const SPEC_FIELDS = [
  "accessModes",
  "selector",
  "resources",
  "volumeName",
  "storageClassName",
  "volumeMode",
  "dataSource",
  "dataSourceRef",
  "volumeAttributesClassName",
];

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isSet = (value: unknown) => value !== undefined && value !== null;

/** `ValidatePersistentVolumeClaimUpdate` past the metadata update and the create checks. */
export function validatePersistentVolumeClaimUpdate(
  claim: Loose,
  old: Loose,
  minor: number,
): FieldError[] {
  const errors: FieldError[] = [];
  const spec: Loose = isMap(claim.spec) ? { ...claim.spec } : {};
  const before: Loose = isMap(old.spec) ? { ...old.spec } : {};
  // The PV controller binds a claim by setting volumeName: allowed once.
  if (!before.volumeName) before.volumeName = spec.volumeName;
  const annotations = isMap(claim.metadata?.annotations) ? claim.metadata.annotations : {};
  const oldAnnotations = isMap(old.metadata?.annotations) ? old.metadata.annotations : {};
  const oldClass = oldAnnotations[BETA_CLASS];
  const newClass = annotations[BETA_CLASS];
  const fromAnnotation = oldClass !== undefined && !isSet(before.storageClassName) &&
    isSet(spec.storageClassName) && spec.storageClassName === oldClass &&
    (newClass === undefined || newClass === oldClass);
  if (fromAnnotation) delete spec.storageClassName;
  else {
    if ((newClass ?? "") !== (oldClass ?? "")) {
      errors.push(
        invalid(`metadata.annotations.${BETA_CLASS}`, newClass ?? "", "field is immutable"),
      );
    }
    // From no class to a class (the one the annotation names, if any).
    if (
      isSet(spec.storageClassName) && !isSet(old.spec?.storageClassName) &&
      (oldClass === undefined || spec.storageClassName === oldClass)
    ) delete spec.storageClassName;
  }
  const oldStorage = old.spec?.resources?.requests?.storage;
  const newStorage = claim.spec?.resources?.requests?.storage;
  // A bound claim's storage request may change (expansion; shrinking is checked below).
  if (claim.status?.phase === "Bound" && isMap(spec.resources?.requests)) {
    spec.resources = {
      ...spec.resources,
      requests: { ...spec.resources.requests, storage: oldStorage },
    };
  }
  spec.volumeAttributesClassName = before.volumeAttributesClassName;
  const changed = SPEC_FIELDS.filter((key) => !semanticEqual(spec[key], before[key]));
  if (changed.length) {
    const except = minor >= 29
      ? "resources.requests and volumeAttributesClassName"
      : "resources.requests";
    errors.push(forbidden(
      "spec",
      `spec is immutable after creation except ${except} for bound claims\n${
        minor >= 34
          ? unifiedDiff(goIndentedJson(internalSpec(before)), goIndentedJson(internalSpec(spec)))
          : cmpReport("core.PersistentVolumeClaimSpec", changed, spec, before)
      }`,
    ));
  }
  const shrunk = (compareQuantities(text(newStorage), text(oldStorage)) ?? 0) < 0;
  if (shrunk) {
    const at = "spec.resources.requests.storage";
    if (minor < 32) errors.push(forbidden(at, "field can not be less than previous value"));
    else {
      // RecoverVolumeExpansionFailure: down to just above what the volume has.
      const capacity = old.status?.capacity?.storage;
      if ((compareQuantities(text(newStorage), text(capacity ?? "0")) ?? 1) <= 0) {
        errors.push(forbidden(at, "field can not be less than status.capacity"));
      }
    }
  }
  if (!semanticEqual(claim.spec?.volumeMode, old.spec?.volumeMode)) {
    // Upstream names the path `volumeMode`, not `spec.volumeMode`.
    errors.push(invalid("volumeMode", claim.spec?.volumeMode ?? null, "field is immutable"));
  }
  return errors;
}

const text = (value: unknown) => typeof value === "string" ? value : String(value ?? "");

// apiequality.Semantic.DeepEqual: quantities by value, a nil and an empty list or map alike.
function semanticEqual(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (typeof a === "string" && typeof b === "string" && a !== b) {
    return a !== "" && b !== "" && compareQuantities(a, b) === 0 && /^[0-9+\-.]/.test(a);
  }
  if (isMap(a) && isMap(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!semanticEqual(a[key], b[key])) return false;
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => semanticEqual(item, b[i]));
  }
  return deepEqual(a, b);
}

function isEmpty(value: unknown): boolean {
  if (!isSet(value)) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isMap(value) && Object.keys(value).length === 0;
}

// core.PersistentVolumeClaimSpec as encoding/json writes it: the internal type has no JSON tags,
// so Go's field names in Go's order, nil pointers and maps as null, quantities canonical.
function internalSpec(spec: Loose): Record<string, unknown> {
  const selector = isMap(spec.selector) ? spec.selector : undefined;
  const reference = (ref: Loose, namespaced: boolean) =>
    isMap(ref)
      ? {
        APIGroup: ref.apiGroup ?? null,
        Kind: ref.kind ?? "",
        Name: ref.name ?? "",
        ...(namespaced ? { Namespace: ref.namespace ?? null } : {}),
      }
      : null;
  return {
    AccessModes: Array.isArray(spec.accessModes) ? spec.accessModes : null,
    Selector: selector ? labelSelector(selector) : null,
    Resources: {
      Limits: quantities(spec.resources?.limits),
      Requests: quantities(spec.resources?.requests),
    },
    VolumeName: spec.volumeName ?? "",
    StorageClassName: spec.storageClassName ?? null,
    VolumeMode: spec.volumeMode ?? null,
    DataSource: reference(spec.dataSource, false),
    DataSourceRef: reference(spec.dataSourceRef, true),
    VolumeAttributesClassName: spec.volumeAttributesClassName ?? null,
  };
}

// metav1.LabelSelector keeps its JSON tags (omitempty), and Go writes map keys sorted.
function labelSelector(selector: Record<string, Loose>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (isMap(selector.matchLabels) && Object.keys(selector.matchLabels).length) {
    out.matchLabels = sorted(selector.matchLabels);
  }
  if (Array.isArray(selector.matchExpressions) && selector.matchExpressions.length) {
    out.matchExpressions = selector.matchExpressions.map((item: Loose) => ({
      key: item?.key ?? "",
      operator: item?.operator ?? "",
      ...(Array.isArray(item?.values) && item.values.length ? { values: item.values } : {}),
    }));
  }
  return out;
}

function quantities(list: unknown): Record<string, string> | null {
  if (!isMap(list)) return null;
  const out: Record<string, string> = {};
  for (const key of Object.keys(list).sort()) out[key] = quantityString(text(list[key]));
  return out;
}

function sorted(map: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(map).sort().map((key) => [key, map[key]]));
}
