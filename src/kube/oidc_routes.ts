// Service account issuer discovery: `/.well-known/openid-configuration` and `/openid/v1/jwks`, as
// k8s.io/kubernetes pkg/serviceaccount/openidmetadata.go serves them (jwks_uri on the server's
// own address, an hour of public caching).

import type { Hono } from "hono";
import type { KubeEnv, ServedCluster } from "./kube_env.ts";
import { StatusError } from "./status_error.ts";
import { ISSUER } from "./token_authentication.ts";

const CACHE_CONTROL = "public, max-age=3600";

/** Adds the two discovery documents; the cluster's key is made on the first JWKS read. */
export function addOidcRoutes(app: Hono<KubeEnv>): void {
  app.get(
    "/.well-known/openid-configuration",
    (c) =>
      new Response(openIdConfiguration(c.env.cluster), {
        headers: { "content-type": "application/json", "cache-control": CACHE_CONTROL },
      }),
  );
  app.get("/openid/v1/jwks", async (c) => {
    const cluster = c.env.cluster;
    if (!cluster.serviceAccountKey) throw StatusError.noSuchPath();
    const key = await cluster.serviceAccountKey();
    return new Response(JSON.stringify({ keys: [key.jwk] }), {
      headers: { "content-type": "application/jwk-set+json", "cache-control": CACHE_CONTROL },
    });
  });
}

function openIdConfiguration(cluster: ServedCluster): string {
  return JSON.stringify({
    issuer: ISSUER,
    jwks_uri: `https://${cluster.serverAddress}/openid/v1/jwks`,
    response_types_supported: ["id_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
  });
}
