// Counts every request of the kube app by cluster, verb, resource and code, with its duration.

import type { MiddlewareHandler } from "hono";
import type { FkasMetrics } from "../metrics/mod.ts";
import type { KubeEnv, RequestInfo, ServedCluster } from "./kube_env.ts";
import { statusMessageOf } from "./status_response.ts";

/**
 * Records one finished request. Without `info` (non-resource paths: discovery, /version, probes)
 * it counts as a get, as kube-apiserver does; a patch in apply form counts as an apply.
 */
export function recordKubeRequest(
  metrics: FkasMetrics,
  cluster: ServedCluster,
  request: Request,
  info: RequestInfo | undefined,
  response: Response,
  seconds: number,
): void {
  const code = response.status;
  metrics.recordKubeRequest({
    cluster: cluster.resourceName ?? "",
    verb: info?.verb === "patch" && isApply(request.headers.get("content-type"))
      ? "apply"
      : info?.verb ?? "get",
    resource: info?.resource.name ?? "",
    subresource: info?.subresource,
    group: info?.resource.group ?? "",
    version: info?.resource.version ?? "",
    code,
    seconds,
    error: code >= 400 ? statusMessageOf(response) : undefined,
  });
}

/** A middleware that records each finished non-resource request into `metrics`. */
export function recordRequests(
  metrics: FkasMetrics,
  monotonicNow: () => number,
): MiddlewareHandler<KubeEnv> {
  return async (c, next) => {
    const started = monotonicNow();
    await next();
    const seconds = (monotonicNow() - started) / 1000;
    recordKubeRequest(metrics, c.env.cluster, c.req.raw, undefined, c.res, seconds);
  };
}

function isApply(contentType: string | null): boolean {
  return (contentType ?? "").startsWith("application/apply-patch");
}
