// Roles and ClusterRoles (their rules, a ClusterRole's aggregation rule); RoleBindings and
// ClusterRoleBindings: the role they name, their subjects, a roleRef that never changes.
//
// Source: k8s.io/kubernetes pkg/apis/rbac/validation/validation.go (v1.33) `ValidateRole`,
// `ValidateClusterRole`, `ValidatePolicyRule`, `ValidateRoleBinding`,
// `ValidateClusterRoleBinding`, their `...Update`, `ValidateRoleBindingSubject`.

import { appendErrors, type FieldError, invalid, notSupported, required } from "./field_error.ts";
import { isDNS1123Subdomain, isPathSegmentName } from "./formats.ts";
import { stringSliceValue, stringStructValue } from "./go_value.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const RBAC_GROUP = "rbac.authorization.k8s.io";

/** `ValidateRole` / `ValidateClusterRole` past metadata: each rule, a ClusterRole's aggregation. */
export function validateRole(role: Loose, namespaced: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const rules: Loose[] = Array.isArray(role.rules) ? role.rules : [];
  rules.forEach((rule, i) =>
    appendErrors(errors, validatePolicyRule(rule ?? {}, namespaced, `rules[${i}]`))
  );
  const aggregation = role.aggregationRule;
  if (!namespaced && aggregation && typeof aggregation === "object") {
    const selectors = aggregation.clusterRoleSelectors;
    if (!Array.isArray(selectors) || selectors.length === 0) {
      errors.push(required(
        "aggregationRule.clusterRoleSelectors",
        "at least one clusterRoleSelector required if aggregationRule is non-nil",
      ));
    }
  }
  return errors;
}

// ValidatePolicyRule: verbs; non-resource URLs alone (cluster roles only), else groups and resources.
function validatePolicyRule(rule: Loose, namespaced: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const count = (value: unknown) => Array.isArray(value) ? value.length : 0;
  if (count(rule.verbs) === 0) {
    errors.push(required(`${path}.verbs`, "verbs must contain at least one value"));
  }
  if (count(rule.nonResourceURLs) > 0) {
    const urls = stringSliceValue(rule.nonResourceURLs.map(String));
    if (namespaced) {
      errors.push(invalid(
        `${path}.nonResourceURLs`,
        urls,
        "namespaced rules cannot apply to non-resource URLs",
      ));
    }
    if (count(rule.apiGroups) > 0 || count(rule.resources) > 0 || count(rule.resourceNames) > 0) {
      errors.push(invalid(
        `${path}.nonResourceURLs`,
        urls,
        "rules cannot apply to both regular resources and non-resource URLs",
      ));
    }
    return errors;
  }
  if (count(rule.apiGroups) === 0) {
    errors.push(
      required(`${path}.apiGroups`, "resource rules must supply at least one api group"),
    );
  }
  if (count(rule.resources) === 0) {
    errors.push(required(`${path}.resources`, "resource rules must supply at least one resource"));
  }
  return errors;
}

/** The binding's roleRef and subjects; `namespaced` for a RoleBinding. */
export function validateBinding(binding: Loose, namespaced: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const ref = binding.roleRef ?? {};
  const apiGroup = String(ref.apiGroup ?? "");
  if (apiGroup !== RBAC_GROUP) {
    errors.push(notSupported("roleRef.apiGroup", apiGroup, [RBAC_GROUP]));
  }
  const kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
  const kind = String(ref.kind ?? "");
  if (!kinds.includes(kind)) errors.push(notSupported("roleRef.kind", kind, kinds));
  const name = String(ref.name ?? "");
  if (!name) errors.push(required("roleRef.name"));
  else {for (const message of isPathSegmentName(name)) {
      errors.push(invalid("roleRef.name", name, message));
    }}
  const subjects: Loose[] = Array.isArray(binding.subjects) ? binding.subjects : [];
  subjects.forEach((subject, i) =>
    appendErrors(errors, validateSubject(subject, namespaced, `subjects[${i}]`))
  );
  return errors;
}

/** `cannot change roleRef`, shown with the new `rbac.RoleRef`. */
export function validateBindingUpdate(binding: Loose, old: Loose): FieldError[] {
  const ref = binding.roleRef ?? {};
  const was = old.roleRef ?? {};
  const same = ["apiGroup", "kind", "name"].every((k) =>
    String(ref[k] ?? "") === String(was[k] ?? "")
  );
  if (same) return [];
  const value = stringStructValue("rbac.RoleRef", [["APIGroup", ref.apiGroup], ["Kind", ref.kind], [
    "Name",
    ref.name,
  ]]);
  return [invalid("roleRef", value, "cannot change roleRef")];
}

// ValidateRoleBindingSubject. User and Group subjects whose apiGroup is absent are left alone:
// the v1 defaulter fills it in (SetDefaults_Subject).
function validateSubject(subject: Loose, namespaced: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = String(subject?.name ?? "");
  if (!name) errors.push(required(`${path}.name`));
  const kind = String(subject?.kind ?? "");
  const apiGroup = subject?.apiGroup;
  switch (kind) {
    case "ServiceAccount":
      if (name) {
        for (const m of isDNS1123Subdomain(name)) errors.push(invalid(`${path}.name`, name, m));
      }
      if (apiGroup) errors.push(notSupported(`${path}.apiGroup`, String(apiGroup), [""]));
      if (!namespaced && !subject?.namespace) errors.push(required(`${path}.namespace`));
      break;
    case "User":
    case "Group":
      if (apiGroup !== undefined && apiGroup !== RBAC_GROUP) {
        errors.push(notSupported(`${path}.apiGroup`, String(apiGroup), [RBAC_GROUP]));
      }
      break;
    default:
      errors.push(notSupported(`${path}.kind`, kind, ["ServiceAccount", "User", "Group"]));
  }
  return errors;
}
