// Decides where the management cluster is: a kubeconfig, the pod's service account, or nowhere.

import type { ManagementSource } from "./connect.ts";

/** Where the service account token of a pod is mounted. */
export const SERVICE_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

/**
 * `--management-kubeconfig`: a path, `in-cluster` or `none`; unset means in-cluster when fkas runs
 * in a pod (KUBERNETES_SERVICE_HOST set and a service account token mounted), else none.
 */
export function managementSource(
  setting: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  fileExists: (path: string) => boolean,
): ManagementSource | undefined {
  if (setting === "none") return undefined;
  if (setting === "in-cluster") return { kind: "in-cluster" };
  if (setting !== undefined) return { kind: "kubeconfig", path: setting };
  const inPod = Boolean(env.KUBERNETES_SERVICE_HOST) && fileExists(SERVICE_ACCOUNT_TOKEN);
  return inPod ? { kind: "in-cluster" } : undefined;
}
