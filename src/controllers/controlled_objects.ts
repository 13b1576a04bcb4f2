// The objects of one resource whose controller ownerReference names an owner, read from the index.

import type { KubeObject } from "../store/mod.ts";
import type { ControllerContext, SentShape } from "./controller_context.ts";
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
    const sent = sentForms.get(object);
    const entries = context.options.createdManagedFields?.(
      resource,
      sent?.object ?? object,
      sent?.shape,
    );
    if (entries) object.metadata = { ...object.metadata, managedFields: entries as never };
    return context.store.create(resource, object);
  }
  return undefined;
}

// Objects as their controller sent them, where admission changed them before they were stored.
const sentForms = new WeakMap<KubeObject, { object: KubeObject; shape?: SentShape }>();

/**
 * Records what a controller sent for `object` (which adds what admission would), and the shape
 * it shares with others (equal shapes: equal managed fields).
 */
export function recordSentForm(object: KubeObject, sent: KubeObject, shape?: SentShape): void {
  sentForms.set(object, { object: sent, shape });
}
