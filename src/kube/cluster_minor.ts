// Which Kubernetes minor a cluster reports, for behaviour that changed between minors.

import { kubernetesMinor } from "../api/version/mod.ts";

/** Whether `v1.<minor>.<patch>` is at least `1.<minor>`; false when the version does not parse. */
export function atLeastMinor(kubernetesVersion: string, minor: number): boolean {
  return (kubernetesMinor(kubernetesVersion) ?? -1) >= minor;
}

/**
 * The `metadata` of an answer built from a request body (reviews, TokenRequest, Scale): 1.33
 * and older print the zero `creationTimestamp` as null, omitted since apimachinery 0.34's
 * `omitzero` (kubernetes/apimachinery 503b9897).
 */
export function answerMetadata(
  kubernetesVersion: string,
  metadata: Record<string, unknown>,
): Record<string, unknown> {
  const { creationTimestamp, ...rest } = metadata;
  if (atLeastMinor(kubernetesVersion, 34)) {
    return creationTimestamp === null || creationTimestamp === undefined ? rest : metadata;
  }
  return { ...rest, creationTimestamp: creationTimestamp ?? null };
}
