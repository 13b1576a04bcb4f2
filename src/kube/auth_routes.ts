// Where the authentication and authorization kinds and the `scale` and `token` subresources
// branch off the resource handler: none of them is stored; each answers from the cluster's state.

import type { ResourceType } from "../resources/mod.ts";
import { accessReview } from "./access_reviews.ts";
import { selfSubjectReview, tokenReview } from "./authentication_reviews.ts";
import { clientUser } from "./client_user.ts";
import { isDryRun } from "./dry_run.ts";
import { jsonResponse } from "./json_text.ts";
import { asObject } from "./object_rules.ts";
import { readObjectBody } from "./request_body.ts";
import type { ResourceContext, ResourceExchange } from "./resource_handler.ts";
import type { ResourceTarget } from "./resource_path.ts";
import { getScale, patchScale, replaceScale } from "./scale_subresource.ts";
import { requestToken } from "./token_request.ts";

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
      return readObjectBody(request, context.maxRequestBytes, "Scale").then((body) =>
        jsonResponse(replaceScale(cluster, named, body, isDryRun(query)))
      );
    }
    if (verb === "patch") {
      return patchScale(cluster, named, request, context.maxRequestBytes, isDryRun(query))
        .then((body) => jsonResponse(body));
    }
    return undefined;
  }
  if (subresource === "token" && verb === "create" && name !== undefined) {
    return readObjectBody(request, context.maxRequestBytes, "TokenRequest").then((body) =>
      requestToken(cluster, namespace ?? "", name, tokenRequestObject(body), {
        now: context.now,
        newId: () => crypto.randomUUID(),
      })
    ).then((answer) => jsonResponse(answer, 201));
  }
  if (!isReview(resource) || verb !== "create" || subresource) return undefined;
  const user = clientUser(exchange.client ?? { authenticated: false, groups: [] });
  return readObjectBody(request, context.maxRequestBytes, resource.kind).then(async (body) => {
    const object = asObject(resource, body);
    if (resource.kind === "SelfSubjectReview") {
      return jsonResponse(selfSubjectReview(user, context.now), 201);
    }
    if (resource.kind === "TokenReview") {
      return jsonResponse(await tokenReview(cluster, object, context.now), 201);
    }
    return jsonResponse(accessReview(resource.kind, cluster, user, object, namespace), 201);
  });
}

// The body checked as a TokenRequest of authentication.k8s.io/v1 (the subresource's kind).
function tokenRequestObject(body: unknown) {
  return asObject(TOKEN_REQUEST, body);
}

const TOKEN_REQUEST = {
  group: "authentication.k8s.io",
  version: "v1",
  kind: "TokenRequest",
} as ResourceType;
