// Discovery and OpenAPI routes: aggregated or legacy discovery by Accept, OpenAPI v2 and v3.

import type { Context, Hono } from "hono";
import { aggregatedDiscovery, negotiateDiscovery } from "./aggregated_discovery.ts";
import { apiGroup, apiGroupList, apiResourceList, apiVersions } from "./discovery.ts";
import type { KubeEnv } from "./kube_env.ts";
import { jsonResponse } from "./json_text.ts";
import {
  negotiateOpenApiV2,
  negotiateOpenApiV3,
  openApiV2,
  openApiV2Protobuf,
  openApiV3Document,
  openApiV3Index,
} from "./openapi.ts";
import {
  acceptsGzipCoding,
  answerOpenApiV2,
  answerOpenApiV3Document,
  answerOpenApiV3Index,
  gzipOpenApiV2,
  type OpenApiAnswer,
} from "./openapi_http.ts";
import { StatusError } from "./status_error.ts";

type KubeContext = Context<KubeEnv>;

/** Adds `/api`, `/apis`, `/api/v1`, `/apis/<g>[/<v>]` and `/openapi/*` to the app. */
export function addDiscoveryRoutes(app: Hono<KubeEnv>, now: () => Date = () => new Date()): void {
  // client-go needs /api and /apis answered in the same form: aggregated whenever Accept asks.
  app.get(
    "/api",
    (c) => discovery(c, "core") ?? jsonResponse(apiVersions(c.env.cluster.serverAddress)),
  );
  app.get(
    "/apis",
    (c) => discovery(c, "apis") ?? jsonResponse(apiGroupList(c.env.cluster.catalog)),
  );
  app.get("/api/v1", (c) => jsonResponse(found(apiResourceList(c.env.cluster.catalog, "", "v1"))));
  app.get(
    "/apis/:group",
    (c) => jsonResponse(found(apiGroup(c.env.cluster.catalog, c.req.param("group")))),
  );
  app.get("/apis/:group/:version", (c) => {
    const { group, version } = c.req.param();
    return jsonResponse(found(apiResourceList(c.env.cluster.catalog, group, version)));
  });

  app.get("/openapi/v2", (c): Response | Promise<Response> => {
    const choice = negotiateOpenApiV2(c.req.header("accept"));
    if (!choice) throw notAcceptable();
    const document = choice.format === "protobuf"
      ? openApiV2Protobuf(c.env.cluster.catalog, c.env.cluster.kubernetesVersion)
      : openApiV2(c.env.cluster.catalog, c.env.cluster.kubernetesVersion);
    const answered = answerOpenApiV2(document, choice.contentType, conditions(c), now());
    // A HEAD (handed over as a GET, marked) writes no body, so gziphandler never starts.
    const head = c.req.method === "HEAD" || c.env.head === true;
    if (head || !acceptsGzipCoding(c.req.header("accept-encoding"))) return answer(c, answered);
    return gzipOpenApiV2(answered, document).then((zipped) => answer(c, zipped));
  });
  app.get("/openapi/v3", (c) => {
    if (!negotiateOpenApiV3(c.req.header("accept"))) throw notAcceptable();
    const index = openApiV3Index(c.env.cluster.catalog, c.env.cluster.kubernetesVersion);
    return answer(c, answerOpenApiV3Index(index, conditions(c), now()));
  });
  app.get("/openapi/v3/*", (c) => {
    if (!negotiateOpenApiV3(c.req.header("accept"))) throw notAcceptable();
    const path = c.req.path.slice("/openapi/v3/".length);
    const { catalog, kubernetesVersion } = c.env.cluster;
    const document = openApiV3Document(catalog, kubernetesVersion, path);
    // kube-openapi's HandleGroupVersion writes a bare 404 for a group version it lacks: Go tells
    // a GET its length 0 and a HEAD nothing (a listener hands a HEAD over as a GET, marked).
    if (!document) {
      const head = c.req.method === "HEAD" || c.env.head === true;
      return c.body(null, 404, head ? {} : { "Content-Length": "0" });
    }
    const request = { ...conditions(c), hash: c.req.query("hash") };
    return answer(c, answerOpenApiV3Document(document, path, request, now()));
  });
}

function conditions(c: KubeContext) {
  return {
    ifNoneMatch: c.req.header("if-none-match"),
    ifModifiedSince: c.req.header("if-modified-since"),
  };
}

function answer(c: KubeContext, answer: OpenApiAnswer): Response {
  return answer.body === undefined
    ? c.body(null, answer.status, answer.headers)
    : c.body(answer.body as string, 200, answer.headers);
}

function discovery(c: KubeContext, scope: "core" | "apis"): Response | undefined {
  const choice = negotiateDiscovery(c.req.header("accept"));
  if (!choice) return undefined;
  const body = JSON.stringify(aggregatedDiscovery(c.env.cluster.catalog, scope, choice.version)) +
    "\n";
  return send(c, body, choice.contentType);
}

function send(c: KubeContext, body: string | Uint8Array, contentType: string, etag?: string) {
  const headers: Record<string, string> = { "Content-Type": contentType, Vary: "Accept" };
  if (etag) headers.ETag = etag;
  return c.body(body as string, 200, headers);
}

function found<T>(body: T | undefined): T {
  if (body === undefined) throw StatusError.noSuchPath();
  return body;
}

function notAcceptable(): StatusError {
  return new StatusError(
    406,
    "NotAcceptable",
    "only the following media types are accepted: application/json, application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
  );
}
