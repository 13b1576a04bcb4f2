// `GET /metrics` on a cluster's endpoint, as kube-apiserver serves it through promhttp to a client
// allowed `get` on the non-resource path (system:monitoring, cluster-admin): the text of
// apiserver_metrics.ts, gzipped whenever the client accepts gzip (promhttp compresses whatever
// the size, and writes no Vary), with client_golang's Process-Start-Time-Unix header; and
// `/metrics/slis`, healthcheck_slis.ts's text the same way (its HandlerOpts set no start time).

import type { Hono } from "hono";
import { gzipBytes } from "../runtime/mod.ts";
import { apiserverMetricsText, METRICS_CONTENT_TYPE } from "./apiserver_metrics.ts";
import { healthcheckSlisText } from "./healthcheck_slis.ts";
import type { KubeEnv } from "./kube_env.ts";
import { acceptsGzipCoding } from "./openapi_http.ts";
import { goGzipHeader } from "./response_compression.ts";

const UTF8 = new TextEncoder();

/**
 * Adds `/metrics` and `/metrics/slis`; `startedAtSeconds` is when the API started serving (the
 * process start).
 */
export function addMetricsRoute(app: Hono<KubeEnv>, startedAtSeconds: number): void {
  app.get("/metrics", (c) => {
    const { catalog, store, kubernetesVersion } = c.env.cluster;
    const text = apiserverMetricsText({ catalog, store, kubernetesVersion, startedAtSeconds });
    return metricsResponse(c.req.header("accept-encoding"), text, {
      "Content-Type": METRICS_CONTENT_TYPE,
      "Process-Start-Time-Unix": String(Math.floor(startedAtSeconds)),
    });
  });
  app.get("/metrics/slis", (c) =>
    metricsResponse(
      c.req.header("accept-encoding"),
      healthcheckSlisText(c.env.cluster.store, startedAtSeconds),
      { "Content-Type": METRICS_CONTENT_TYPE },
    ));
}

async function metricsResponse(
  acceptEncoding: string | undefined,
  text: string,
  headers: Record<string, string>,
): Promise<Response> {
  // promhttp negotiates with q-values (httputil.NegotiateContentEncoding), as gziphandler reads.
  if (!acceptsGzipCoding(acceptEncoding)) return new Response(text, { status: 200, headers });
  headers["Content-Encoding"] = "gzip";
  const body = goGzipHeader(await gzipBytes(UTF8.encode(text), 1));
  return new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers });
}
