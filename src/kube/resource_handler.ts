// Dispatches a request on a resource path to the verb it means (get, list, watch, create, ...).

import { checkProxyTarget, proxyTarget } from "./proxy_subresource.ts";
import type { FaultPlan } from "../faults/mod.ts";
import { registryForVersion } from "../protobuf/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import type { ClientIdentity, RequestInfo, ServedCluster } from "./kube_env.ts";
import { serveAuthRoutes } from "./auth_routes.ts";
import { CSRS, recordRequester } from "./certificate_requests.ts";
import { clientUser } from "./client_user.ts";
import { decodeChecksFor } from "./decode_checks.ts";
import { warningHeader } from "./warnings_header.ts";
import { objectWarnings, WARNS_AGAINST_PREVIOUS } from "./warnings_for_objects.ts";
import { deleteCollection, deleteObject, parseDeleteOptions } from "./delete_handlers.ts";
import { isDryRun } from "./dry_run.ts";
import { evictPod } from "./eviction.ts";
import { bindPod } from "./pod_binding.ts";
import { parseListOptions } from "./list_options.ts";
import { responseForm } from "./negotiation.ts";
import { ProtobufBody, protobufBodyResponse, servesProtobuf } from "./protobuf_body.ts";
import { queryBool } from "./options_invalid.ts";
import { patchObject } from "./patch_handler.ts";
import { checkStreamTarget, PODS, podStreamTarget, servePodLog } from "./pod_streams/mod.ts";
import { getObject, listObjects } from "./read_handlers.ts";
import { readObjectBody } from "./request_body.ts";
import { decodePath } from "./request_target.ts";
import { parseResourcePath, type ResourceTarget } from "./resource_path.ts";
import { StatusError } from "./status_error.ts";
import { objectJson } from "./json_body.ts";
import { jsonResponse, JsonText } from "./json_text.ts";
import { CREATE_ON_UPDATE, createObject, createOnUpdate, replaceObject } from "./write_handlers.ts";
import { writeManager } from "./write_manager.ts";

/** One request on a resource path, as the verb handlers see it. */
export interface ResourceExchange {
  readonly request: Request;
  readonly cluster: ServedCluster;
  /** Who sent it (reviews answer for the requester). */
  readonly client?: ClientIdentity;
  /** The URL's query (set by the caller once parsed). */
  query: URLSearchParams;
  /** What the request turned out to address, once its verb is known (for metrics). */
  info?: RequestInfo;
  /**
   * Warnings recorded while its body was decoded (unknown fields under fieldValidation=Warn):
   * as kube-apiserver's per-request recorder, they go out with the answer even when the write
   * then fails (a 409, a 404 namespace, a 422).
   */
  decodeWarnings?: string[];
}

/** Serves a watch request (wired by the app, so this module stays free of streaming). */
export type WatchServer = (
  exchange: ResourceExchange,
  target: ResourceTarget,
  query: URLSearchParams,
) => Response;

/** What serving a resource request needs besides the request: time, watches, fault timing. */
export interface ResourceContext {
  readonly now: Date;
  readonly serveWatch: WatchServer;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** The largest request body read (`--max-request-bytes`). */
  readonly maxRequestBytes: number;
}

/**
 * Serves `/api/v1/<rest>` or `/apis/<group>/<version>/<rest>`. Reads answer synchronously (no
 * promise per GET or LIST); writes, and requests with injected latency, answer with a promise.
 */
