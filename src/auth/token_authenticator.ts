// Authenticates a bearer token issued by a cluster's TokenRequest, as kube-apiserver's service
// account JWT authenticator does (k8s.io/kubernetes pkg/serviceaccount/jwt.go
// `AuthenticateToken`, claims.go `Validate`): issuer, signature, audiences, time, then the
// service account and bound objects still existing with the same uid.

import { AuthError } from "./auth_error.ts";
import { type ServiceAccountKey, unverifiedClaims } from "./service_account_key.ts";
import {
  serviceAccountGroups,
  serviceAccountUsername,
  type UserInfo,
  withAuthenticated,
} from "./user_info.ts";

/** An object a token refers to, as the cluster stores it. */
export interface StoredRef {
  readonly uid?: string;
  readonly deletionTimestamp?: string;
}

/** How the authenticator reads the cluster (the service account and the token's bound objects). */
export interface TokenLookups {
  serviceAccount(namespace: string, name: string): StoredRef | undefined;
  pod(namespace: string, name: string): StoredRef | undefined;
  secret(namespace: string, name: string): StoredRef | undefined;
}

/** A token that authenticated: its user (with `system:authenticated`) and matching audiences. */
export interface TokenAuthentication {
  readonly user: UserInfo;
  readonly audiences: readonly string[];
}

/** What authenticating a token needs besides the token. */
export interface TokenAuthOptions {
  readonly issuer: string;
  /** The audiences asked for (a TokenReview's, else the API audiences: the issuer). */
  readonly audiences: readonly string[];
  readonly now: Date;
  readonly lookups: TokenLookups;
}

// jwt.DefaultLeeway: a minute of clock skew either way.
const LEEWAY_SECONDS = 60;

/**
 * Authenticates a token: undefined when it is not this issuer's JWT (other authenticators may
 * know it); throws AuthError with kube-apiserver's message when it is but does not hold.
 */
export async function authenticateToken(
  token: string,
  key: ServiceAccountKey | undefined,
  options: TokenAuthOptions,
): Promise<TokenAuthentication | undefined> {
  const unverified = unverifiedClaims(token);
  if (!unverified || unverified.iss !== options.issuer) return undefined;
  if (!key) throw new AuthError("go-jose/go-jose: error in cryptographic primitive");
  const claims = await key.verify(token);
  const tokenAudiences = stringList(claims.aud);
  const audiences = tokenAudiences.filter((a) => options.audiences.includes(a));
  if (audiences.length === 0) {
    throw new AuthError(
      `token audiences ${goQuoted(tokenAudiences)} is invalid for the target audiences ${
        goQuoted(options.audiences)
      }`,
    );
  }
  const now = Math.floor(options.now.getTime() / 1000);
  if (typeof claims.exp === "number" && now > claims.exp + LEEWAY_SECONDS) {
    throw new AuthError("service account token has expired");
  }
  if (typeof claims.nbf === "number" && now + LEEWAY_SECONDS < claims.nbf) {
    throw new AuthError("service account token is not valid yet");
  }
  return { user: userOf(claims, options), audiences };
}

// claims.go Validate: the service account (and any bound pod or secret) must still exist, not
// deleted longer than the leeway ago, with the uid the token names.
function userOf(claims: Record<string, unknown>, options: TokenAuthOptions): UserInfo {
  const k8s = record(claims["kubernetes.io"]);
  const namespace = text(k8s.namespace);
  const sa = record(k8s.serviceaccount);
  const pod = k8s.pod === undefined ? undefined : record(k8s.pod);
  const secret = k8s.secret === undefined ? undefined : record(k8s.secret);
  const node = k8s.node === undefined ? undefined : record(k8s.node);
  const { lookups } = options;
  const deletedBefore = options.now.getTime() - LEEWAY_SECONDS * 1000;
  const gone = (object: StoredRef) =>
    object.deletionTimestamp !== undefined && Date.parse(object.deletionTimestamp) < deletedBefore;

  const account = lookups.serviceAccount(namespace, text(sa.name));
  if (!account) throw new AuthError(`serviceaccounts ${JSON.stringify(text(sa.name))} not found`);
  if (gone(account)) {
    throw new AuthError(`service account ${namespace}/${text(sa.name)} has been deleted`);
  }
  if ((account.uid ?? "") !== text(sa.uid)) {
    throw new AuthError(
      `service account UID (${account.uid ?? ""}) does not match claim (${text(sa.uid)})`,
    );
  }
  if (secret) {
    const stored = lookups.secret(namespace, text(secret.name));
    if (!stored || gone(stored)) throw new AuthError("service account token has been invalidated");
    if ((stored.uid ?? "") !== text(secret.uid)) {
      throw new AuthError(
        `secret UID (${stored.uid ?? ""}) does not match service account secret ref claim (${
          text(secret.uid)
        })`,
      );
    }
  }
  const extra: Record<string, string[]> = {};
  if (pod) {
    const stored = lookups.pod(namespace, text(pod.name));
    if (!stored || gone(stored)) throw new AuthError("service account token has been invalidated");
    if ((stored.uid ?? "") !== text(pod.uid)) {
      throw new AuthError(
        `pod UID (${stored.uid ?? ""}) does not match service account pod ref claim (${
          text(pod.uid)
        })`,
      );
    }
    extra["authentication.kubernetes.io/pod-name"] = [text(pod.name)];
    extra["authentication.kubernetes.io/pod-uid"] = [text(pod.uid)];
  }
  // ServiceAccountInfo.UserInfo: credential-id from the jti, then the node the token names.
  if (typeof claims.jti === "string" && claims.jti) {
    extra["authentication.kubernetes.io/credential-id"] = [`JTI=${claims.jti}`];
  }
  if (node && text(node.name)) {
    extra["authentication.kubernetes.io/node-name"] = [text(node.name)];
    if (text(node.uid)) extra["authentication.kubernetes.io/node-uid"] = [text(node.uid)];
  }
  return {
    username: serviceAccountUsername(namespace, text(sa.name)),
    uid: text(sa.uid),
    groups: withAuthenticated(serviceAccountGroups(namespace)),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : {};
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

// jwt.Audience accepts a string or a list of strings.
function stringList(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

// Go's %q of a []string: `["a" "b"]`.
function goQuoted(values: readonly string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(" ")}]`;
}
