// The Kubernetes REST API of one fake cluster, as a Hono app shared by every cluster.

import { Hono } from "hono";
import type { Context } from "hono";
import { StoreError } from "../store/mod.ts";
import { addDiscoveryRoutes } from "./discovery_routes.ts";
import type { KubeEnv } from "./kube_env.ts";
import type { FkasMetrics } from "../metrics/mod.ts";
import type { Catalog } from "../resources/mod.ts";
import { jsonResponse, JsonText } from "./json_text.ts";
import { protobufResponses } from "./protobuf_response.ts";
import { recordRequests } from "./request_metrics.ts";
import { serveResource, type WatchServer } from "./resource_handler.ts";
import { StatusError } from "./status_error.ts";
import { versionInfo } from "./version_info.ts";
import { serveWatch } from "./watch_handler.ts";
import { systemClock, type WatchClock } from "../watch/mod.ts";

/** How the kube app is wired: the clock and whether unauthenticated clients are served. */
export interface KubeAppOptions {
  readonly now: () => Date;
  readonly anonymousAuth: boolean;
  /** Timers of watches (timeouts, bookmarks); the system clock by default. */
  readonly watchClock?: WatchClock;
  /** Serves watches; the default streams newline-delimited JSON events. */
  readonly watch?: WatchServer;
  /** Where requests and watches are counted for `/metrics`. */
  readonly metrics?: FkasMetrics;
  /** Randomness of injected faults (jitter, error rates). */
  readonly random?: () => number;
  /** Waits of injected latency. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** A monotonic clock in milliseconds, for request durations. */
  readonly monotonicNow?: () => number;
}

type KubeContext = Context<KubeEnv>;

// What kubeadm's system:public-info-viewer lets anyone read, authenticated or not.
const PUBLIC_PATHS = /^\/(healthz|livez|readyz|version)(\/.*)?$/;

const ROOT_PATHS = [
  "/api",
  "/api/v1",
  "/apis",
  "/apis/",
  "/healthz",
  "/livez",
  "/openapi/v2",
  "/openapi/v3",
  "/readyz",
  "/version",
];

/** Builds the REST app; the cluster and client identity arrive per request as bindings. */
export function createKubeApp(options: KubeAppOptions): Hono<KubeEnv> {
  const app = new Hono<KubeEnv>();
  const watch = options.watch ??
    serveWatch(options.now, options.watchClock ?? systemClock, options.metrics);
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const resourceContext = () => ({ now: options.now(), serveWatch: watch, random, sleep });

  app.onError((error, c) => statusResponse(c, toStatusError(error)));
  app.notFound((c) => statusResponse(c, StatusError.noSuchPath()));

  app.use(async (c, next) => {
    if (!options.anonymousAuth && !c.env.client.authenticated && !PUBLIC_PATHS.test(c.req.path)) {
      return statusResponse(c, StatusError.unauthorized());
    }
    await next();
  });

  // kube-apiserver marks every answer uncacheable; without it kubectl's disk HTTP cache can replay
  // a previous server's answer (/version, discovery) for a host:port that is now another cluster.
  app.use(async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) {
      c.res.headers.set("Cache-Control", "no-cache, private");
    }
  });
  if (options.metrics) app.use(recordRequests(options.metrics, options.monotonicNow));
  app.use(protobufResponses());

  app.get("/", (c) => jsonResponse(new JsonText(rootPathsJson(c.env.cluster.catalog))));
  app.get("/version", (c) => c.json(versionInfo(c.env.cluster.kubernetesVersion)));
  for (const probe of ["/healthz", "/livez", "/readyz"]) {
    app.get(probe, (c) => c.text("ok"));
    app.get(`${probe}/*`, (c) => c.text("ok"));
  }

  addDiscoveryRoutes(app);

  app.all(
    "/api/v1/*",
    (c) => serveResource(c, "", "v1", pathAfter(c.req.path, 2), resourceContext()),
  );
  app.all("/apis/:group/:version/*", (c) => {
    const { group, version } = c.req.param();
    return serveResource(c, group, version, pathAfter(c.req.path, 3), resourceContext());
  });
  return app;
}

// `GET /` is CAPI's health probe (every 10 s per controller per cluster): its body is built once
// per set of resources, shared by every cluster without CRDs.
const rootPaths = new WeakMap<object, string>();

function rootPathsJson(catalog: Catalog): string {
  let json = rootPaths.get(catalog.cacheKey());
  if (json === undefined) {
    const groups = catalog.groupVersions().flatMap(({ group, version }) => [
      `/apis/${group}`,
      `/apis/${group}/${version}`,
    ]);
    json = JSON.stringify({ paths: [...ROOT_PATHS, ...groups] });
    rootPaths.set(catalog.cacheKey(), json);
  }
  return json;
}

function pathAfter(path: string, leadingSegments: number): string {
  return path.split("/").slice(leadingSegments + 1).join("/");
}

function toStatusError(error: unknown): StatusError {
  if (error instanceof StatusError) return error;
  if (error instanceof StoreError) {
    return new StatusError(500, "InternalError", error.message, undefined, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StatusError(500, "InternalError", `Internal error occurred: ${message}`, undefined, {
    cause: error,
  });
}

function statusResponse(c: KubeContext, error: StatusError): Response {
  const retryAfter = error.details?.retryAfterSeconds;
  if (retryAfter !== undefined) c.header("Retry-After", String(retryAfter));
  return c.json(error.toStatus(), error.code as 400);
}