export function serveResource(
  exchange: ResourceExchange,
  group: string,
  version: string,
  rest: string,
  context: ResourceContext,
): Response | Promise<Response> {
  const { cluster, request } = exchange;
  // As Go routes `URL.Path`: every escape decoded first (`%2F` separates segments too).
  let segments = decodePath(rest).split("/");
  // pods/log, exec and attach are connect subresources, served apart from the object verbs.
  const podStream = group === "" ? podStreamTarget(segments) : undefined;
  if (podStream) return servePodStream(exchange, podStream);
  // The proxy subresources answer what needs no dialing (a missing object) for every method.
  const proxy = group === "" ? proxyTarget(segments) : undefined;
  if (proxy) checkProxyTarget(cluster, proxy);
  const watchPath = segments[0] === "watch";
  if (watchPath) segments = segments.slice(1);
  const target = parseResourcePath(cluster.catalog, group, version, segments);
  const { resource, subresource } = target;
  const query = exchange.query;
  const verb = verbOf(request.method, target, watchPath || queryBool(query.get("watch")));
  if (resource.namespaced && target.namespace === undefined) checkAllNamespaces(target, verb);
  if (!resource.verbs.includes(verb) && !subresource) {
    throw StatusError.methodNotAllowed(resource);
  }
  if (target.name !== undefined) checkNameParameter(target.name);
  exchange.info = { verb, resource, subresource };
  const delay = injectFaults(cluster.faults, verb, resource.key, context);
  if (delay) return delay.then(() => serveVerb(exchange, verb, target, context));
  return serveVerb(exchange, verb, target, context);
}

function servePodStream(
  exchange: ResourceExchange,
  target: NonNullable<ReturnType<typeof podStreamTarget>>,
): Response {
  const { cluster, request, query } = exchange;
  const { namespace, name, stream } = target;
  const get = request.method === "GET" || request.method === "HEAD";
  exchange.info = { verb: get ? "get" : "create", resource: PODS, subresource: stream };
  if (stream === "log") {
    if (!get) throw StatusError.methodNotAllowed(PODS);
    return servePodLog(cluster, namespace, name, query);
  }
  if (!get && request.method !== "POST") throw StatusError.methodNotAllowed(PODS);
  // Reached without an upgrade: the proxy to the kubelet refuses (UpgradeAwareHandler).
  checkStreamTarget(cluster, namespace, name, query);
  throw StatusError.badRequest("Upgrade request required");
}

