// Who a request acts as when it is not simply its verified certificate: a bearer token's service
// account where tokens are accepted (`--service-account-token-auth`, or `--anonymous-auth`; as
// kube-apiserver's union authenticator: the certificate first, then the token; a token that does
// not hold is 401 even where anonymous requests are served), or a user it impersonates.
// Such identities are authorized by RBAC over the cluster's store, answering 403 in
// kube-apiserver's words. Certificate clients without impersonation never come here.

import { AuthError, authorize, requestAttributes } from "../auth/mod.ts";
import { clientUser } from "./client_user.ts";
import { forbidden } from "./forbidden_error.ts";
import { asksImpersonation, impersonate } from "./impersonation.ts";
import type { ClientIdentity, KubeBindings } from "./kube_env.ts";
import { rbacSourceOf } from "./rbac_store.ts";
import { decodePath } from "./request_target.ts";
import { StatusError } from "./status_error.ts";
import { API_AUDIENCES, authenticateClusterToken } from "./token_authentication.ts";

/** The token of an `Authorization: Bearer <token>` header; undefined when there is none. */
export function bearerTokenOf(request: Request): string | undefined {
  const header = request.headers.get("authorization");
  if (header === null) return undefined;
  // bearertoken.go: the scheme is case-insensitive, the token the rest after one space, trimmed.
  const match = /^bearer\s+(.*)$/i.exec(header.trim());
  return match ? match[1].trim() || undefined : undefined;
}

/**
 * Whether a request needs more than its certificate: a token to check (when tokens are accepted)
 * or a user to impersonate.
 */
export function needsIdentity(
  request: Request,
  client: ClientIdentity,
  acceptsTokens: boolean,
): boolean {
  if (acceptsTokens && !client.authenticated && request.headers.has("authorization")) return true;
  return asksImpersonation(request.headers);
}

/**
 * The bindings a request runs with, or what to answer instead: 401 for a token that does not
 * authenticate (or no credentials where anonymous requests are refused), 403 for an
 * impersonation or a request RBAC does not allow, 500 for impersonation headers without a user.
 */
export async function resolveIdentity(
  request: Request,
  bindings: KubeBindings,
  options: { readonly now: Date; readonly anonymousAuth: boolean; readonly acceptsTokens: boolean },
): Promise<KubeBindings | StatusError | Response> {
  let client = bindings.client;
  const token = client.authenticated || !options.acceptsTokens ? undefined : bearerTokenOf(request);
  if (token !== undefined) {
    try {
      const result = await authenticateClusterToken(
        bindings.cluster,
        token,
        API_AUDIENCES,
        options.now,
      );
      if (!result) return StatusError.unauthorized();
      const { username, groups, uid, extra } = result.user;
      client = { authenticated: true, user: username, groups, uid, extra, authorizeByRbac: true };
    } catch (error) {
      if (error instanceof AuthError) return StatusError.unauthorized();
      throw error;
    }
  }
  const rbac = rbacSourceOf(bindings.cluster.store);
  const url = new URL(request.url);
  if (asksImpersonation(request.headers)) {
    if (!client.authenticated && !options.anonymousAuth) return StatusError.unauthorized();
    const target = bindings.target ?? `${url.pathname}${url.search}`;
    const impersonated = impersonate(request.headers, clientUser(client), rbac, target);
    if (!("authenticated" in impersonated)) return impersonated;
    client = impersonated;
  }
  if (!client.authorizeByRbac) return bindings;
  const attributes = requestAttributes(request.method, decodePath(url.pathname), url.searchParams);
  const user = clientUser(client);
  const decision = authorize(rbac, user, attributes);
  if (!decision.allowed) return forbidden(user.username, attributes, decision.reason);
  return { ...bindings, client };
}
