// The Kubernetes REST API of one fake cluster, as a Hono app shared by every cluster.

import { Hono } from "hono";
import type { Context } from "hono";
import { StoreError } from "../store/mod.ts";
import { apiGroup, apiGroupList, apiResourceList, apiVersions } from "./discovery.ts";
import type { KubeBindings } from "./kube_env.ts";
import { responseForm } from "./negotiation.ts";
import { getObject, listObjects } from "./read_handlers.ts";
import { BUILTIN_RESOURCES, ResourceCatalog } from "../resources/mod.ts";
import { parseResourcePath } from "./resource_path.ts";
import { StatusError } from "./status_error.ts";
import { versionInfo } from "./version_info.ts";

/** How the kube app is wired: the clock and whether unauthenticated clients are served. */
export interface KubeAppOptions {
  readonly now: () => Date;
  readonly anonymousAuth: boolean;
  readonly catalog?: ResourceCatalog;
}

type KubeContext = Context<{ Bindings: KubeBindings }>;

// What kubeadm's system:public-info-viewer lets anyone read, authenticated or not.
const PUBLIC_PATHS = /^\/(healthz|livez|readyz|version)(\/.*)?$/;

const ROOT_PATHS = [
  "/api",
  "/api/v1",
  "/apis",
  "/apis/",
  "/healthz",
  "/livez",
  "/readyz",
  "/version",
];

/** Builds the REST app; the cluster and client identity arrive per request as bindings. */
export function createKubeApp(options: KubeAppOptions): Hono<{ Bindings: KubeBindings }> {
  const catalog = options.catalog ?? new ResourceCatalog(BUILTIN_RESOURCES);
  const app = new Hono<{ Bindings: KubeBindings }>();

  app.onError((error, c) => statusResponse(c, toStatusError(error)));
  app.notFound((c) => statusResponse(c, StatusError.noSuchPath()));

  app.use(async (c, next) => {
    if (!options.anonymousAuth && !c.env.client.authenticated && !PUBLIC_PATHS.test(c.req.path)) {
      return statusResponse(c, StatusError.unauthorized());
    }
    await next();
  });

  app.get("/", (c) => c.json({ paths: [...ROOT_PATHS, ...groupPaths(catalog)] }));
  app.get("/version", (c) => c.json(versionInfo(c.env.cluster.kubernetesVersion)));
  for (const probe of ["/healthz", "/livez", "/readyz"]) {
    app.get(probe, (c) => c.text("ok"));
    app.get(`${probe}/*`, (c) => c.text("ok"));
  }

  app.get("/api", (c) => c.json(apiVersions(c.env.cluster.serverAddress)));
  app.get("/apis", (c) => c.json(apiGroupList(catalog)));
  app.get("/api/v1", (c) => c.json(found(apiResourceList(catalog, "", "v1"))));
  app.get("/apis/:group", (c) => c.json(found(apiGroup(catalog, c.req.param("group")))));
  app.get("/apis/:group/:version", (c) => {
    const { group, version } = c.req.param();
    return c.json(found(apiResourceList(catalog, group, version)));
  });

  const serveResource = (c: KubeContext, group: string, version: string, rest: string) => {
    const segments = rest.split("/").map(decodeURIComponent);
    const target = parseResourcePath(catalog, group, version, segments);
    if (target.subresource) throw StatusError.methodNotAllowed(c.req.method, target.resource);
    const form = responseForm(c.req.header("accept"), new URL(c.req.url).searchParams);
    const now = options.now();
    const body = target.name !== undefined
      ? getObject(c.env.cluster, { ...target, name: target.name }, form, now)
      : listObjects(c.env.cluster, target, form, now);
    return c.json(body);
  };
  app.get("/api/v1/*", (c) => serveResource(c, "", "v1", pathAfter(c.req.path, 2)));
  app.get("/apis/:group/:version/*", (c) => {
    const { group, version } = c.req.param();
    return serveResource(c, group, version, pathAfter(c.req.path, 3));
  });
  return app;
}

function groupPaths(catalog: ResourceCatalog): string[] {
  return catalog.groupVersions().flatMap(({ group, version }) => [
    `/apis/${group}`,
    `/apis/${group}/${version}`,
  ]);
}

function found<T>(body: T | undefined): T {
  if (body === undefined) throw StatusError.noSuchPath();
  return body;
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
  return c.json(error.toStatus(), error.code as 400);
}
