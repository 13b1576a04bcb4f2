// Bearer tokens on a cluster's API: the service account tokens its TokenRequest issued, checked
// against its store, as kube-apiserver's bearer token authenticator does.

import {
  authenticateToken,
  DEFAULT_ISSUER,
  type StoredRef,
  type TokenAuthentication,
  type TokenLookups,
  unverifiedClaims,
} from "../auth/mod.ts";
import { BUILTIN_CATALOG } from "../resources/mod.ts";
import type { ObjectStore } from "../store/mod.ts";
import type { ServedCluster } from "./kube_env.ts";

const SERVICE_ACCOUNTS = BUILTIN_CATALOG.byKey("serviceaccounts")!;
const PODS = BUILTIN_CATALOG.byKey("pods")!;
const SECRETS = BUILTIN_CATALOG.byKey("secrets")!;

/** The issuer of a cluster's tokens: kubeadm's `--service-account-issuer`. */
export const ISSUER = DEFAULT_ISSUER;

/** kube-apiserver's API audiences: the issuer, as kubeadm leaves `--api-audiences` unset. */
export const API_AUDIENCES: readonly string[] = [ISSUER];

/**
 * Authenticates a token against the cluster: undefined when no authenticator knows it, an
 * AuthError (thrown) when it is a service account token that does not hold.
 */
export async function authenticateClusterToken(
  cluster: ServedCluster,
  token: string,
  audiences: readonly string[],
  now: Date,
): Promise<TokenAuthentication | undefined> {
  if (unverifiedClaims(token)?.iss !== ISSUER) return undefined;
  // A cluster that never issued a token has no key and so no valid token: a forged one must not
  // make the cluster generate a key (RSA generation costs 0.3-1 s of CPU).
  const key = await cluster.existingServiceAccountKey?.();
  return authenticateToken(token, key, {
    issuer: ISSUER,
    audiences,
    now,
    lookups: lookupsOf(cluster.store),
  });
}

function lookupsOf(store: ObjectStore): TokenLookups {
  const ref = (object: ReturnType<ObjectStore["get"]>): StoredRef | undefined =>
    object && { uid: object.metadata.uid, deletionTimestamp: object.metadata.deletionTimestamp };
  return {
    serviceAccount: (namespace, name) => ref(store.get(SERVICE_ACCOUNTS, namespace, name)),
    pod: (namespace, name) => ref(store.get(PODS, namespace, name)),
    secret: (namespace, name) => ref(store.get(SECRETS, namespace, name)),
  };
}
