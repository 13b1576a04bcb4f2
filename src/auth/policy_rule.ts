// Whether one RBAC PolicyRule covers a request, as kube's RBAC authorizer matches them
// (k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go `RuleAllows` and
// pkg/apis/rbac/v1/evaluation_helpers.go).

/** `rbac/v1.PolicyRule` as stored; absent lists match nothing. */
export interface PolicyRule {
  readonly verbs?: readonly string[];
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

/** `authorizer.Attributes`: what a request asks to do, for a resource or a non-resource URL. */
export type RequestAttributes = ResourceAttributes | NonResourceAttributes;

/** A request on a resource (`IsResourceRequest() == true`). */
export interface ResourceAttributes {
  readonly kind: "resource";
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource: string;
  readonly namespace: string;
  readonly name: string;
}

/** A request on any other path (`/healthz`, `/api`, `/version`). */
export interface NonResourceAttributes {
  readonly kind: "nonResource";
  readonly verb: string;
  readonly path: string;
}

const ALL = "*";

/** `RuleAllows`: verbs, then groups, resources (with the `*`-slash-sub form) and names, or non-resource URLs. */
export function ruleAllows(attributes: RequestAttributes, rule: PolicyRule): boolean {
  if (!verbMatches(rule, attributes.verb)) return false;
  if (attributes.kind === "nonResource") return nonResourceURLMatches(rule, attributes.path);
  const { resource, subresource } = attributes;
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return apiGroupMatches(rule, attributes.apiGroup) &&
    resourceMatches(rule, combined, subresource) &&
    resourceNameMatches(rule, attributes.name);
}

function verbMatches(rule: PolicyRule, verb: string): boolean {
  return (rule.verbs ?? []).some((v) => v === ALL || v === verb);
}

function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === ALL || g === group);
}

function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const resource of rule.resources ?? []) {
    if (resource === ALL || resource === combined) return true;
    // `*/scale` covers the scale subresource of every resource, and only that form of wildcard.
    if (
      subresource && resource.length === subresource.length + 2 && resource === `*/${subresource}`
    ) {
      return true;
    }
  }
  return false;
}

// An empty resourceNames list allows every name (and requests without one: list, create).
function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

// A trailing `*` is a prefix match; Go's TrimRight drops every trailing `*`.
function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const url of rule.nonResourceURLs ?? []) {
    if (url === ALL || url === path) return true;
    if (url.endsWith("*") && path.startsWith(url.replace(/\*+$/, ""))) return true;
  }
  return false;
}
