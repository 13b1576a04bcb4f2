// Counts every request of the kube app by cluster, verb, resource and code, with its duration.

import type { MiddlewareHandler } from "hono";
import type { FkasMetrics } from "../metrics/mod.ts";
import type { KubeEnv } from "./kube_env.ts";

/** A middleware that records each finished request into `metrics`. */
export function recordRequests(
  metrics: FkasMetrics,
  monotonicNow: () => number = () => performance.now(),
): MiddlewareHandler<KubeEnv> {
  return async (c, next) => {
    const started = monotonicNow();
    await next();
    const info = c.get("requestInfo");
    metrics.recordKubeRequest({
      cluster: c.env.cluster.resourceName ?? "",
      // Non-resource paths (discovery, /version, probes) count as gets, as kube-apiserver does.
      verb: info?.verb === "patch" && isApply(c.req.header("content-type"))
        ? "apply"
        : info?.verb ?? "get",
      resource: info?.resource.name ?? "",
      subresource: info?.subresource,
      group: info?.resource.group ?? "",
      version: info?.resource.version ?? "",
      code: c.res.status,
      seconds: (monotonicNow() - started) / 1000,
    });
  };
}

function isApply(contentType: string | undefined): boolean {
  return (contentType ?? "").startsWith("application/apply-patch");
}
