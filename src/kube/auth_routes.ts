// Where the authentication and authorization kinds and the `scale` and `token` subresources
// branch off the resource handler: none of them is stored; each answers from the cluster's state.

import type { ResourceType } from "../resources/mod.ts";
import { accessReview } from "./access_reviews.ts";
import { selfSubjectReview, tokenReview } from "./authentication_reviews.ts";
import { clientUser } from "./client_user.ts";
import { decodeBody, decodeChecksFor } from "./decode_checks.ts";
import { warningHeader } from "./warnings_header.ts";
import { isDryRun } from "./dry_run.ts";
import { jsonResponse } from "./json_text.ts";
import { asObject } from "./object_rules.ts";
import { mediaTypeOf, readObjectBody } from "./request_body.ts";
import type { ResourceContext, ResourceExchange } from "./resource_handler.ts";
import type { ResourceTarget } from "./resource_path.ts";
import { getScale, patchScale, replaceScale } from "./scale_subresource.ts";
import { requestToken } from "./token_request.ts";
import { checkWriteOptions, managerOf, writeManager } from "./write_manager.ts";

const REVIEWS = new Set([
  "authentication.k8s.io/tokenreviews",
  "authentication.k8s.io/selfsubjectreviews",
  "authorization.k8s.io/subjectaccessreviews",
  "authorization.k8s.io/localsubjectaccessreviews",
  "authorization.k8s.io/selfsubjectaccessreviews",
  "authorization.k8s.io/selfsubjectrulesreviews",
]);

/** Whether a resource is a review kind (create-only, never stored). */
export function isReview(resource: ResourceType): boolean {
  return REVIEWS.has(resource.key);
}

/**
 * Serves a review, a TokenRequest or a scale request; undefined for every other request (the
 * caller serves it). Reviews answer 201 as kube-apiserver's create handler does.
 */
export function serveAuthRoutes(
  exchange: ResourceExchange,
  verb: string,
  target: ResourceTarget,
  context: ResourceContext,
): Response | Promise<Response> | undefined {
  const { resource, subresource, name, namespace } = target;
  const { cluster, request, query } = exchange;
  if (subresource === "scale" && name !== undefined) {
    const named = { ...target, name };
    if (verb === "get") return jsonResponse(getScale(cluster, named));
    if (verb === "update") {
      const checks = decodeChecksFor(query, "UpdateOptions", cluster.kubernetesVersion);
      const manager = writeManager(query, request, context.now, "UpdateOptions");
      return readObjectBody(request, context.maxRequestBytes, "Scale").then((body) => {
        const scale = asObject(SCALE, body);
        decodeBody(cluster, SCALE, scale, checks);
        return withWarnings(
          jsonResponse(replaceScale(cluster, named, scale, isDryRun(query), manager)),
          checks.warnings,
        );
      });
    }
    if (verb === "patch") {
      const apply = mediaTypeOf(request) === "application/apply-patch+yaml";
      checkWriteOptions(query, "PatchOptions", apply);
      const manager = managerOf(query, request, context.now);
      return patchScale(
        cluster,
        named,
        request,
        context.maxRequestBytes,
        isDryRun(query),
        apply ? undefined : manager,
        apply ? { name: manager.name, force: query.get("force") === "true" } : undefined,
      ).then((body) => jsonResponse(body));
    }
    return undefined;
  }
  if (subresource === "token" && verb === "create" && name !== undefined) {
    const checks = decodeChecksFor(query, "CreateOptions", cluster.kubernetesVersion);
    return readObjectBody(request, context.maxRequestBytes, "TokenRequest").then((body) => {
      const object = asObject(TOKEN_REQUEST, body);
      decodeBody(cluster, TOKEN_REQUEST, object, checks);
      return requestToken(cluster, namespace ?? "", name, object, {
        now: context.now,
        newId: () => crypto.randomUUID(),
      }).then((answer) => withWarnings(jsonResponse(answer, 201), checks.warnings));
    });
  }
  if (!isReview(resource) || verb !== "create" || subresource) return undefined;
  const user = clientUser(
    exchange.client ?? { authenticated: false, groups: [] },
    cluster.kubernetesVersion,
  );
  const checks = decodeChecksFor(query, "CreateOptions", cluster.kubernetesVersion);
  return readObjectBody(request, context.maxRequestBytes, resource.kind).then(async (body) => {
    const object = asObject(resource, body);
    // Type checks and unknown fields as for any create (the schema tables know these kinds).
    decodeBody(cluster, resource, object, checks);
    let answer: Record<string, unknown>;
    if (resource.kind === "SelfSubjectReview") answer = selfSubjectReview(user, context.now);
    else if (resource.kind === "TokenReview") {
      answer = await tokenReview(cluster, object, context.now);
    } else answer = accessReview(resource.kind, cluster, user, object, namespace);
    return withWarnings(jsonResponse(answer, 201), checks.warnings);
  });
}

function withWarnings(response: Response, warnings: string[]): Response {
  const warning = warningHeader(warnings);
  if (warning !== undefined) response.headers.set("warning", warning);
  return response;
}

// The kinds of the two subresources, as the body decoder and `asObject` need them.
const TOKEN_REQUEST = {
  group: "authentication.k8s.io",
  version: "v1",
  kind: "TokenRequest",
} as ResourceType;
const SCALE = { group: "autoscaling", version: "v1", kind: "Scale" } as ResourceType;
