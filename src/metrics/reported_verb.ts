// The upper-case verb kube-apiserver's request metrics report for a Kubernetes verb.

// staging/src/k8s.io/apiserver/pkg/endpoints/metrics/metrics.go reports the HTTP method, with GET
// split into GET/LIST by scope, WATCH for watches, APPLY for server-side apply and CONNECT for the
// connect subresources; anything else becomes "other".
const BY_KUBE_VERB: ReadonlyMap<string, string> = new Map([
  ["get", "GET"],
  ["list", "LIST"],
  ["watch", "WATCH"],
  ["create", "POST"],
  ["update", "PUT"],
  ["patch", "PATCH"],
  ["apply", "APPLY"],
  ["delete", "DELETE"],
  ["deletecollection", "DELETE"],
]);

// metrics.go's validRequestMethods: already-reported verbs pass through unchanged.
const VALID = new Set([
  "APPLY",
  "CONNECT",
  "CREATE",
  "DELETE",
  "DELETECOLLECTION",
  "GET",
  "LIST",
  "PATCH",
  "POST",
  "PROXY",
  "PUT",
  "UPDATE",
  "WATCH",
  "WATCHLIST",
]);

// metrics.go's validConnectRequests.
const CONNECT_SUBRESOURCES = new Set(["log", "exec", "portforward", "attach", "proxy"]);

/** Maps a kube verb (`list`, `deletecollection`, or `apply` for a server-side-apply patch) to the
 * metric verb (`LIST`, `DELETE`, `APPLY`), as kube-apiserver labels `apiserver_request_total`. */
export function reportedVerb(verb: string, subresource = ""): string {
  if (subresource && CONNECT_SUBRESOURCES.has(subresource)) return "CONNECT";
  const mapped = BY_KUBE_VERB.get(verb);
  if (mapped) return mapped;
  if (verb === "WATCHLIST") return "WATCH";
  return VALID.has(verb) ? verb : "other";
}