function serveVerb(
  exchange: ResourceExchange,
  verb: string,
  target: ResourceTarget,
  context: ResourceContext,
): Response | Promise<Response> {
  const { now, serveWatch, maxRequestBytes } = context;
  const { cluster, request, query } = exchange;
  const { resource, name, subresource } = target;
  const named = name !== undefined ? { ...target, name } : undefined;
  // Protobuf bodies decode with the cluster's minor's messages.
  const readBody = (kind: string) =>
    readObjectBody(request, maxRequestBytes, kind, registryForVersion(cluster.kubernetesVersion));
  // A write negotiates its answer before it runs (NegotiateOutputMediaType in create.go and its
  // siblings): for an Accept nothing serves, 406 and nothing written.
  if (verb !== "watch" && verb !== "list" && verb !== "get") {
    readForm(request, query, resource, cluster);
  }
  const answered = serveAuthRoutes(exchange, verb, target, context);
  if (answered) return answered;
  switch (verb) {
    case "watch":
      return serveWatch(exchange, target, query);
    case "list": {
      const form = readForm(request, query, resource, cluster);
      return bodyResponse(
        listObjects(cluster, target, parseListOptions(query, resource), form, now),
      );
    }
    case "get":
      return bodyResponse(
        getObject(cluster, named!, readForm(request, query, resource, cluster), now),
      );
    case "create": {
      if (subresource === "eviction") {
        decodeChecksFor(query, "CreateOptions", cluster.kubernetesVersion);
        return readBody("Eviction").then((body) =>
          jsonResponse(evictPod(cluster, named!, body, query, now), 201)
        );
      }
      if (subresource === "binding") {
        decodeChecksFor(query, "CreateOptions", cluster.kubernetesVersion);
        return readBody("Binding").then((body) =>
          jsonResponse(bindPod(cluster, named!, body, isDryRun(query), now), 201)
        );
      }
      if (resource.key === "bindings") {
        // LegacyBindingREST: binds the pod the Binding names; no Binding is stored.
        decodeChecksFor(query, "CreateOptions", cluster.kubernetesVersion);
        return readBody("Binding").then((body) => {
          const name = (body as { metadata?: { name?: unknown } } | undefined)?.metadata?.name;
          const pod = { ...target, name: typeof name === "string" ? name : "" };
          return jsonResponse(bindPod(cluster, pod, body, isDryRun(query), now), 201);
        });
      }
      const checks = decodeChecksFor(query, "CreateOptions", cluster.kubernetesVersion);
      exchange.decodeWarnings = checks.warnings;
      return readBody(resource.kind).then((body) => {
        if (resource.key === CSRS) {
          const client = exchange.client ?? { authenticated: false, groups: [] };
          recordRequester(body, clientUser(client, cluster.kubernetesVersion));
        }
        return objectResponse(
          createObject(
            cluster,
            target,
            body,
            now,
            isDryRun(query),
            checks,
            writeManager(query, request, now, "CreateOptions"),
          ),
          201,
          withObjectWarnings(checks.warnings, target, cluster, true),
        );
      });
    }
    case "update": {
      const checks = decodeChecksFor(query, "UpdateOptions", cluster.kubernetesVersion);
      exchange.decodeWarnings = checks.warnings;
      return readBody(resource.kind).then((body) => {
        const manager = writeManager(query, request, now, "UpdateOptions");
        const creates = !subresource && CREATE_ON_UPDATE.has(resource.key) &&
          !cluster.store.get(resource, named!.namespace, named!.name);
        const previous = creates ? undefined : previousFor(cluster, named!);
        const object = creates
          ? createOnUpdate(cluster, named!, body, now, isDryRun(query), checks, manager)
          : replaceObject(cluster, named!, body, isDryRun(query), checks, manager);
        return objectResponse(
          object,
          creates ? 201 : 200,
          withObjectWarnings(checks.warnings, target, cluster, creates, previous),
        );
      });
    }
    case "patch": {
      const checks = decodeChecksFor(query, "PatchOptions", cluster.kubernetesVersion);
      exchange.decodeWarnings = checks.warnings;
      const previous = previousFor(cluster, named!);
      return patchObject(cluster, named!, request, query, now, maxRequestBytes, checks).then(
        (answer) =>
          objectResponse(
            answer.body,
            answer.status,
            withObjectWarnings(
              checks.warnings,
              target,
              cluster,
              answer.status === 201,
              previous,
            ),
          ),
      );
    }
    case "delete":
      return readBody("DeleteOptions").then((body) => {
        const answer = deleteObject(
          cluster,
          named!,
          parseDeleteOptions(body, query, cluster.kubernetesVersion),
          now,
        );
        return jsonResponse(answer.body, answer.status);
      });
    case "deletecollection":
      return readBody("DeleteOptions").then((body) => {
        const options = parseDeleteOptions(body, query, cluster.kubernetesVersion);
        return jsonResponse(
          deleteCollection(cluster, target, parseListOptions(query, resource), options),
        );
      });
  }
  throw StatusError.methodNotAllowed(resource);
}

// The negotiated form of a GET or LIST: protobuf only for kinds that have it.
function readForm(
  request: Request,
  query: URLSearchParams,
  resource: ResourceType,
  cluster: ServedCluster,
) {
  const accept = request.headers.get("accept") ?? undefined;
  // servesProtobuf is only asked when the header is parsed.
  return responseForm(
    accept,
    query,
    () => servesProtobuf(resource, registryForVersion(cluster.kubernetesVersion)),
  );
}

function bodyResponse(body: unknown): Response {
  return body instanceof ProtobufBody ? protobufBodyResponse(body) : jsonResponse(body);
}

