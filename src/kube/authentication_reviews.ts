// The authentication.k8s.io reviews: TokenReview (a token's user) and SelfSubjectReview (the
// requester's), as k8s.io/kubernetes pkg/registry/authentication/{tokenreview,selfsubjectreview}
// answer them.

import { AuthError, type UserInfo } from "../auth/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { answerMetadata } from "./cluster_minor.ts";
import type { ServedCluster } from "./kube_env.ts";
import { StatusError } from "./status_error.ts";
import { API_AUDIENCES, authenticateClusterToken } from "./token_authentication.ts";

const API_VERSION = "authentication.k8s.io/v1";

type Body = Record<string, unknown>;

/** SelfSubjectReview: the requester's user, stamped with the time of the answer. */
export function selfSubjectReview(user: UserInfo, now: Date): Body {
  return {
    kind: "SelfSubjectReview",
    apiVersion: API_VERSION,
    metadata: { creationTimestamp: now.toISOString().replace(/\.\d+Z$/, "Z") },
    status: { userInfo: userInfoJson(user) },
  };
}

/**
 * TokenReview: whether `spec.token` authenticates for `spec.audiences` (the API audiences when
 * none), with the user and the audiences it is good for, or the authenticator's error.
 */
export async function tokenReview(
  cluster: ServedCluster,
  object: KubeObject,
  now: Date,
): Promise<Body> {
  const body = object as unknown as Body;
  const spec = isRecord(body.spec) ? body.spec : {};
  const token = typeof spec.token === "string" ? spec.token : "";
  if (!token) {
    throw StatusError.badRequest("token is required for TokenReview in authentication.k8s.io");
  }
  const requested = Array.isArray(spec.audiences)
    ? spec.audiences.filter((a): a is string => typeof a === "string")
    : [];
  let status: Body;
  try {
    const result = await authenticateClusterToken(
      cluster,
      token,
      requested.length ? requested : API_AUDIENCES,
      now,
    );
    // bearertoken.Authenticator: a token no authenticator knows is "invalid bearer token".
    status = result
      ? { authenticated: true, user: userInfoJson(result.user), audiences: result.audiences }
      : { user: {}, error: "invalid bearer token" };
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    status = { user: {}, error: error.message };
  }
  return {
    kind: "TokenReview",
    apiVersion: API_VERSION,
    metadata: answerMetadata(
      cluster.kubernetesVersion,
      isRecord(body.metadata) ? body.metadata : {},
    ),
    spec: { token, ...(requested.length ? { audiences: requested } : {}) },
    status,
  };
}

// authentication/v1.UserInfo: every field omitted when empty.
function userInfoJson(user: UserInfo): Body {
  const extra = user.extra && Object.keys(user.extra).length > 0 ? user.extra : undefined;
  return {
    ...(user.username ? { username: user.username } : {}),
    ...(user.uid ? { uid: user.uid } : {}),
    ...(user.groups.length ? { groups: user.groups } : {}),
    ...(extra ? { extra } : {}),
  };
}

function isRecord(value: unknown): value is Body {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
