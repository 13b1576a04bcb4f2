// The Kubernetes REST API of one fake cluster, as a Hono app shared by every cluster.

import { type Context, Hono } from "hono";
import { HEALTH_CHECKS, healthAnswer } from "./health_checks.ts";
import { observeHealthchecks } from "./healthcheck_slis.ts";
import { prettyResponse, wantsPretty } from "./pretty_json.ts";
import { compressAnswer, negotiatesGzip } from "./response_compression.ts";
import { addDiscoveryRoutes } from "./discovery_routes.ts";
import { addOidcRoutes } from "./oidc_routes.ts";
import { addMetricsRoute } from "./metrics_route.ts";
import type { KubeEnv } from "./kube_env.ts";
import type { FkasMetrics } from "../metrics/mod.ts";
import type { Catalog } from "../resources/mod.ts";
import { UNCACHEABLE } from "./json_text.ts";
import { protobufResponses } from "./protobuf_response.ts";
import { needsIdentity, resolveIdentity } from "./request_identity.ts";
import { recordRequests } from "./request_metrics.ts";
import type { WatchServer } from "./resource_handler.ts";
import { DEFAULT_MAX_REQUEST_BYTES } from "./request_body.ts";
import { serveResourceRequests } from "./resource_requests.ts";
import {
  badRequestLine,
  hasDotSegment,
  hasMalformedEscape,
  pathOfTarget,
  pathOfUrl,
} from "./request_target.ts";
import { StatusError } from "./status_error.ts";
import { CollectedHeaders, setAuditId, setFlowHeaders } from "./answer_headers.ts";
import { noSuchPathResponse } from "./not_found.ts";
import { asksImpersonation } from "./impersonation.ts";
import { withoutTrailingSlash } from "./trailing_slash.ts";
import { headRefused, refusesHead } from "./head_requests.ts";
import { statusResponse, toStatusError } from "./status_response.ts";
import { versionInfo } from "./version_info.ts";
import { serveWatch } from "./watch_handler.ts";
import { type WatchLimits, WatchSlots } from "./watch_slots.ts";
import type { DurabilityGate } from "./watch_response.ts";
import { systemClock, type WatchClock } from "../watch/mod.ts";

/** How the kube app is wired: the clock and whether unauthenticated clients are served. */
export interface KubeAppOptions {
  readonly now: () => Date;
  readonly anonymousAuth: boolean;
  /**
   * Whether a client without a certificate may authenticate with a service account token the
   * cluster issued (always tried where anonymous requests are served, as kube-apiserver's union
   * authenticator tries tokens before the anonymous one); off by default: certificates stay
   * required.
   */
  readonly serviceAccountTokenAuth?: boolean;
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
  /** The largest request body read, as kube-apiserver's `--max-request-bytes` (3 MiB). */
  readonly maxRequestBytes?: number;
  /** With a data dir: watch events wait for it, so none shows a change a crash could lose. */
  readonly durable?: DurabilityGate;
  /** The `Audit-Id` of a request that sent none; a random UUID (as Go's uuid.New) by default. */
  readonly newAuditId?: () => string;
  /** Watches open at once, per cluster and for all of this app's clusters; unbounded if unset. */
  readonly watchLimits?: WatchLimits;
}

// What kubeadm's system:public-info-viewer lets anyone read, authenticated or not.
const PUBLIC_PATHS = /^\/(healthz|livez|readyz|version)(\/.*)?$/;

// What kube-apiserver v1.36.3 lists at `/` besides the API groups (its muxes' listed paths), for
// the paths fkas serves: all but `/flagz` and `/statusz` (the ComponentFlagz and ComponentStatusz
// pages), which fkas does not serve.
const ROOT_PATHS = [
  "/.well-known/openid-configuration",
  "/api",
  "/api/v1",
  "/apis",
  "/apis/",
  "/metrics",
  "/metrics/slis",
  "/openapi/v2",
  "/openapi/v3",
  "/openapi/v3/",
  "/openid/v1/jwks",
  "/version",
  // healthz.InstallPathHandler lists the root and each check's own path.
  ...Object.entries(HEALTH_CHECKS).flatMap(([root, checks]) => [
    `/${root}`,
    ...checks.map((check) => `/${root}/${check}`),
  ]),
];

/**
 * Builds the REST app; the cluster and client identity arrive per request as bindings. Resource
 * paths, the hot ones, skip Hono's router and middleware (`serveResourceRequests`); Hono serves
 * discovery, OpenAPI, /version and the probes.
 */
