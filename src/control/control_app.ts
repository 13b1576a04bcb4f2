// The control API (Metal3 FKAS compatible): register clusters, report nodes, fetch credentials.

import { Hono } from "hono";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ClusterError } from "../cluster/mod.ts";
import { DEFAULTS } from "../config/mod.ts";
import { type ClusterHost, HostError } from "../hosts/mod.ts";
import { type FkasMetrics, mergeExpositions } from "../metrics/mod.ts";
import { addClusterRoutes } from "./cluster_routes.ts";
import { addEtcdRoutes } from "./etcd_routes.ts";
import { addFaultRoutes } from "./fault_routes.ts";
import { ControlError } from "./control_error.ts";
import type { ControlChangeListener } from "./control_change.ts";
import { decodeRegisterBody, decodeUpdateNodeBody } from "./request_bodies.ts";

/** How the control API is wired. */
export interface ControlAppOptions {
  /** Where the clusters live (in this thread, in worker threads, or behind peers). */
  readonly host: ClusterHost;
  /** When set, every route but the health probes needs `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Called after each request with what a log line needs. */
  readonly onRequest?: (
    entry: { method: string; path: string; status: number; ms: number },
  ) => void;
  readonly now?: () => number;
  /** The wall clock for timestamps the control API writes (node conditions). */
  readonly clock?: () => Date;
  /** Served at `/metrics`, and where control requests are counted. */
  readonly metrics?: FkasMetrics;
  /** With worker threads: each worker's own exposition, merged into `/metrics`. */
  readonly workerMetrics?: () => Promise<string[]>;
  /** Hears each change a control client made (node deleted, fault added or removed) for the log. */
  readonly onChange?: ControlChangeListener;
  /** How many fault rules one cluster may hold. @default DEFAULTS.maxFaultRules */
  readonly maxFaultRules?: number;
}

const MAX_BODY_BYTES = 1 << 20;
// Families whose value is the process's, not a sum over threads.
const PROCESS_WIDE = new Set(["fkas_uptime_seconds"]);
const CLUSTER_ERROR_STATUS = {
  NotRegistered: 404,
  NotFound: 404,
  Conflict: 409,
  PortsExhausted: 503,
  ListenFailed: 500,
  CaPending: 503,
  Unsupported: 400,
  LimitReached: 409,
} as const;
const HOST_ERROR_STATUS = { NotFound: 404, Invalid: 400, Conflict: 409, Unavailable: 503 } as const;

/** Builds the control API app. */
export function createControlApp(options: ControlAppOptions): Hono {
  const { host } = options;
  const app = new Hono();
  const clock = options.now ?? (() => performance.now());

  app.onError((error, c) => errorResponse(c, toControlError(error)));
  app.notFound((c) =>
    errorResponse(c, new ControlError(404, `no route for ${c.req.method} ${c.req.path}`))
  );

  app.use(async (c, next) => {
    const started = clock();
    await next();
    options.onRequest?.({
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: clock() - started,
    });
  });
  if (options.metrics) {
    const metrics = options.metrics;
    app.use(async (c, next) => {
      await next();
      metrics.recordControlRequest(c.req.routePath, c.res.status);
    });
    const workerMetrics = options.workerMetrics;
    app.get("/metrics", async (c) => {
      const text = workerMetrics
        ? mergeExpositions([metrics.render(), ...await workerMetrics()], PROCESS_WIDE)
        : metrics.render();
      return c.body(text, 200, { "Content-Type": metrics.contentType });
    });
  }
  app.get("/healthz", (c) => c.text("ok"));
  app.get("/readyz", (c) => c.text("ok"));
  if (options.token) app.use(requireToken(options.token));
  app.use(bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ControlError(413, `the request body is larger than ${MAX_BODY_BYTES} bytes`);
    },
  }));

  app.post("/register", async (c) => {
    const cluster = await host.register(decodeRegisterBody(await c.req.text()));
    return c.json({ ResourceName: cluster.resourceName, Host: cluster.host, Port: cluster.port });
  });
  app.put("/updateNode", async (c) => {
    await host.reportNode(decodeUpdateNodeBody(await c.req.text()));
    return c.body(null, 200);
  });
  for (const [path, method] of [["/register", "POST"], ["/updateNode", "PUT"]] as const) {
    app.all(path, (c) => {
      c.header("Allow", method);
      return errorResponse(c, new ControlError(405, `Method not allowed: use ${method} ${path}`));
    });
  }

  addClusterRoutes(app, host, {
    now: options.clock ?? (() => new Date()),
    monotonicNow: clock,
    onChange: options.onChange,
    afterClusterDelete: (cluster) => options.metrics?.forgetCluster(cluster.resourceName),
  });
  addFaultRoutes(app, host, options.maxFaultRules ?? DEFAULTS.maxFaultRules, options.onChange);
  addEtcdRoutes(app, host);
  app.fetch = directRegistration(options, clock, app.fetch);
  return app;
}

