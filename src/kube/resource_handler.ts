// Dispatches a request on a resource path to the verb it means (get, list, watch, create, ...).

import type { Context } from "hono";
import type { FaultPlan } from "../faults/mod.ts";
import type { KubeEnv } from "./kube_env.ts";
import { deleteCollection, deleteObject, parseDeleteOptions } from "./delete_handlers.ts";
import { isDryRun } from "./dry_run.ts";
import { evictPod } from "./eviction.ts";
import { parseListOptions } from "./list_options.ts";
import { responseForm } from "./negotiation.ts";
import { patchObject } from "./patch_handler.ts";
import { getObject, listObjects } from "./read_handlers.ts";
import { readObjectBody } from "./request_body.ts";
import { parseResourcePath, type ResourceTarget } from "./resource_path.ts";
import { StatusError } from "./status_error.ts";
import { jsonResponse } from "./json_text.ts";
import { createObject, replaceObject } from "./write_handlers.ts";

type KubeContext = Context<KubeEnv>;

/** Serves a watch request (wired by the app, so this module stays free of streaming). */
export type WatchServer = (
  c: KubeContext,
  target: ResourceTarget,
  query: URLSearchParams,
) => Response;

/** What serving a resource request needs besides the request: time, watches, fault timing. */
export interface ResourceContext {
  readonly now: Date;
  readonly serveWatch: WatchServer;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** Serves `/api/v1/<rest>` or `/apis/<group>/<version>/<rest>`. */
export async function serveResource(
  c: KubeContext,
  group: string,
  version: string,
  rest: string,
  context: ResourceContext,
): Promise<Response> {
  const { now, serveWatch } = context;
  const { cluster } = c.env;
  let segments = rest.split("/").map(decodeURIComponent);
  const watchPath = segments[0] === "watch";
  if (watchPath) segments = segments.slice(1);
  const target = parseResourcePath(cluster.catalog, group, version, segments);
  const { resource, name, subresource } = target;
  const query = new URL(c.req.url).searchParams;
  const method = c.req.method;
  const verb = verbOf(method, target, watchPath || isTrue(query.get("watch")));
  if (!resource.verbs.includes(verb) && !subresource) {
    throw StatusError.methodNotAllowed(resource);
  }
  c.set("requestInfo", { verb, resource, subresource });
  await injectFaults(cluster.faults, verb, resource.key, context);
  const named = name !== undefined ? { ...target, name } : undefined;
  switch (verb) {
    case "watch":
      return serveWatch(c, target, query);
    case "list": {
      const form = responseForm(c.req.header("accept"), query);
      return jsonResponse(
        listObjects(cluster, target, parseListOptions(query, resource), form, now),
      );
    }
    case "get":
      return jsonResponse(
        getObject(cluster, named!, responseForm(c.req.header("accept"), query), now),
      );
    case "create": {
      const body = await readObjectBody(c.req.raw);
      if (subresource === "eviction") return c.json(evictPod(cluster, named!, body, query), 201);
      return c.json(createObject(cluster, target, body, now, isDryRun(query)), 201);
    }
    case "update": {
      const body = await readObjectBody(c.req.raw);
      return c.json(replaceObject(cluster, named!, body, isDryRun(query)));
    }
    case "patch": {
      const answer = await patchObject(cluster, named!, c.req.raw, now);
      return c.json(answer.body, answer.status);
    }
    case "delete": {
      const options = parseDeleteOptions(await readObjectBody(c.req.raw), query);
      const answer = deleteObject(cluster, named!, options);
      return c.json(answer.body, answer.status);
    }
    case "deletecollection": {
      const options = parseDeleteOptions(await readObjectBody(c.req.raw), query);
      return c.json(deleteCollection(cluster, target, parseListOptions(query, resource), options));
    }
  }
  throw StatusError.methodNotAllowed(resource);
}

// Latency and errors a test asked for, answered like the apiserver would (Retry-After included).
async function injectFaults(
  faults: FaultPlan | undefined,
  verb: string,
  resource: string,
  context: ResourceContext,
): Promise<void> {
  if (!faults || faults.empty) return;
  const decision = faults.decide({ verb, resource }, context.random);
  if (!decision) return;
  if (decision.delayMs > 0) await context.sleep(decision.delayMs);
  if (decision.error) {
    const { code, reason, message, details } = decision.error;
    throw new StatusError(
      code,
      reason,
      message,
      details && {
        ...details,
        causes: details.causes?.map((cause) => ({ ...cause })),
      },
    );
  }
}

// The Kubernetes verb of a request, as the apiserver's RequestInfo derives it.
function verbOf(method: string, target: ResourceTarget, watch: boolean): string {
  const { name, subresource } = target;
  const collection = name === undefined;
  if (subresource === "eviction") return method === "POST" ? "create" : "unsupported";
  if (subresource === "status") {
    return ({ GET: "get", PUT: "update", PATCH: "patch" } as Record<string, string>)[method] ??
      "unsupported";
  }
  if (subresource) return "unsupported";
  switch (method) {
    case "GET":
      return collection ? (watch ? "watch" : "list") : watch ? "watch" : "get";
    case "POST":
      return collection && !subresource ? "create" : "unsupported";
    case "PUT":
      return collection ? "unsupported" : "update";
    case "PATCH":
      return collection ? "unsupported" : "patch";
    case "DELETE":
      return collection ? (subresource ? "unsupported" : "deletecollection") : "delete";
  }
  return "unsupported";
}

function isTrue(value: string | null): boolean {
  return value === "true" || value === "1";
}
