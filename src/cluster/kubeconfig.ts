// The admin kubeconfig of a fake cluster, shaped like the `<cluster>-kubeconfig` CAPI writes.

import { stringify } from "yaml";
import { base64Utf8 } from "../encoding/mod.ts";

/** What goes into an admin kubeconfig. */
export interface KubeconfigParts {
  readonly clusterName: string;
  readonly serverUrl: string;
  readonly caPem: string;
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
}

/** Renders the kubeconfig YAML (cluster `<name>`, user `<name>-admin`, context `<name>-admin@<name>`). */
export function renderKubeconfig(parts: KubeconfigParts): string {
  const user = `${parts.clusterName}-admin`;
  const context = `${user}@${parts.clusterName}`;
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{
      name: parts.clusterName,
      cluster: { server: parts.serverUrl, "certificate-authority-data": base64Utf8(parts.caPem) },
    }],
    users: [{
      name: user,
      user: {
        "client-certificate-data": base64Utf8(parts.clientCertPem),
        "client-key-data": base64Utf8(parts.clientKeyPem),
      },
    }],
    contexts: [{ name: context, context: { cluster: parts.clusterName, user } }],
    "current-context": context,
    preferences: {},
  });
}
