// What a request asks to do, for authorization: kube-apiserver's RequestInfoFactory
// (k8s.io/apiserver pkg/endpoints/request/requestinfo.go `NewRequestInfo`) as data.

import type { RequestAttributes } from "./policy_rule.ts";

const METHOD_VERBS: Readonly<Record<string, string>> = {
  POST: "create",
  GET: "get",
  HEAD: "get",
  PUT: "update",
  PATCH: "patch",
  DELETE: "delete",
};
const SPECIAL_VERBS = new Set(["proxy", "watch"]);
const NAMESPACE_SUBRESOURCES = new Set(["status", "finalize"]);

/**
 * The attributes of a request from its method, decoded path and query: resource requests under
 * `/api/<v>/...` and `/apis/<g>/<v>/...`, every other path a non-resource request whose verb is
 * the lower-cased method.
 */
export function requestAttributes(
  method: string,
  path: string,
  query: URLSearchParams,
): RequestAttributes {
  const nonResource: RequestAttributes = { kind: "nonResource", verb: method.toLowerCase(), path };
  let parts = path.replace(/^\/+|\/+$/g, "").split("/");
  if (parts.length < 3 || (parts[0] !== "api" && parts[0] !== "apis")) return nonResource;
  let apiGroup = "";
  if (parts[0] === "apis") {
    if (parts.length < 4) return nonResource;
    apiGroup = parts[1];
    parts = parts.slice(3);
  } else {
    parts = parts.slice(2);
  }
  let verb = METHOD_VERBS[method] ?? "";
  if (SPECIAL_VERBS.has(parts[0])) {
    // `/watch` alone names no kind: kube-apiserver refuses it before authorizing.
    if (parts.length < 2) return { ...nonResource, verb: "" };
    verb = parts[0];
    parts = parts.slice(1);
  }
  let namespace = "";
  if (parts[0] === "namespaces" && parts.length > 1) {
    namespace = parts[1];
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2])) parts = parts.slice(2);
  }
  const subresource = parts.length >= 3 && verb !== "proxy" ? parts[2] : "";
  let name = parts.length >= 2 ? parts[1] : "";
  const resource = parts[0] ?? "";
  if (!name && verb === "get") {
    verb = isTrue(query.get("watch")) ? "watch" : "list";
    name = exactName(query.get("fieldSelector")) ?? "";
  }
  if (!name && verb === "delete") verb = "deletecollection";
  return { kind: "resource", verb, apiGroup, resource, subresource, namespace, name };
}

// apimachinery's query conversion: any value but "0" and "false" (any case) is true.
function isTrue(value: string | null): boolean {
  return value !== null && value !== "0" && value.toLowerCase() !== "false";
}

// `metadata.name=x` (or `==x`) alone in a field selector names the object being listed.
function exactName(selector: string | null): string | undefined {
  if (!selector) return undefined;
  const match = /^metadata\.name(?:==|=)([^,=!]+)$/.exec(selector.trim());
  const name = match?.[1];
  return name && name !== "." && name !== ".." && !/[/%]/.test(name) ? name : undefined;
}
