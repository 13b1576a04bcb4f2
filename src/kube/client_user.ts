// The `user.Info` of a request's client, as kube-apiserver's authentication chain reports it.

import { certificateUser, type UserInfo } from "../auth/mod.ts";
import type { ClientIdentity } from "./kube_env.ts";

// What the anonymous authenticator answers (--anonymous-auth=true).
const ANONYMOUS: UserInfo = { username: "system:anonymous", groups: ["system:unauthenticated"] };

/**
 * The client's user: a certificate's CN and O with `system:authenticated`, a token's or an
 * impersonated user as resolved; `system:anonymous` when nothing authenticated it.
 */
export function clientUser(client: ClientIdentity): UserInfo {
  if (!client.authenticated) return ANONYMOUS;
  if (!client.authorizeByRbac) return certificateUser(client.user, client.groups);
  return {
    username: client.user ?? "",
    groups: client.groups,
    ...(client.uid ? { uid: client.uid } : {}),
    ...(client.extra ? { extra: client.extra } : {}),
  };
}