// An object a write returns: stored ones are serialized once, shared with watch events and GETs.
// Warnings (unknown fields under fieldValidation=Warn, then the strategy's warnings about the
// written object) travel as one `Warning` header.
function objectResponse(
  object: KubeObject,
  status = 200,
  warnings: string[] | ((object: KubeObject) => string[]) = [],
): Response {
  const response = jsonResponse(new JsonText(objectJson(object), true), status);
  const warning = warningHeader(typeof warnings === "function" ? warnings(object) : warnings);
  if (warning !== undefined) response.headers.set("warning", warning);
  return response;
}

// Latency and errors a test asked for, answered like the apiserver would (Retry-After included):
// an error without latency throws at once, latency is a promise to wait for (undefined: none).
function injectFaults(
  faults: FaultPlan | undefined,
  verb: string,
  resource: string,
  context: ResourceContext,
): Promise<void> | undefined {
  if (!faults || faults.empty) return undefined;
  const decision = faults.decide({ verb, resource }, context.random);
  if (!decision) return undefined;
  const fail = () => {
    if (!decision.error) return;
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
  };
  if (decision.delayMs > 0) return context.sleep(decision.delayMs).then(fail);
  fail();
  return undefined;
}

// A namespaced resource without a namespace: kube-apiserver's installer registers only LIST and
// WATCHLIST there ("LIST all pods in all namespaces", installer.go), so a name is a path no route
// serves and any other method is go-restful's 405 (never a delete of every namespace's objects).
function checkAllNamespaces(target: ResourceTarget, verb: string): void {
  if (target.name !== undefined) throw StatusError.noSuchPath();
  if (verb !== "list" && verb !== "watch") {
    throw new StatusError(
      405,
      "MethodNotAllowed",
      "the server does not allow this method on the requested resource",
      {},
    );
  }
}

// The name of the URL as kube-apiserver's storage key functions check it (NamespaceKeyFunc,
// `content.IsPathSegmentName`): reachable with `%2e%2e` or `%25` in a path.
function checkNameParameter(name: string): void {
  const problem = name === "." || name === ".."
    ? `may not be '${name}'`
    : name.includes("%")
    ? "may not contain '%'"
    : undefined;
  if (problem) {
    throw StatusError.badRequest(`Name parameter invalid: ${JSON.stringify(name)}: ${problem}`);
  }
}

// The Kubernetes verb of a request, as the apiserver's RequestInfo derives it.
function verbOf(method: string, target: ResourceTarget, watch: boolean): string {
  const { name, subresource } = target;
  const collection = name === undefined;
  if (subresource === "eviction" || subresource === "binding") {
    return method === "POST" ? "create" : "unsupported";
  }
  if (
    subresource === "status" || subresource === "scale" || subresource === "approval" ||
    ((subresource === "ephemeralcontainers" || subresource === "resize") &&
      target.resource.key === "pods")
  ) {
    return ({ GET: "get", PUT: "update", PATCH: "patch" } as Record<string, string>)[method] ??
      "unsupported";
  }
  if (subresource === "token") return method === "POST" ? "create" : "unsupported";
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

// The decoder's warnings, then the registry strategy's about the written object (rest.BeforeCreate
// and BeforeUpdate add WarningsOnCreate/OnUpdate after validation).
function withObjectWarnings(
  decoded: string[],
  target: ResourceTarget,
  cluster: ServedCluster,
  created: boolean,
  previous?: KubeObject,
): (object: KubeObject) => string[] {
  return (object) => {
    const { resource, subresource } = target;
    const { kubernetesVersion } = cluster;
    const more = objectWarnings(
      resource.key,
      subresource,
      object,
      created,
      previous,
      kubernetesVersion,
    );
    return more.length === 0 ? decoded : [...decoded, ...more];
  };
}

// The stored object an update's warnings compare with, read only for the kinds that need it.
function previousFor(
  cluster: ServedCluster,
  target: ResourceTarget & { name: string },
): KubeObject | undefined {
  if (target.subresource || !WARNS_AGAINST_PREVIOUS.has(target.resource.key)) return undefined;
  return cluster.store.get(target.resource, target.namespace, target.name);
}
