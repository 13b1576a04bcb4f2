// The admin kubeconfig of a fake cluster, shaped like the `<cluster>-kubeconfig` CAPI writes.

import { stringify } from "yaml";

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
      cluster: { server: parts.serverUrl, "certificate-authority-data": base64(parts.caPem) },
    }],
    users: [{
      name: user,
      user: {
        "client-certificate-data": base64(parts.clientCertPem),
        "client-key-data": base64(parts.clientKeyPem),
      },
    }],
    contexts: [{ name: context, context: { cluster: parts.clusterName, user } }],
    "current-context": context,
    preferences: {},
  });
}

/** Standard base64 of a UTF-8 string. */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
