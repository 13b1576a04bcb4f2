// v1's `serviceAccount`: the deprecated alias of `serviceAccountName` in every stored PodSpec.
//
// Source: k8s.io/kubernetes pkg/apis/core/v1/conversion.go (v1.29–v1.36 alike). Decoding v1
// (Convert_v1_PodSpec_To_core_PodSpec) gives an empty `serviceAccountName` the value of
// `serviceAccount`; encoding v1 (Convert_core_PodSpec_To_v1_PodSpec) writes `serviceAccount` =
// `serviceAccountName` (omitted when empty). The field manager compares v1 objects, so a write
// that sets one name owns both fields; Go encodes `serviceAccount` right after it.

import { putOwn } from "../../encoding/mod.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

// Where a kind's PodSpec is, by catalog key: the path of keys from the object.
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  pods: ["spec"],
  podtemplates: ["template", "spec"],
  replicationcontrollers: ["spec", "template", "spec"],
  "apps/replicasets": ["spec", "template", "spec"],
  "apps/deployments": ["spec", "template", "spec"],
  "apps/daemonsets": ["spec", "template", "spec"],
  "apps/statefulsets": ["spec", "template", "spec"],
  "batch/jobs": ["spec", "template", "spec"],
  "batch/cronjobs": ["spec", "jobTemplate", "spec", "template", "spec"],
};

/** Whether objects of a resource (its catalog key) hold a PodSpec. */
export function holdsPodSpec(resourceKey: string): boolean {
  return Object.hasOwn(POD_SPEC_PATHS, resourceKey);
}

/**
 * The round trip of an object's PodSpec through v1 conversion: `serviceAccountName` from
 * `serviceAccount` when empty, then `serviceAccount` equal to it, placed right after it (the
 * PodSpec replaced in its parent when its keys must move).
 */
export function aliasServiceAccount(resourceKey: string, object: Loose): void {
  const path = Object.hasOwn(POD_SPEC_PATHS, resourceKey) ? POD_SPEC_PATHS[resourceKey] : undefined;
  if (!path) return;
  let parent: Loose;
  let spec = object;
  for (const key of path) {
    parent = spec;
    spec = spec !== null && typeof spec === "object" ? spec[key] : undefined;
  }
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) return;
  const aliased = aliasInSpec(spec);
  if (aliased !== spec) parent[path[path.length - 1]] = aliased;
}

/**
 * `aliasServiceAccount` of one PodSpec (after admission named its service account): the spec
 * itself, or a new one when `serviceAccount` must move (rebuilt rather than reordered in place:
 * deleting keys leaves an object slow for every later read, in V8 and JavaScriptCore alike).
 */
export function aliasInSpec(spec: Loose): Loose {
  const name = spec.serviceAccountName;
  const alias = spec.serviceAccount;
  // Typed wrongly: validation refuses the object; nothing to convert.
  if (
    (name !== undefined && name !== null && typeof name !== "string") ||
    (alias !== undefined && alias !== null && typeof alias !== "string")
  ) {
    return spec;
  }
  if (!name) {
    if (!alias) {
      // Both empty: Go omits both (omitempty).
      if (alias !== undefined) delete spec.serviceAccount;
      return spec;
    }
    spec.serviceAccountName = alias;
  }
  if (spec.serviceAccount === spec.serviceAccountName && followsName(spec)) return spec;
  return placedAfterName(spec);
}

// Whether `serviceAccount` is the key right after `serviceAccountName`.
function followsName(spec: Loose): boolean {
  const keys = Object.keys(spec);
  const at = keys.indexOf("serviceAccountName");
  return at >= 0 && keys[at + 1] === "serviceAccount";
}

// The spec's keys in a new object, `serviceAccount` right after `serviceAccountName`.
function placedAfterName(spec: Loose): Loose {
  const out: Loose = {};
  for (const key in spec) {
    if (key === "serviceAccount" || !Object.hasOwn(spec, key)) continue;
    const value = spec[key];
    putOwn(out, key, value);
    if (key === "serviceAccountName") out.serviceAccount = value;
  }
  return out;
}
