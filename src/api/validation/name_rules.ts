// Which name rule each kind's registry strategy applies to `metadata.name` (kubernetes v1.33).
//
// Sources: k8s.io/kubernetes pkg/apis/*/validation (`Validate<Kind>Name`, the `nameFn` each
// `ValidateObjectMeta` call passes) and k8s.io/apimachinery pkg/api/validation/generic.go. Kinds
// not listed use `NameIsDNSSubdomain`, as most do.

import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isPathSegmentName,
} from "./formats.ts";

/** A naming rule: DNS-1123 subdomain, DNS-1123 label, DNS-1035 label, or URL path segment. */
export type NameRule = "subdomain" | "label" | "dns1035" | "pathSegment";

/** The kinds whose name rule is not a DNS-1123 subdomain, by storage key. */
export const NAME_RULES: Readonly<Record<string, NameRule>> = {
  namespaces: "label", // ValidateNamespaceName = NameIsDNSLabel
  services: "dns1035", // ValidateServiceName = NameIsDNS1035Label
  "apps/statefulsets": "label", // ValidateStatefulSetName = NameIsDNSLabel
  // ValidateRBACName = path.IsValidPathSegmentName
  "rbac.authorization.k8s.io/roles": "pathSegment",
  "rbac.authorization.k8s.io/rolebindings": "pathSegment",
  "rbac.authorization.k8s.io/clusterroles": "pathSegment",
  "rbac.authorization.k8s.io/clusterrolebindings": "pathSegment",
  // core/v1 Events get legacy validation only (events.go `ValidateEventCreate`): no name
  // format, but a name must still be a path segment to be stored and addressed.
  events: "pathSegment",
};

/** The rule for a resource key: its entry, or a DNS-1123 subdomain. */
export function nameRuleOf(resourceKey: string): NameRule {
  return NAME_RULES[resourceKey] ?? "subdomain";
}

/**
 * The messages a name fails with; `prefix` for `generateName`, whose trailing dash upstream's
 * `maskTrailingDash` hides (it replaces the last two characters by "a").
 */
export function nameErrors(rule: NameRule, name: string, prefix: boolean): string[] {
  if (rule === "pathSegment") return isPathSegmentName(name);
  const value = prefix && name.length > 1 && name.endsWith("-") ? `${name.slice(0, -2)}a` : name;
  if (rule === "label") return isDNS1123Label(value);
  if (rule === "dns1035") return isDNS1035Label(value);
  return isDNS1123Subdomain(value);
}
