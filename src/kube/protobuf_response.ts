// Answers clients that accept only protobuf (no JSON, no */*): encoded objects, or 406 NotAcceptable.

import type { MiddlewareHandler } from "hono";
import { encodeKubernetesProtobuf, ProtobufError } from "../protobuf/mod.ts";
import type { KubeEnv } from "./kube_env.ts";
import { StatusError } from "./status_error.ts";

const PROTOBUF = "application/vnd.kubernetes.protobuf";

/** Whether an Accept header admits only protobuf, so a JSON answer would be refused by the client. */
export function acceptsOnlyProtobuf(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(",").map((part) => part.split(";")[0].trim().toLowerCase());
  return types.includes(PROTOBUF) &&
    !types.some((t) => t === "application/json" || t === "*/*" || t === "application/*");
}

/**
 * After a handler: a successful JSON object answer to a protobuf-only client is re-encoded in
 * Kubernetes protobuf when fkas knows the kind's message, else refused with 406. Errors stay JSON
 * (client-go decodes a Status by its Content-Type).
 */
export function protobufResponses(): MiddlewareHandler<KubeEnv> {
  return async (c, next) => {
    await next();
    if (!acceptsOnlyProtobuf(c.req.header("accept")) || c.res.status >= 300) return;
    // Watch streams never end on their own: they stay JSON (clients that watch also accept it).
    const query = new URL(c.req.url).searchParams;
    if (/^(true|1)$/.test(query.get("watch") ?? "") || c.req.path.includes("/watch/")) return;
    if (!(c.res.headers.get("content-type") ?? "").startsWith("application/json")) return;
    const object = await c.res.clone().json();
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
      c.res = new Response(JSON.stringify(status.toStatus()), {
        status: 406,
        headers: { "Content-Type": "application/json" },
      });
      return;
    }
    c.res = new Response(bytes as Uint8Array<ArrayBuffer>, {
      status: c.res.status,
      headers: { "Content-Type": PROTOBUF },
    });
  };
}
