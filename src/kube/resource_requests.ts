// The hot path of every cluster: requests on resource paths (`/api/v1/...`, `/apis/<g>/<v>/...`),
// served without Hono's router and middleware chain. It does in one pass what the app's middleware
// does on every other path (authentication, Cache-Control, metrics, protobuf, YAML), answers reads
// without a promise, and builds each Response once, with plain headers the HTTP adapter writes as
// they are.

import { getPath, tryDecodeURIComponent } from "hono/utils/url";
import type { FkasMetrics } from "../metrics/mod.ts";
import { UNCACHEABLE } from "./json_text.ts";
import type { KubeBindings } from "./kube_env.ts";
import { needsProtobuf, protobufResponse } from "./protobuf_response.ts";
import { recordKubeRequest } from "./request_metrics.ts";
import { queryOfUrl } from "./request_target.ts";
import { type ResourceContext, type ResourceExchange, serveResource } from "./resource_handler.ts";
import { StatusError } from "./status_error.ts";
import { isBuiltinGroup, pageNotFound } from "./not_found.ts";
import { needsYaml, yamlResponse } from "./yaml_response.ts";
import { statusResponse, toStatusError } from "./status_response.ts";
import { warningHeader } from "./warnings_header.ts";

/** What serving resource paths needs besides the request. */
export interface ResourceRequestsOptions {
  readonly anonymousAuth: boolean;
  readonly metrics?: FkasMetrics;
  readonly monotonicNow: () => number;
  /** Time, watches and fault timing for one request. */
  readonly context: () => ResourceContext;
}

/**
 * Serves a request on a resource path; undefined for every other path. `path` is the path to
 * route when it is not the URL's (the raw path of a request-target with dot segments).
 */
export type ResourceFetch = (
  request: Request,
  bindings: KubeBindings,
  path?: string,
) => Response | Promise<Response> | undefined;

// The paths Hono's `/api/v1/*` and `/apis/:group/:version/*` would route to the resource
// handler, less those an earlier route answers (`/api/v1`, `/apis/<group>/<version>`: discovery).
const CORE = /^\/api\/v1\/([^]*)$/;
const GROUPED = /^\/apis\/([^/]+)\/([^/]+)\/([^]*)$/;

/** Returns the server of resource paths. */
export function serveResourceRequests(options: ResourceRequestsOptions): ResourceFetch {
  const { anonymousAuth, metrics, monotonicNow } = options;

  const finish = (
    exchange: ResourceExchange,
    response: Response,
    started: number,
  ): Response | Promise<Response> => {
    // GET, LIST and watch chose their encoding already; writes answer JSON to re-encode here.
    const verb = exchange.info?.verb;
    const read = verb === "get" || verb === "list" || verb === "watch";
    if (verb !== "watch" && needsYaml(exchange.request, exchange.query, response)) {
      return yamlResponse(response)
        .catch((error) => failure(error))
        .then((answer) => record(exchange, answer, started));
    }
    if (!read && needsProtobuf(exchange.request, response)) {
      // A write's warnings (unknown fields) survive re-encoding.
      const warning = response.headers.get("warning");
      const headers = warning === null ? UNCACHEABLE : { ...UNCACHEABLE, warning };
      return protobufResponse(exchange.request, response, exchange.cluster, headers)
        .catch((error) => failure(error))
        .then((answer) => record(exchange, answer, started));
    }
    return record(exchange, response, started);
  };

  const record = (exchange: ResourceExchange, response: Response, started: number) => {
    if (metrics) {
      const seconds = (monotonicNow() - started) / 1000;
      const { cluster, request, info } = exchange;
      recordKubeRequest(metrics, cluster, request, info, response, seconds);
    }
    return response;
  };

  const serve = (
    request: Request,
    bindings: KubeBindings,
    [group, version, rest]: readonly string[],
  ): Response | Promise<Response> => {
    // What kubeadm lets anyone read (/healthz, /version, ...) is never a resource path.
    if (!anonymousAuth && !bindings.client.authenticated) {
      return statusResponse(StatusError.unauthorized());
    }
    const started = metrics ? monotonicNow() : 0;
    const exchange: ResourceExchange = {
      request,
      cluster: bindings.cluster,
      client: bindings.client,
      query: noQuery,
    };
    // apiextensions serves the groups kube-apiserver has none of; what it cannot find falls
    // through to Go's plain-text 404.
    const failed = (error: unknown) =>
      StatusError.isNoSuchPath(error) && !isBuiltinGroup(group, bindings.cluster.catalog)
        ? pageNotFound(UNCACHEABLE)
        : withDecodeWarnings(exchange, failure(error));
    let response: Response | Promise<Response>;
    try {
      // Most reads send no query: they share the empty one (no handler changes a query).
      if (request.url.includes("?")) exchange.query = queryOfUrl(request.url);
      response = serveResource(exchange, group, version, rest, options.context());
    } catch (error) {
      response = failed(error);
    }
    return response instanceof Promise
      ? response.catch(failed).then((settled) => finish(exchange, settled, started))
      : finish(exchange, response, started);
  };

  return (request, bindings, rawPath) => {
    const path = rawPath ?? getPath(request);
    const route = resourceRoute(path);
    if (!route) return undefined;
    const response = serve(request, bindings, route);
    // As Hono answers HEAD: the GET route's answer without its body.
    if (request.method !== "HEAD") return response;
    return Promise.resolve(response).then((answer) => new Response(null, answer));
  };
}

/** `[group, version, rest]` of a resource path, or undefined for any other path. */
function resourceRoute(path: string): readonly string[] | undefined {
  const core = CORE.exec(path);
  if (core) return ["", "v1", core[1]];
  const grouped = GROUPED.exec(path);
  if (!grouped) return undefined;
  return [decodeParam(grouped[1]), decodeParam(grouped[2]), grouped[3]];
}

const noQuery = new URLSearchParams();

// A failed write keeps the warnings its body's decoding recorded (see ResourceExchange).
function withDecodeWarnings(exchange: ResourceExchange, response: Response): Response {
  const warnings = exchange.decodeWarnings;
  if (warnings === undefined || warnings.length === 0) return response;
  const warning = warningHeader(warnings);
  if (warning !== undefined) response.headers.set("warning", warning);
  return response;
}

function failure(error: unknown): Response {
  return statusResponse(toStatusError(error), UNCACHEABLE);
}

// As Hono decodes route parameters.
function decodeParam(value: string): string {
  return value.includes("%") ? tryDecodeURIComponent(value) : value;
}
