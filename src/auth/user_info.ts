// Who a request is, as kube-apiserver's authenticators report it (`user.Info`).

/** `user.Info`: name, uid, groups and extra, as authentication hands them to authorization. */
export interface UserInfo {
  readonly username: string;
  readonly uid?: string;
  readonly groups: readonly string[];
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

/** The group kube-apiserver adds to every authenticated user (`user.AllAuthenticated`). */
export const ALL_AUTHENTICATED = "system:authenticated";

/** The group authorized for everything before any authorizer runs (`user.SystemPrivilegedGroup`). */
export const SYSTEM_MASTERS = "system:masters";

const SA_PREFIX = "system:serviceaccount:";

/**
 * The identity of a verified client certificate: CN as the user, O as the groups, and
 * `system:authenticated` appended unless present, as the x509 authenticator wrapped in
 * `group.AuthenticatedGroupAdder` reports it.
 */
export function certificateUser(
  commonName: string | undefined,
  organizations: readonly string[],
): UserInfo {
  return { username: commonName ?? "", groups: withAuthenticated(organizations) };
}

/** Appends `system:authenticated` unless a group already is it (AuthenticatedGroupAdder). */
export function withAuthenticated(groups: readonly string[]): readonly string[] {
  return groups.includes(ALL_AUTHENTICATED) ? groups : [...groups, ALL_AUTHENTICATED];
}

/** `system:serviceaccount:<namespace>:<name>` (`serviceaccount.MakeUsername`). */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** The groups of a service account's user: all service accounts and those of its namespace. */
export function serviceAccountGroups(namespace: string): string[] {
  return ["system:serviceaccounts", `system:serviceaccounts:${namespace}`];
}

/**
 * Whether `username` is the service account `namespace/name`, compared as
 * `serviceaccount.MatchesUsername` does (prefix, namespace, separator, name).
 */
export function matchesServiceAccount(namespace: string, name: string, username: string): boolean {
  return username === `${SA_PREFIX}${namespace}:${name}`;
}
