// Paths with a trailing slash as kube-apiserver routes them. go-restful (v3.11+, in every
// Kubernetes since 1.29) trims trailing slashes before matching (`TrimRightSlashEnabled`), so
// `/version/`, `/api/`, `/api/v1/`, `/apis/apps/v1/` and resource paths such as
// `/api/v1/namespaces/default/pods/` are served as without them; `/apis/` and `/apis/<group>/`
// are served by the non-go-restful mux, which registers exactly one trailing slash
// (`UnlistedHandle("/apis/")`, the aggregator's group paths). Every other path keeps its slash.

// The roots of go-restful web services kube-apiserver installs (routes.Version, the legacy and
// grouped API installers); the director hands a path to go-restful at a path boundary.
const GO_RESTFUL = /^\/(?:version|api|apis\/[^/]+\/[^/]+)(?:\/|$)/;
// Non-go-restful mux paths registered with one trailing slash.
const ONE_SLASH = /^\/apis(?:\/[^/]+)?\/$/;

/**
 * The path kube-apiserver routes for a path ending in `/`, or undefined when it routes the path
 * as it is (no trailing slash, or a path whose slash matters).
 */
export function withoutTrailingSlash(path: string): string | undefined {
  if (path.length < 2 || path.charCodeAt(path.length - 1) !== 47) return undefined;
  if (ONE_SLASH.test(path)) return path.slice(0, -1);
  if (!GO_RESTFUL.test(path)) return undefined;
  return path.replace(/\/+$/, "");
}
