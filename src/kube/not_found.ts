// The two 404s of kube-apiserver: a path under one of its go-restful web services (`/api...`,
// `/apis`, `/apis/<built-in group>...`, `/version...`) answers a JSON `Status`; every other path
// falls through its handler chain (aggregator, kube-apiserver, apiextensions) to Go's
// `http.NotFound` (k8s.io/apiserver pkg/util/notfoundhandler), plain text. Custom resource groups
// belong to apiextensions' handler, whose unknown resources and versions fall through likewise.

import type { Catalog } from "../resources/mod.ts";
import { StatusError } from "./status_error.ts";
import { statusResponse } from "./status_response.ts";

// What Go's http.Error writes: its own content type and nosniff, the text and a newline.
const PAGE_NOT_FOUND_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/plain; charset=utf-8",
  "x-content-type-options": "nosniff",
};

/** `404 page not found`, as Go's `http.NotFound` answers. */
export function pageNotFound(headers: Readonly<Record<string, string>> = {}): Response {
  return new Response("404 page not found\n", {
    status: 404,
    headers: { ...headers, ...PAGE_NOT_FOUND_HEADERS },
  });
}

/** The 404 of a path that names nothing served, in the form kube-apiserver gives at that path. */
export function noSuchPathResponse(
  path: string,
  catalog: Catalog,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return underGoRestful(path, catalog)
    ? statusResponse(StatusError.noSuchPath(), headers)
    : pageNotFound(headers);
}

/** Whether `path` lies under one of kube-apiserver's go-restful web services. */
export function underGoRestful(path: string, catalog: Catalog): boolean {
  if (path === "/apis" || path === "/apis/") return true;
  if (path.startsWith("/apis/")) {
    const end = path.indexOf("/", 6);
    return builtinGroups(catalog).has(path.slice(6, end === -1 ? undefined : end));
  }
  return under(path, "/api") || under(path, "/version");
}

/** Whether a resource path of `group` is kube-apiserver's own (not apiextensions'). */
export function isBuiltinGroup(group: string, catalog: Catalog): boolean {
  return group === "" || builtinGroups(catalog).has(group);
}

function under(path: string, root: string): boolean {
  return path.startsWith(root) && (path.length === root.length || path[root.length] === "/");
}

const groupsByCatalog = new WeakMap<object, ReadonlySet<string>>();

// The groups with a web service: those with a built-in resource in this cluster's release.
function builtinGroups(catalog: Catalog): ReadonlySet<string> {
  const key = catalog.cacheKey();
  let groups = groupsByCatalog.get(key);
  if (groups === undefined) {
    groups = new Set(catalog.all().filter((r) => !r.custom && r.group).map((r) => r.group));
    groupsByCatalog.set(key, groups);
  }
  return groups;
}