type Fetch = Hono["fetch"];

/**
 * `POST /register` and `PUT /updateNode`, a cluster's whole making, skip Hono's router, context
 * and middleware chain (a quarter of the main thread's CPU while clusters are made): the same
 * decoding, host calls, answers, request log entry and metric as the routes above. Anything
 * else, and these routes whenever a middleware would answer instead (a wrong token, a body over
 * the limit or without a length), goes through the app.
 */
function directRegistration(options: ControlAppOptions, clock: () => number, app: Fetch): Fetch {
  const { host, onRequest, metrics } = options;
  const expected = options.token && `Bearer ${options.token}`;
  const handle = async (route: string, request: Request): Promise<Response> => {
    try {
      const text = await request.text();
      if (route === "/register") {
        const cluster = await host.register(decodeRegisterBody(text));
        return jsonResponse(
          { ResourceName: cluster.resourceName, Host: cluster.host, Port: cluster.port },
          200,
        );
      }
      await host.reportNode(decodeUpdateNodeBody(text));
      return new Response(null, { status: 200 });
    } catch (error) {
      const controlError = toControlError(error);
      return jsonResponse(controlError.toBody(), controlError.status);
    }
  };
  return (request, ...rest) => {
    const route = directRoute(request);
    if (
      route === undefined ||
      (expected && !constantTimeEqual(request.headers.get("authorization") ?? "", expected)) ||
      !withinBodyLimit(request.headers)
    ) {
      return app(request, ...rest);
    }
    const started = clock();
    return handle(route, request).then((response) => {
      onRequest?.({
        method: request.method,
        path: route,
        status: response.status,
        ms: clock() - started,
      });
      metrics?.recordControlRequest(route, response.status);
      return response;
    });
  };
}

// The route a request names exactly (Hono's path: the URL's up to `?` or `#`), if direct.
function directRoute(request: Request): "/register" | "/updateNode" | undefined {
  const method = request.method;
  if (method !== "POST" && method !== "PUT") return undefined;
  const url = request.url;
  const start = url.indexOf("/", url.indexOf(":") + 4);
  let end = start;
  while (end < url.length && url.charCodeAt(end) !== 63 && url.charCodeAt(end) !== 35) end++;
  const path = url.slice(start, end);
  if (method === "POST" && path === "/register") return path;
  if (method === "PUT" && path === "/updateNode") return path;
  return undefined;
}

// What `bodyLimit` lets through untouched: a declared length within the limit.
function withinBodyLimit(headers: Headers): boolean {
  const length = headers.get("content-length");
  if (length === null || headers.has("transfer-encoding")) return false;
  return parseInt(length, 10) <= MAX_BODY_BYTES;
}

// What Hono's `c.json` answers.
function jsonResponse(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

/** Middleware answering 401 unless `Authorization: Bearer <token>` (the dashboard's data uses it too). */
export function requireToken(token: string) {
  const expected = `Bearer ${token}`;
  return async (c: Context, next: () => Promise<void>) => {
    if (!constantTimeEqual(c.req.header("authorization") ?? "", expected)) {
      c.header("WWW-Authenticate", 'Bearer realm="fkas"');
      return errorResponse(c, new ControlError(401, "a valid bearer token is required"));
    }
    await next();
  };
}

function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return difference === 0;
}

function toControlError(error: unknown): ControlError {
  if (error instanceof ControlError) return error;
  if (error instanceof ClusterError) {
    return new ControlError(CLUSTER_ERROR_STATUS[error.kind], error.message, undefined, {
      cause: error,
    });
  }
  if (error instanceof HostError) {
    return new ControlError(HOST_ERROR_STATUS[error.kind], error.message, error.field, {
      cause: error,
    });
  }
  if (error instanceof Error && error.name === "PkiError") {
    return new ControlError(400, error.message, undefined, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ControlError(500, `internal error: ${message}`, undefined, { cause: error });
}

function errorResponse(c: Context, error: ControlError): Response {
  return c.json(error.toBody(), error.status);
}
