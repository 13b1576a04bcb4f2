// `/healthz`, `/livez` and `/readyz` as kube-apiserver serves them (k8s.io/apiserver
// pkg/server/healthz/healthz.go `handleRootHealth`, `adaptCheckToHandler`): the root answers `ok`,
// or with `?verbose` each check's line and `<name> check passed`; `?exclude=<check>` (repeatable)
// marks a check excluded, and names no check has are warned about; `/<root>/<check>` answers one
// check; any other path below the root is Go's plain-text 404. Every check of a fake cluster
// passes. The checks and their order are kube-apiserver v1.36.3's (read from its verbose output).

import { pageNotFound } from "./not_found.ts";

// The post-start hooks kube-apiserver v1.36.3 registers, in the order it lists them.
const HOOKS = [
  "poststarthook/start-apiserver-admission-initializer",
  "poststarthook/generic-apiserver-start-informers",
  "poststarthook/priority-and-fairness-config-consumer",
  "poststarthook/priority-and-fairness-filter",
  "poststarthook/storage-object-count-tracker-hook",
  "poststarthook/start-apiextensions-informers",
  "poststarthook/start-apiextensions-controllers",
  "poststarthook/crd-informer-synced",
  "poststarthook/start-system-namespaces-controller",
  "poststarthook/peer-endpoint-reconciler-controller",
  "poststarthook/start-cluster-authentication-info-controller",
  "poststarthook/start-kube-apiserver-identity-lease-controller",
  "poststarthook/start-kube-apiserver-identity-lease-garbage-collector",
  "poststarthook/storage-readiness",
  "poststarthook/start-legacy-token-tracking-controller",
  "poststarthook/start-service-ip-repair-controllers",
  "poststarthook/rbac/bootstrap-roles",
  "poststarthook/scheduling/bootstrap-system-priority-classes",
  "poststarthook/priority-and-fairness-config-producer",
  "poststarthook/bootstrap-controller",
  "poststarthook/start-kubernetes-service-cidr-controller",
  "poststarthook/start-kube-aggregator-informers",
  "poststarthook/apiservice-status-local-available-controller",
  "poststarthook/apiservice-status-remote-available-controller",
  "poststarthook/apiservice-registration-controller",
  "poststarthook/apiservice-discovery-controller",
  "poststarthook/kube-apiserver-autoregistration",
  "autoregister-completion",
  "poststarthook/apiservice-openapi-controller",
  "poststarthook/apiservice-openapiv3-controller",
];

/** The checks of each health endpoint, in order. */
export const HEALTH_CHECKS: Readonly<Record<string, readonly string[]>> = {
  healthz: ["ping", "log", "loopback-serving-certificate", "etcd", ...HOOKS],
  livez: ["ping", "log", "loopback-serving-certificate", "etcd", ...HOOKS],
  readyz: ["ping", "log", "etcd", "etcd-readiness", "informer-sync", ...HOOKS, "shutdown"],
};

const checkSets = new Map(
  Object.entries(HEALTH_CHECKS).map(([root, checks]) => [root, new Set(checks)]),
);

// handleRootHealth sets both; one check's handler writes `ok` and lets Go sniff the type.
const ROOT_HEADERS = {
  "content-type": "text/plain; charset=utf-8",
  "x-content-type-options": "nosniff",
};
const CHECK_HEADERS = { "content-type": "text/plain; charset=utf-8" };

/**
 * The answer of a health path: `root` is `healthz`, `livez` or `readyz`, `rest` what follows it
 * (`""` for the root itself, `/etcd` for one check), `query` the request's query.
 */
export function healthAnswer(root: string, rest: string, query: URLSearchParams): Response {
  const checks = HEALTH_CHECKS[root];
  if (rest !== "") {
    return checks && checkSets.get(root)!.has(rest.slice(1))
      ? new Response("ok", { headers: CHECK_HEADERS })
      : pageNotFound();
  }
  if (!query.has("verbose")) return new Response("ok", { headers: ROOT_HEADERS });
  const excluded = new Set(query.getAll("exclude"));
  const lines: string[] = [];
  for (const check of checks) {
    lines.push(excluded.delete(check) ? `[+]${check} excluded: ok` : `[+]${check} ok`);
  }
  if (excluded.size > 0) {
    // sets.String.List() is sorted; formatQuoted joins %q-quoted names with commas.
    const names = [...excluded].sort().map((name) => JSON.stringify(name)).join(",");
    lines.push(`warn: some health checks cannot be excluded: no matches for ${names}`);
  }
  lines.push(`${root} check passed`, "");
  return new Response(lines.join("\n"), { headers: ROOT_HEADERS });
}
