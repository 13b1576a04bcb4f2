// Picks the version of a management-cluster resource to use from what the server serves.

import type { ManagementClient, ResourceRef } from "./management_client.ts";
import { ManagementError } from "./management_client.ts";

/**
 * A resource whose version is found by discovery on first use (the first of `preferred` the
 * server serves, else its preferred version) and found again after a 404 (CRDs upgraded).
 */
export function servedResource(
  client: ManagementClient,
  group: string,
  plural: string,
  preferred: readonly string[],
): { resolve(): Promise<ResourceRef>; forget(): void } {
  let resolved: ResourceRef | undefined;
  return {
    async resolve() {
      if (resolved) return resolved;
      const versions = await client.servedVersions(group);
      const version = preferred.find((v) => versions.includes(v)) ?? versions[0];
      if (!version) {
        throw new ManagementError(`the management cluster serves no ${plural}.${group} (yet)`);
      }
      resolved = { group, version, plural };
      return resolved;
    },
    forget() {
      resolved = undefined;
    },
  };
}
