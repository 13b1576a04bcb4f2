// A controller's status write as kube-apiserver stores it: the new status and the managedFields entry it leaves.

import type { KubeObject } from "../store/mod.ts";
import type { ControlledResource, ControllerContext } from "./controller_context.ts";

/**
 * `object` with `status` as kube-controller-manager writes it through the status subresource:
 * its managedFields carry the controller's status entry when the cluster records them
 * (`statusManagedFields`), else are left as they were.
 */
export function withStatus(
  context: ControllerContext,
  resource: ControlledResource,
  object: KubeObject,
  status: unknown,
): KubeObject {
  const previous = object.metadata.managedFields;
  const entries = context.options.statusManagedFields?.(resource, object, status);
  if (entries === undefined || entries === previous) return { ...object, status };
  const metadata: KubeObject["metadata"] = { ...object.metadata, managedFields: entries };
  if (entries.length === 0) delete metadata.managedFields;
  return { ...object, metadata, status };
}
