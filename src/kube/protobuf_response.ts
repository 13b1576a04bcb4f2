// Answers clients that accept only protobuf (no JSON, no */*): encoded objects, or 406 NotAcceptable.

import type { MiddlewareHandler } from "hono";
import { encodeKubernetesProtobuf, ProtobufError } from "../protobuf/mod.ts";
import type { KubeEnv } from "./kube_env.ts";
import { StatusError } from "./status_error.ts";

const PROTOBUF = "application/vnd.kubernetes.protobuf";
const MENTIONS_PROTOBUF = /application\/vnd\.kubernetes\.protobuf/i;

/** Whether an Accept header admits only protobuf, so a JSON answer would be refused by the client. */
export function acceptsOnlyProtobuf(accept: string | undefined | null): boolean {
  if (!accept || !MENTIONS_PROTOBUF.test(accept)) return false; // most requests: no parsing
  const types = accept.split(",").map((part) => part.split(";")[0].trim().toLowerCase());
  return types.includes(PROTOBUF) &&
    !types.some((t) => t === "application/json" || t === "*/*" || t === "application/*");
}

/**
 * Whether a successful answer must be re-encoded for a protobuf-only client. Watch streams never
 * end on their own: they stay JSON (clients that watch also accept it).
 */
export function needsProtobuf(request: Request, path: string, status: number): boolean {
  if (!acceptsOnlyProtobuf(request.headers.get("accept")) || status >= 300) return false;
  const query = new URL(request.url).searchParams;
  return !/^(true|1)$/.test(query.get("watch") ?? "") && !path.includes("/watch/");
}

/**
 * A JSON object answer in Kubernetes protobuf when fkas knows the kind's message, else 406
 * (other bodies stay as they are). Errors stay JSON: client-go decodes a Status by its
 * Content-Type. `headers` are added to a new response.
 */
export async function protobufResponse(
  response: Response,
  headers: Readonly<Record<string, string>> = {},
): Promise<Response> {
  if (!(response.headers.get("content-type") ?? "").startsWith("application/json")) return response;
  const object = await response.clone().json();
  let bytes: Uint8Array;
  try {
    bytes = encodeKubernetesProtobuf(object);
  } catch (error) {
    if (!(error instanceof ProtobufError)) throw error;
    const status = new StatusError(
      406,
      "NotAcceptable",
      `only the following media types are accepted: application/json, application/yaml (no protobuf encoding of ${
        object?.apiVersion ?? ""
      } ${object?.kind ?? "this response"})`,
    );
    return new Response(JSON.stringify(status.toStatus()), {
      status: 406,
      headers: { ...headers, "content-type": "application/json" },
    });
  }
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    status: response.status,
    headers: { ...headers, "content-type": PROTOBUF },
  });
}

/** The middleware form of `protobufResponse`, for the Hono routes (discovery, /version, ...). */
export function protobufResponses(): MiddlewareHandler<KubeEnv> {
  return async (c, next) => {
    await next();
    if (!needsProtobuf(c.req.raw, c.req.path, c.res.status)) return;
    const answer = await protobufResponse(c.res);
    if (answer !== c.res) c.res = answer;
  };
}
