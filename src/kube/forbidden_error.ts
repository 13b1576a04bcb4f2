// The 403 of a request the authorizer did not allow, worded as k8s.io/apiserver's
// responsewriters.ForbiddenStatusError and errors.NewForbidden.

import type { RequestAttributes } from "../auth/mod.ts";
import { StatusError } from "./status_error.ts";

/** `<resource> "<name>" is forbidden: User "<user>" cannot <verb> ...[: reason]`. */
export function forbidden(username: string, a: RequestAttributes, reason: string): StatusError {
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
  if (a.kind === "nonResource" || !a.resource) {
    return new StatusError(403, "Forbidden", `forbidden: ${message}`, {});
  }
  const qualified = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource;
  const subject = a.name ? `${qualified} ${JSON.stringify(a.name)}` : qualified;
  return new StatusError(403, "Forbidden", `${subject} is forbidden: ${message}`, {
    ...(a.name ? { name: a.name } : {}),
    ...(a.apiGroup ? { group: a.apiGroup } : {}),
    kind: a.resource,
  });
}
