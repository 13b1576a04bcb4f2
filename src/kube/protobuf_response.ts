// Re-encodes JSON answers (writes, discovery) for clients that prefer protobuf, or answers 406.

import type { MiddlewareHandler } from "hono";
import { encodeKubernetesProtobuf, ProtobufError, registryForVersion } from "../protobuf/mod.ts";
import type { KubeEnv, ServedCluster } from "./kube_env.ts";
import {
  acceptsOnlyProtobuf,
  notAcceptable,
  prefersProtobuf,
  PROTOBUF_MEDIA_TYPE,
} from "./negotiation.ts";
import { needsYaml, yamlResponse } from "./yaml_response.ts";

const NO_QUERY = new URLSearchParams();

/**
 * Whether a successful JSON answer must be re-encoded because the client prefers protobuf. GET,
 * LIST and watch encode protobuf themselves; this covers what writes and discovery return.
 */
export function needsProtobuf(request: Request, response: Response): boolean {
  if (response.status >= 300) return false;
  // The Accept header first: nearly every client takes JSON, and reading the answer's headers
  // makes @hono/node-server's light Response build a Headers from its plain ones (every write).
  if (!prefersProtobuf(request.headers.get("accept"))) return false;
  return (response.headers.get("content-type") ?? "").startsWith("application/json");
}

/**
 * A JSON object answer in Kubernetes protobuf when the kind has a protobuf form; otherwise the
 * JSON answer when the client takes JSON too, else 406. Errors stay JSON: client-go decodes a
 * Status by its Content-Type. The messages are those of the cluster's Kubernetes minor; `headers`
 * are added to a new response.
 */
export async function protobufResponse(
  request: Request,
  response: Response,
  cluster: Pick<ServedCluster, "kubernetesVersion">,
  headers: Readonly<Record<string, string>> = {},
): Promise<Response> {
  const object = await response.clone().json();
  let bytes: Uint8Array;
  try {
    // kube-apiserver's /api and /api/v1 JSON carry no apiVersion; their protobuf envelope names
    // the unversioned "v1" the discovery types are registered under.
    const typed = object?.apiVersion === undefined && typeof object?.kind === "string"
      ? { apiVersion: "v1", ...object }
      : object;
    bytes = encodeKubernetesProtobuf(typed, registryForVersion(cluster.kubernetesVersion));
  } catch (error) {
    if (!(error instanceof ProtobufError)) throw error;
    if (!acceptsOnlyProtobuf(request.headers.get("accept"))) return response;
    return new Response(JSON.stringify(notAcceptable().toStatus()), {
      status: 406,
      headers: { ...headers, "content-type": "application/json" },
    });
  }
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    status: response.status,
    headers: { ...headers, "content-type": PROTOBUF_MEDIA_TYPE },
  });
}

// The legacy discovery documents, which kube-apiserver writes with the negotiated serializer
// (YAML included); /version, OpenAPI and OIDC documents are raw JSON whatever the client accepts.
const DISCOVERY_PATH = /^\/(?:api(?:\/v1)?|apis(?:\/[^/]+){0,2})\/?$/;

/** The middleware form of `protobufResponse`, for the Hono routes (discovery, /version, ...). */
export function protobufResponses(): MiddlewareHandler<KubeEnv> {
  return async (c, next) => {
    await next();
    // Watch streams never end: they are never re-encoded.
    if (c.req.query("watch") !== undefined || c.req.path.includes("/watch/")) return;
    if (DISCOVERY_PATH.test(c.req.path) && needsYaml(c.req.raw, NO_QUERY, c.res)) {
      c.res = await yamlResponse(c.res);
      return;
    }
    if (!needsProtobuf(c.req.raw, c.res)) return;
    const answer = await protobufResponse(c.req.raw, c.res, c.env.cluster);
    if (answer !== c.res) c.res = answer;
  };
}
