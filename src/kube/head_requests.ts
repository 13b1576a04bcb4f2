// Which paths kube-apiserver refuses HEAD on: every route of its go-restful web services.
//
// go-restful registers GET (never HEAD) for the legacy and group-version discovery documents,
// /version, the service-account issuer documents and every built-in resource path, so a HEAD
// there finds its path but no method: 405 MethodNotAllowed, whose Go HEAD answer tells the
// length of the Status it wrote. The paths served by plain handlers (/apis, /apis/<group>,
// the health checks, /openapi) and by apiextensions (custom resources, their group-version
// documents) answer HEAD as GET; a path no route matches stays a 404. The proxy subresources
// take every method. Checked against kube-apiserver v1.36.3 with scripts/oracle.

import type { Catalog } from "../resources/mod.ts";
import type { KubeBindings } from "./kube_env.ts";
import { parseResourcePath } from "./resource_path.ts";
import { decodePath, pathOfTarget, pathOfUrl } from "./request_target.ts";
import { StatusError } from "./status_error.ts";

// Their trailing-slash spellings too: go-restful matches the path without it.
const FIXED = new Set([
  "/api",
  "/api/v1",
  "/version",
  "/.well-known/openid-configuration",
  "/openid/v1/jwks",
]);
const GROUPED = /^\/apis\/([^/]+)\/([^/]+)(?:\/(.*))?$/;
// kubelet-bound streams the pod path has besides its catalog subresources.
const POD_STREAMS = new Set(["log", "exec", "attach", "portforward"]);

/** Whether kube-apiserver answers a HEAD of this request (its target as sent) with a 405. */
export function refusesHead(url: string, bindings: Pick<KubeBindings, "target" | "cluster">) {
  const target = bindings.target;
  const path = target === undefined
    ? pathOfUrl(url)
    : target.startsWith("/")
    ? pathOfTarget(target)
    : pathOfUrl(target);
  return refusesHeadOn(path, bindings.cluster.catalog);
}

/** The 405 go-restful answers for a method its route lacks (no details for a built-in). */
export function headRefused(): StatusError {
  return new StatusError(
    405,
    "MethodNotAllowed",
    "the server does not allow this method on the requested resource",
    {},
  );
}

/** Whether kube-apiserver answers a HEAD of this raw path (no query) with 405 MethodNotAllowed. */
export function refusesHeadOn(path: string, catalog: Catalog): boolean {
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  if (FIXED.has(trimmed)) return true;
  if (trimmed.startsWith("/api/v1/")) return refusesOnResource(catalog, "", "v1", trimmed.slice(8));
  const grouped = GROUPED.exec(trimmed);
  if (!grouped) return false;
  const [, group, version, rest] = grouped;
  const builtin = catalog.inGroupVersion(group, version).some((resource) => !resource.custom);
  if (!builtin) return false;
  return rest === undefined || refusesOnResource(catalog, group, version, rest);
}

function refusesOnResource(catalog: Catalog, group: string, version: string, rest: string) {
  let segments = decodePath(rest).split("/");
  if (segments[0] === "watch") segments = segments.slice(1);
  const [first, , third, , fifth] = segments;
  if (group === "" && first === "namespaces" && third === "pods" && POD_STREAMS.has(fifth)) {
    return segments.length === 5 && segments[3] !== "";
  }
  try {
    const { resource, subresource } = parseResourcePath(catalog, group, version, segments);
    return !resource.custom && subresource !== "proxy";
  } catch {
    // No route: the GET answer (a 404) is the HEAD answer.
    return false;
  }
}
