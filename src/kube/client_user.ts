// The `user.Info` of a request's client, as kube-apiserver's authentication chain reports it.

import { certificateUser, type UserInfo } from "../auth/mod.ts";
import { atLeastMinor } from "./cluster_minor.ts";
import type { ClientIdentity } from "./kube_env.ts";

// What the anonymous authenticator answers (--anonymous-auth=true).
const ANONYMOUS: UserInfo = { username: "system:anonymous", groups: ["system:unauthenticated"] };

/**
 * The client's user: a certificate's CN and O with `system:authenticated`, a token's or an
 * impersonated user as resolved; `system:anonymous` when nothing authenticated it.
 */
export function clientUser(client: ClientIdentity, kubernetesVersion = ""): UserInfo {
  if (!client.authenticated) return ANONYMOUS;
  if (!client.authorizeByRbac) {
    const user = certificateUser(client.user, client.groups);
    // x509's CommonNameUserConversion adds the certificate's credential ID since 1.32.
    if (!client.certificateSha256 || !atLeastMinor(kubernetesVersion, 32)) return user;
    const credential = [`X509SHA256=${client.certificateSha256}`];
    return { ...user, extra: { "authentication.kubernetes.io/credential-id": credential } };
  }
  return {
    username: client.user ?? "",
    groups: client.groups,
    ...(client.uid ? { uid: client.uid } : {}),
    ...(client.extra ? { extra: client.extra } : {}),
  };
}
