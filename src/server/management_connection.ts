// The management cluster fkas uses, when one is configured or fkas runs in a pod.

import type { Config } from "../config/mod.ts";
import {
  connectManagementCluster,
  type ManagementClient,
  managementSource,
  type ManagementWrites,
} from "../management/mod.ts";
import { environment, fileExists } from "../runtime/mod.ts";

/** Connects to the management cluster; undefined without one (an error if a mode needs it). */
export function connectManagement(
  config: Config,
): (ManagementClient & ManagementWrites) | undefined {
  const source = managementSource(config.managementKubeconfig, environment(), fileExists);
  if (!source) {
    const needs = config.watch !== "none"
      ? `--watch ${config.watch}`
      : config.provider
      ? "--provider"
      : config.caSource === "secrets"
      ? "--ca-source secrets"
      : undefined;
    if (needs) {
      throw new Error(`${needs} needs a management cluster: set --management-kubeconfig`);
    }
    return undefined;
  }
  return connectManagementCluster(source);
}
