// kube's RBAC authorizer over a cluster's stored Roles, ClusterRoles and their bindings
// (k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go and
// pkg/registry/rbac/validation/rule.go `VisitRulesFor`), behind the `system:masters` superuser
// check kube-apiserver puts first (authorizerfactory.NewPrivilegedGroups).

import { type PolicyRule, type RequestAttributes, ruleAllows } from "./policy_rule.ts";
import { matchesServiceAccount, SYSTEM_MASTERS, type UserInfo } from "./user_info.ts";

/** `rbac/v1.Subject`. */
export interface RbacSubject {
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
}

/** A RoleBinding or ClusterRoleBinding as stored. */
export interface RbacBinding {
  readonly metadata: { readonly name?: string; readonly namespace?: string };
  readonly subjects?: readonly RbacSubject[];
  readonly roleRef?: { readonly kind?: string; readonly name?: string };
}

/** A Role or ClusterRole as stored (aggregated ClusterRoles carry the rules the controller wrote). */
export interface RbacRole {
  readonly rules?: readonly PolicyRule[];
}

/** Where the authorizer reads RBAC objects: a cluster's store, adapted by the caller. */
export interface RbacSource {
  clusterRoleBindings(): readonly RbacBinding[];
  roleBindings(namespace: string): readonly RbacBinding[];
  clusterRole(name: string): RbacRole | undefined;
  role(namespace: string, name: string): RbacRole | undefined;
}

/** `authorizer.Decision` with its reason, as a SubjectAccessReview's status reports them. */
export interface Decision {
  readonly allowed: boolean;
  /** `RBAC: allowed by ...`, or the resolution errors of a denial (`""` when none). */
  readonly reason: string;
}

/** What `RulesFor` resolves for a user in a namespace, and the errors met on the way. */
export interface ResolvedRules {
  readonly rules: readonly PolicyRule[];
  readonly errors: readonly string[];
}

/**
 * Authorizes a request as kube-apiserver's chain does for RBAC: `system:masters` first (allowed,
 * no reason), then every applicable binding's rules; no match is "no opinion", reported as denied
 * with the role-resolution errors as reason (`RBAC: [...]`).
 */
export function authorize(
  source: RbacSource,
  user: UserInfo,
  attributes: RequestAttributes,
): Decision {
  if (user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: "" };
  const errors: string[] = [];
  let allowedBy: string | undefined;
  visitRules(source, user, namespaceOf(attributes), (describe, rule) => {
    if (!ruleAllows(attributes, rule)) return true;
    allowedBy = describe();
    return false;
  }, errors);
  if (allowedBy !== undefined) return { allowed: true, reason: `RBAC: allowed by ${allowedBy}` };
  return { allowed: false, reason: errors.length > 0 ? `RBAC: ${aggregate(errors)}` : "" };
}

/** `RulesFor`: every rule bound to the user cluster-wide and in `namespace`, in visiting order. */
export function rulesFor(source: RbacSource, user: UserInfo, namespace: string): ResolvedRules {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  visitRules(source, user, namespace, (_describe, rule) => {
    rules.push(rule);
    return true;
  }, errors);
  return { rules, errors };
}

/** An error list as `utilerrors.NewAggregate(...).Error()` prints it: one alone, else `[a, b]`. */
export function aggregate(errors: readonly string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? unique[0] : `[${unique.join(", ")}]`;
}

type Visitor = (describe: () => string, rule: PolicyRule) => boolean;

// VisitRulesFor: ClusterRoleBindings first, then the RoleBindings of the namespace; stops when
// the visitor returns false.
function visitRules(
  source: RbacSource,
  user: UserInfo,
  namespace: string,
  visit: Visitor,
  errors: string[],
): void {
  for (const binding of source.clusterRoleBindings()) {
    const subject = appliesTo(user, binding.subjects, "");
    if (!subject) continue;
    const rules = roleRules(source, binding, "", errors);
    const describe = () =>
      `ClusterRoleBinding ${quote(binding.metadata.name ?? "")} of ${binding.roleRef?.kind ?? ""} ${
        quote(binding.roleRef?.name ?? "")
      } to ${describeSubject(subject, "")}`;
    for (const rule of rules) if (!visit(describe, rule)) return;
  }
  if (!namespace) return;
  for (const binding of source.roleBindings(namespace)) {
    const subject = appliesTo(user, binding.subjects, namespace);
    if (!subject) continue;
    const rules = roleRules(source, binding, namespace, errors);
    const describe = () =>
      `RoleBinding ${quote(`${binding.metadata.name ?? ""}/${namespace}`)} of ${
        binding.roleRef?.kind ?? ""
      } ${quote(binding.roleRef?.name ?? "")} to ${describeSubject(subject, namespace)}`;
    for (const rule of rules) if (!visit(describe, rule)) return;
  }
}

// GetRoleReferenceRules: a Role in the binding's namespace or a ClusterRole; a missing one is an
// error worded as the registry's NotFound.
function roleRules(
  source: RbacSource,
  binding: RbacBinding,
  namespace: string,
  errors: string[],
): readonly PolicyRule[] {
  const kind = binding.roleRef?.kind ?? "";
  const name = binding.roleRef?.name ?? "";
  let role: RbacRole | undefined;
  if (kind === "Role") {
    role = source.role(namespace, name);
    if (!role) errors.push(`role.rbac.authorization.k8s.io ${quote(name)} not found`);
  } else if (kind === "ClusterRole") {
    role = source.clusterRole(name);
    if (!role) errors.push(`clusterrole.rbac.authorization.k8s.io ${quote(name)} not found`);
  } else {
    errors.push(`unsupported role reference kind: ${quote(kind)}`);
  }
  return role?.rules ?? [];
}

// appliesTo: the first subject naming the user, one of its groups, or its service account.
function appliesTo(
  user: UserInfo,
  subjects: readonly RbacSubject[] | undefined,
  namespace: string,
): RbacSubject | undefined {
  return (subjects ?? []).find((subject) => {
    switch (subject.kind) {
      case "User":
        return user.username === subject.name;
      case "Group":
        return user.groups.includes(subject.name ?? "");
      case "ServiceAccount": {
        // A RoleBinding's subject without a namespace means the binding's own.
        const saNamespace = subject.namespace || namespace;
        return saNamespace !== "" &&
          matchesServiceAccount(saNamespace, subject.name ?? "", user.username);
      }
    }
    return false;
  });
}

function describeSubject(subject: RbacSubject, bindingNamespace: string): string {
  if (subject.kind === "ServiceAccount") {
    return `${subject.kind} ${quote(`${subject.name}/${subject.namespace || bindingNamespace}`)}`;
  }
  return `${subject.kind} ${quote(subject.name ?? "")}`;
}

function namespaceOf(attributes: RequestAttributes): string {
  return attributes.kind === "resource" ? attributes.namespace : "";
}

// Go's %q for the names RBAC prints (JSON string quoting agrees for printable text).
function quote(text: string): string {
  return JSON.stringify(text);
}
