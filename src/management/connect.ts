// Connects fkas to its management cluster: kubeconfig or in-cluster credentials over HTTPS.

import { environment, httpsStream, httpsText, readTextFile, runCommand } from "../runtime/mod.ts";
import {
  type CredentialEnvironment,
  inClusterEndpoint,
  kubeconfigEndpoint,
} from "./kubeconfig_credentials.ts";
import {
  type ManagementClient,
  ManagementError,
  type ManagementWrites,
} from "./management_client.ts";
import { restClient } from "./rest_client.ts";

/** Where the management cluster's credentials come from. */
export type ManagementSource = { readonly kind: "kubeconfig"; readonly path: string } | {
  readonly kind: "in-cluster";
};

/** A client for the management cluster (nothing is sent until the first call). */
export function connectManagementCluster(
  source: ManagementSource,
): ManagementClient & ManagementWrites {
  const env: CredentialEnvironment = { readFile: readTextFile, runCommand, now: Date.now };
  try {
    const endpoint = source.kind === "kubeconfig"
      ? kubeconfigEndpoint(source.path, env)
      : inClusterEndpoint(environment(), env);
    return restClient(endpoint, { text: httpsText, stream: httpsStream });
  } catch (cause) {
    throw new ManagementError(
      `Cannot use the management cluster: ${(cause as Error).message}`,
      undefined,
      { cause },
    );
  }
}
