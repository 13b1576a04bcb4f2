// How the garbage collector sees one ownerReference: live, gone, or deleting in foreground.

import type { OwnerReference } from "../store/mod.ts";
import { type ControllerContext, currentObject } from "./controller_context.ts";
import { FOREGROUND, isDeletingWith } from "./metadata.ts";
import type { ObjectLocation } from "./object_index.ts";

/**
 * `solid`: the owner exists and is not waiting for its dependents; `dangling`: no object of that
 * kind, name and uid exists where the dependent may see it; `waiting`: the owner is being
 * deleted in foreground; `unresolvable`: the kind is not served, or a cluster-scoped dependent
 * names a namespaced owner (upstream gives up on such items: they are never collected).
 */
export type OwnerState = "solid" | "dangling" | "waiting" | "unresolvable";

/** Classifies a dependent's reference as upstream `classifyReferences`/`isDangling` do. */
export function classifyOwner(
  context: ControllerContext,
  dependent: ObjectLocation,
  reference: OwnerReference,
): OwnerState {
  const kind = context.options.resourceForKind(reference.apiVersion, reference.kind);
  if (!kind) return "unresolvable";
  if (kind.namespaced && dependent.namespace === undefined) return "unresolvable";
  // A namespaced owner is looked up in the dependent's namespace: one elsewhere counts as absent;
  // so does an object of that name with another uid.
  const owner = currentObject(context, {
    uid: reference.uid,
    resource: kind.key,
    namespace: kind.namespaced ? dependent.namespace : undefined,
    name: reference.name,
  });
  if (!owner) return "dangling";
  return isDeletingWith(owner.object, FOREGROUND) ? "waiting" : "solid";
}
