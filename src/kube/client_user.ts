// The `user.Info` of a request's client, as kube-apiserver's authentication chain reports it.

import { certificateUser, type UserInfo, withAuthenticated } from "../auth/mod.ts";
import type { ClientIdentity } from "./kube_env.ts";

// What the anonymous authenticator answers (--anonymous-auth=true).
const ANONYMOUS: UserInfo = { username: "system:anonymous", groups: ["system:unauthenticated"] };

/**
 * The client's user: a certificate's CN and O, or a token's user, each with
 * `system:authenticated`; `system:anonymous` when nothing authenticated it.
 */
export function clientUser(client: ClientIdentity): UserInfo {
  if (!client.authenticated) return ANONYMOUS;
  if (!client.viaToken) return certificateUser(client.user, client.groups);
  return {
    username: client.user ?? "",
    groups: withAuthenticated(client.groups),
    ...(client.uid ? { uid: client.uid } : {}),
    ...(client.extra ? { extra: client.extra } : {}),
  };
}
