// The objects of one resource whose controller ownerReference names an owner, read from the index.

import type { KubeObject } from "../store/mod.ts";
import type { ControlledResource, ControllerContext, SentShape } from "./controller_context.ts";
import { ownerReferencesOf } from "./metadata.ts";

/** Stored objects under `resourceKey` whose controller reference has `ownerUid`. */
export function controlledObjects(
  context: ControllerContext,
  ownerUid: string,
  resourceKey: string,
): KubeObject[] {
  const resource = context.options.resources(resourceKey);
  if (!resource) return [];
  const found: KubeObject[] = [];
  for (const location of context.index.dependentsOf(ownerUid)) {
    if (location.resource !== resourceKey) continue;
    const object = context.store.get(resource, location.namespace, location.name);
    if (!object || object.metadata.uid !== location.uid) continue;
    if (ownerReferencesOf(object).some((r) => r.controller && r.uid === ownerUid)) {
      found.push(object);
    }
  }
  return found;
}

/** The controller ownerReference of an object, if any. */
export function controllerOf(
  object: KubeObject,
): { kind: string; name: string; uid: string } | undefined {
  return ownerReferencesOf(object).find((r) => r.controller);
}

/** Creates `make()`'s object, trying a fresh generated name when one is taken (AlreadyExists). */
export function createWithGeneratedName(
  context: ControllerContext,
  resourceKey: string,
  make: () => KubeObject,
): KubeObject | undefined {
  const resource = context.options.resources(resourceKey);
  if (!resource) return undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    const object = make();
    if (context.store.get(resource, object.metadata.namespace, object.metadata.name ?? "")) {
      continue;
    }
    return createAsController(context, resource, object);
  }
  return undefined;
}

// The shapes controllers' objects share with others (equal shapes: equal managed fields).
const sentShapes = new WeakMap<KubeObject, SentShape>();

/** Records the shape `object` shares with others a controller makes (equal managed fields). */
export function recordSentShape(object: KubeObject, shape: SentShape): void {
  sentShapes.set(object, shape);
}

/**
 * Stores `object` as kube-apiserver stores a controller's POST: decode-time defaults, the field
 * manager's entry of what was sent (kube-controller-manager's), then the registry's create rules
 * and admission, whose additions are no manager's (`ControllerOptions.apiserver`). Undefined when
 * admission refuses it (the controller's create fails and a later sync tries again, as upstream's
 * FailedCreate).
 */
export function createAsController(
  context: ControllerContext,
  resource: ControlledResource,
  object: KubeObject,
): KubeObject | undefined {
  const { apiserver, createdManagedFields } = context.options;
  apiserver?.decode(resource, object);
  const entries = createdManagedFields?.(resource, object, sentShapes.get(object));
  if (entries) object.metadata = { ...object.metadata, managedFields: entries as never };
  if (apiserver) {
    try {
      apiserver.admit(resource, object);
    } catch (error) {
      context.options.onError?.(error);
      return undefined;
    }
  }
  return context.store.create(resource, object);
}
