// Impersonation headers (`kubectl --as`, `--as-group`), as k8s.io/apiserver's WithImpersonation
// filter handles them: each one authorized for the requester (verb `impersonate`), then the
// request runs as the impersonated user, whom RBAC authorizes.

import { authorize, type RbacSource, type RequestAttributes, type UserInfo } from "../auth/mod.ts";
import { forbidden } from "./forbidden_error.ts";
import type { ClientIdentity } from "./kube_env.ts";
import { StatusError } from "./status_error.ts";

const USER = "impersonate-user";
const GROUP = "impersonate-group";
const UID = "impersonate-uid";
const EXTRA = "impersonate-extra-";

/** Whether a request asks to impersonate (user, group or uid headers; cheap enough per request). */
export function asksImpersonation(headers: Headers): boolean {
  return headers.has(USER) || headers.has(GROUP) || headers.has(UID);
}

interface ImpersonationRequest {
  readonly kind: "ServiceAccount" | "User" | "Group" | "UserExtra" | "UID";
  readonly namespace?: string;
  readonly name: string;
  readonly fieldPath?: string;
}

/**
 * The identity a request impersonates, or the error kube-apiserver answers: 403 when the
 * requester may not impersonate one of them, a plain-text 500 for groups, uid or extra without
 * a user (buildImpersonationRequests).
 */
export function impersonate(
  headers: Headers,
  requester: UserInfo,
  rbac: RbacSource,
  requestUri: string,
): ClientIdentity | StatusError | Response {
  const requests = impersonationRequests(headers);
  if (!Array.isArray(requests)) return plainInternalError(requestUri, requests.error);
  let username = "";
  let groups: string[] = [];
  let uid = "";
  const extra: Record<string, string[]> = {};
  const groupsSpecified = headers.has(GROUP);
  for (const request of requests) {
    const attributes: RequestAttributes = {
      kind: "resource",
      verb: "impersonate",
      apiGroup: request.kind === "UserExtra" || request.kind === "UID"
        ? "authentication.k8s.io"
        : "",
      resource: RESOURCES[request.kind],
      subresource: request.kind === "UserExtra" ? request.fieldPath ?? "" : "",
      namespace: request.namespace ?? "",
      name: request.name,
    };
    switch (request.kind) {
      case "ServiceAccount":
        username = `system:serviceaccount:${request.namespace}:${request.name}`;
        if (!groupsSpecified) {
          groups = ["system:serviceaccounts", `system:serviceaccounts:${request.namespace}`];
        }
        break;
      case "User":
        username = request.name;
        break;
      case "Group":
        groups.push(request.name);
        break;
      case "UserExtra":
        (extra[request.fieldPath ?? ""] ??= []).push(request.name);
        break;
      case "UID":
        uid = request.name;
        break;
    }
    const decision = authorize(rbac, requester, attributes);
    if (!decision.allowed) return forbidden(requester.username, attributes, decision.reason);
  }
  if (username !== "system:anonymous") {
    if (!groups.some((g) => g === "system:authenticated" || g === "system:unauthenticated")) {
      groups.push("system:authenticated");
    }
  } else if (!groups.includes("system:unauthenticated")) {
    groups.push("system:unauthenticated");
  }
  return {
    authenticated: true,
    user: username,
    groups,
    ...(uid ? { uid } : {}),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
    authorizeByRbac: true,
  };
}

const RESOURCES: Record<ImpersonationRequest["kind"], string> = {
  ServiceAccount: "serviceaccounts",
  User: "users",
  Group: "groups",
  UserExtra: "userextras",
  UID: "uids",
};

// The headers as ObjectReferences, in kube's order: user, groups, extras, uid; an error for
// groups, extras or uid without a user.
function impersonationRequests(headers: Headers): ImpersonationRequest[] | { error: string } {
  const requests: ImpersonationRequest[] = [];
  const user = headers.get(USER) ?? "";
  if (user) {
    const account = splitServiceAccount(user);
    requests.push(account ? { kind: "ServiceAccount", ...account } : { kind: "User", name: user });
  }
  const groups = headers.get(GROUP);
  // Fetch joins repeated headers with ", "; Go keeps them apart (a group rarely holds a comma).
  if (groups !== null) {
    for (const name of groups.split(", ")) requests.push({ kind: "Group", name });
  }
  headers.forEach((value, key) => {
    if (!key.startsWith(EXTRA)) return;
    const fieldPath = unescape(key.slice(EXTRA.length));
    for (const name of value.split(", ")) requests.push({ kind: "UserExtra", name, fieldPath });
  });
  const uid = headers.get(UID) ?? "";
  if (uid) requests.push({ kind: "UID", name: uid });
  if (!user && requests.length > 0) {
    return {
      error: `requested [${requests.map(goReference).join(" ")}] without impersonating a user`,
    };
  }
  return requests;
}

// `%v` of a v1.ObjectReference: its seven string fields in order, space-separated.
function goReference(r: ImpersonationRequest): string {
  const apiVersion = r.kind === "UserExtra" || r.kind === "UID" ? "authentication.k8s.io/v1" : "";
  return `{${r.kind} ${r.namespace ?? ""} ${r.name}  ${apiVersion}  ${r.fieldPath ?? ""}}`;
}

// serviceaccount.SplitUsername: `system:serviceaccount:<namespace>:<name>`, both valid names.
function splitServiceAccount(username: string): { namespace: string; name: string } | undefined {
  const prefix = "system:serviceaccount:";
  if (!username.startsWith(prefix)) return undefined;
  const parts = username.slice(prefix.length).split(":");
  if (parts.length !== 2) return undefined;
  const [namespace, name] = parts;
  const label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
  const subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
  if (!label.test(namespace) || namespace.length > 63) return undefined;
  if (!subdomain.test(name) || name.length > 253) return undefined;
  return { namespace, name };
}

function unescape(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

// responsewriters.InternalError through Go's http.Error: plain text, the request URI quoted.
function plainInternalError(requestUri: string, error: string): Response {
  return new Response(`Internal Server Error: ${JSON.stringify(requestUri)}: ${error}\n`, {
    status: 500,
    headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" },
  });
}
