// Requests that carry a bearer token instead of a verified client certificate: authenticated as
// kube-apiserver's union authenticator does (the certificate first, then the token; a token that
// does not authenticate is 401 even where anonymous requests are served), then authorized by RBAC
// over the cluster's store, answering 403 in kube-apiserver's words.

import { AuthError, authorize, type RequestAttributes, requestAttributes } from "../auth/mod.ts";
import { clientUser } from "./client_user.ts";
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
 * The bindings of a request authenticated by its token, or the StatusError to answer: 401 for
 * a token that does not authenticate, 403 when RBAC does not allow the request.
 */
export async function authenticateBearer(
  request: Request,
  bindings: KubeBindings,
  token: string,
  now: Date,
): Promise<KubeBindings | StatusError> {
  let client: ClientIdentity;
  try {
    const result = await authenticateClusterToken(bindings.cluster, token, API_AUDIENCES, now);
    if (!result) return StatusError.unauthorized();
    const { username, groups, uid, extra } = result.user;
    client = { authenticated: true, user: username, groups, uid, extra, viaToken: true };
  } catch (error) {
    if (error instanceof AuthError) return StatusError.unauthorized();
    throw error;
  }
  const url = new URL(request.url);
  const attributes = requestAttributes(request.method, decodePath(url.pathname), url.searchParams);
  const user = clientUser(client);
  const decision = authorize(rbacSourceOf(bindings.cluster.store), user, attributes);
  if (!decision.allowed) return forbidden(user.username, attributes, decision.reason);
  return { ...bindings, client };
}

// responsewriters.ForbiddenStatusError: what the user may not do, then RBAC's reason if any.
function forbidden(username: string, a: RequestAttributes, reason: string): StatusError {
  let message: string;
  if (a.kind === "nonResource") {
    message = `User ${JSON.stringify(username)} cannot ${a.verb} path ${JSON.stringify(a.path)}`;
  } else {
    const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    const where = a.namespace
      ? `in the namespace ${JSON.stringify(a.namespace)}`
      : "at the cluster scope";
    message = `User ${JSON.stringify(username)} cannot ${a.verb} resource ${
      JSON.stringify(resource)
    } in API group ${JSON.stringify(a.apiGroup)} ${where}`;
  }
  if (reason) message += `: ${reason}`;
  if (a.kind === "nonResource") {
    return new StatusError(403, "Forbidden", `forbidden: ${message}`, {});
  }
  const qualified = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource;
  const subject = a.name ? `${qualified} ${JSON.stringify(a.name)}` : qualified;
  return new StatusError(403, "Forbidden", `${subject} is forbidden: ${message}`, {
    ...(a.name ? { name: a.name } : {}),
    ...(a.apiGroup ? { group: a.apiGroup } : {}),
    ...(a.resource ? { kind: a.resource } : {}),
  });
}