export function createKubeApp(options: KubeAppOptions): Hono<KubeEnv> {
  const app = new Hono<KubeEnv>();
  const watch = options.watch ??
    serveWatch(
      options.now,
      options.watchClock ?? systemClock,
      options.metrics,
      options.durable,
      options.watchLimits && new WatchSlots(options.watchLimits),
    );
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const monotonicNow = options.monotonicNow ?? (() => performance.now());
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;

  const newAuditId = options.newAuditId ?? (() => crypto.randomUUID());

  app.onError((error, c) =>
    StatusError.isNoSuchPath(error)
      ? noSuchPathResponse(c.req.path, c.env.cluster.catalog)
      : statusResponse(toStatusError(error))
  );
  app.notFound((c) => noSuchPathResponse(c.req.path, c.env.cluster.catalog));

  app.use(async (c, next) => {
    if (!options.anonymousAuth && !c.env.client.authenticated && !PUBLIC_PATHS.test(c.req.path)) {
      return statusResponse(StatusError.unauthorized());
    }
    await next();
  });

  app.use(async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) {
      c.res.headers.set("Cache-Control", UNCACHEABLE["cache-control"]);
    }
  });
  if (options.metrics) app.use(recordRequests(options.metrics, monotonicNow));
  app.use(protobufResponses());

  // routes.Index answers `/` and `/index.html` alike, with WriteRawJSON (no newline at the end).
  const index = (c: Context<KubeEnv>) =>
    c.body(rootPathsJson(c.env.cluster.catalog), 200, { "content-type": "application/json" });
  app.get("/", index);
  app.get("/index.html", index);
  // routes.Version writes json.MarshalIndent's text (WriteRawJSON): indented, no newline.
  app.get(
    "/version",
    (c) =>
      c.body(JSON.stringify(versionInfo(c.env.cluster.kubernetesVersion), null, 2), 200, {
        "content-type": "application/json",
      }),
  );
  for (const root of ["healthz", "livez", "readyz"]) {
    const serveHealth = (c: Context<KubeEnv>) => {
      const rest = c.req.path.slice(root.length + 1);
      const query = new URL(c.req.url).searchParams;
      // The root runs its checks (each counted for /metrics/slis); one check's path does not.
      if (rest === "") {
        const excluded = new Set(query.getAll("exclude"));
        observeHealthchecks(c.env.cluster.store, root, HEALTH_CHECKS[root], excluded);
      }
      return healthAnswer(root, rest, query);
    };
    app.get(`/${root}`, serveHealth);
    app.get(`/${root}/*`, serveHealth);
  }

  addDiscoveryRoutes(app, options.now);
  addMetricsRoute(app, options.now().getTime() / 1000);
  addOidcRoutes(app);

  const resources = serveResourceRequests({
    anonymousAuth: options.anonymousAuth,
    metrics: options.metrics,
    monotonicNow,
    context: () => ({ now: options.now(), serveWatch: watch, random, sleep, maxRequestBytes }),
  });
  const routed = app.fetch;
  const acceptsTokens = options.anonymousAuth || options.serviceAccountTokenAuth === true;
  const serve = (
    request: Request,
    bindings: KubeEnv["Bindings"],
    executionContext: Parameters<typeof routed>[2],
  ) => {
    const url = request.url;
    // Go's net/http refuses the request line before kube-apiserver sees it.
    if (url.includes("%") && hasMalformedEscape(pathOfUrl(url))) return badRequestLine();
    // go-restful's routes have no HEAD (a listener hands a HEAD over as a GET, marked `head`).
    if ((bindings.head === true || request.method === "HEAD") && refusesHead(url, bindings)) {
      const refused = statusResponse(headRefused(), UNCACHEABLE);
      // A listener's HEAD keeps the body for Go's Content-Length; a HEAD itself carries none.
      return request.method === "HEAD" ? new Response(null, refused) : refused;
    }
    const target = bindings.target;
    if (target !== undefined) {
      const raw = target.startsWith("/") ? pathOfTarget(target) : pathOfUrl(target);
      // kube-apiserver routes the path as sent: `..` is a namespace or name that never exists,
      // never a step up (`/api/v1/namespaces/../configmaps` is not every ConfigMap).
      if (hasDotSegment(raw)) {
        return resources(request, bindings, raw) ??
          noSuchPathResponse(raw, bindings.cluster.catalog);
      }
    }
    // `/api/v1/` and friends: rare, so the rewrite costs nothing on the hot path.
    const trimmed = url.endsWith("/") || url.includes("/?")
      ? withoutTrailingSlash(pathOfUrl(url))
      : undefined;
    if (trimmed !== undefined) {
      const resource = resources(request, bindings, trimmed);
      if (resource) return resource;
      // Discovery, /version and the probes only answer GET (and HEAD): other methods keep their
      // path, and their body is never re-wrapped.
      if (request.method === "GET" || request.method === "HEAD") {
        return routed(withPath(request, trimmed), bindings, executionContext);
      }
    }
    return resources(request, bindings) ?? routed(request, bindings, executionContext);
  };
  const handle = (
    request: Request,
    bindings: KubeEnv["Bindings"],
    executionContext: Parameters<typeof routed>[2],
  ) => {
    const sink = bindings.responseHeaders!;
    setAuditId(sink, request, newAuditId);
    const path = bindings.target === undefined
      ? pathOfUrl(request.url)
      : bindings.target.startsWith("/")
      ? pathOfTarget(bindings.target)
      : pathOfUrl(bindings.target);
    // A verified certificate client that impersonates no one is served as it is (the hot path);
    // a bearer token (tried only without a certificate, as x509 comes first in kube-apiserver's
    // union authenticator) or impersonation headers resolve the identity first.
    if (!needsIdentity(request, bindings.client, acceptsTokens)) {
      // Authentication refuses it before priority and fairness classify it.
      if (bindings.client.authenticated || options.anonymousAuth || PUBLIC_PATHS.test(path)) {
        setFlowHeaders(sink, bindings.cluster, bindings.client, request, path);
      }
      return serve(request, bindings, executionContext);
    }
    const identity = { now: options.now(), anonymousAuth: options.anonymousAuth, acceptsTokens };
    return resolveIdentity(request, bindings, identity).then((answer) => {
      if (answer instanceof Response) return answer;
      // APF classifies who authenticated (impersonation and authorization come after it).
      const authenticated = answer instanceof StatusError || asksImpersonation(request.headers)
        ? bindings.client
        : answer.client;
      if (!(answer instanceof StatusError && answer.code === 401)) {
        setFlowHeaders(sink, bindings.cluster, authenticated, request, path);
      }
      if (!(answer instanceof StatusError)) return serve(request, answer, executionContext);
      // responsewriters.Forbidden of the authorization and impersonation filters: nosniff.
      if (answer.code === 403) sink.setHeader("x-content-type-options", "nosniff");
      return statusResponse(answer);
    });
  };
  // `app.request()` calls `app.fetch`, so tests take the same path as clients; without an
  // outgoing message to take the answer's headers, they are added to the Response.
  app.fetch = (request, env, executionContext) => {
    const bindings = env as KubeEnv["Bindings"];
    let answer: Response | Promise<Response>;
    if (bindings.responseHeaders !== undefined) {
      answer = handle(request, bindings, executionContext);
    } else {
      const collected = new CollectedHeaders();
      answer = handle(request, { ...bindings, responseHeaders: collected }, executionContext);
      answer = answer instanceof Promise
        ? answer.then((response) => collected.applyTo(response))
        : collected.applyTo(answer);
    }
    // A watch streams one compact event per line whatever the agent; kube-openapi writes its
    // documents' bytes as they are (their ?hash= names those bytes), and compresses them itself.
    if (wantsPretty(request) && !isWatch(request.url) && !OPENAPI_URL.test(request.url)) {
      answer = Promise.resolve(answer).then(prettyResponse);
    }
    // Go clients ask for gzip on every request; only answers over 128 KiB are compressed, so
    // which answers may be is asked of those alone.
    if (!negotiatesGzip(request.headers.get("accept-encoding"))) return answer;
    const compress = (response: Response) => compressAnswer(response, mayCompress, request.url);
    return answer instanceof Promise ? answer.then(compress) : compress(answer);
  };
  return app;
}

const OPENAPI_URL = /^[a-z]+:\/\/[^/]*\/openapi\//;

// SerializeObject's answers: not a watch's stream, nor an OpenAPI document (its own handler).
function mayCompress(url: string): boolean {
  return !isWatch(url) && !OPENAPI_URL.test(url);
}

// `?watch=<true>` (any value but 0 and false, as the query conversion reads it) or `/watch/`.
function isWatch(url: string): boolean {
  if (url.includes("/watch/")) return true;
  const match = /[?&]watch=([^&]*)/.exec(url);
  return match !== null && match[1] !== "0" && match[1].toLowerCase() !== "false";
}

// The request with another path, query and everything else kept.
function withPath(request: Request, path: string): Request {
  const url = new URL(request.url);
  url.pathname = path;
  return new Request(url, request);
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
    // ListedPathProviders.ListedPaths: a sorted set; WriteRawJSON: json.MarshalIndent's text.
    const paths = [...new Set([...ROOT_PATHS, ...groups])].sort();
    json = JSON.stringify({ paths }, null, 2);
    rootPaths.set(catalog.cacheKey(), json);
  }
  return json;
}
