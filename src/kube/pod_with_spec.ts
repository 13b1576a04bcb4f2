// The stored pod with another spec, as a pod subresource's strategy stores it (ephemeral
// containers, resize): ResetObjectMetaForStatus keeps the stored metadata but for the body's
// resourceVersion (the write's precondition) and managedFields.

import type { KubeObject } from "../store/mod.ts";

/** `current` with `spec` and the body's resourceVersion and managedFields (none when it sent none). */
export function storedPodWithSpec(
  current: KubeObject,
  incoming: KubeObject,
  spec: Record<string, unknown>,
): KubeObject {
  const updated = {
    ...current,
    metadata: {
      ...current.metadata,
      resourceVersion: incoming.metadata.resourceVersion,
      managedFields: incoming.metadata.managedFields,
    },
    spec,
  } as KubeObject;
  if (updated.metadata.managedFields === undefined) delete updated.metadata.managedFields;
  return updated;
}
