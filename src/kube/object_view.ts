// How stored objects look on the wire: type meta set for the served version, none inside built-in lists.

import { defaultedOnRead } from "../api/crd/mod.ts";
import { goSortedUnstructured } from "../api/schema/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";

/** `v1` or `apps/v1`. */
export function apiVersionOf(resource: ResourceType): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

/**
 * A stored object as reads see it: custom resources with the defaults their schema gained since
 * they were written (a shared copy; the stored object is untouched). Others are returned as is.
 */
export function readView(resource: ResourceType, object: KubeObject): KubeObject {
  const schema = resource.customSchema;
  return schema ? defaultedOnRead(schema, object) : object;
}

/** The object as GET/PUT/POST answer it: with apiVersion (of the served version) and kind. */
export function forResponse(resource: ResourceType, stored: KubeObject): KubeObject {
  const object = readView(resource, stored);
  const apiVersion = apiVersionOf(resource);
  if (object.apiVersion === apiVersion && object.kind === resource.kind) return object;
  const { apiVersion: _a, kind: _k, ...rest } = object;
  const typed = { apiVersion, kind: resource.kind, ...rest } as KubeObject;
  // A custom resource's keys are all sorted (a top-level `data` sits between the two).
  return resource.custom ? goSortedUnstructured(typed, object) : typed;
}

/**
 * The object as a list item: built-in lists carry no type meta per item (typed encoding), custom
 * resource lists do (unstructured encoding), as the apiserver sends them.
 */
export function forList(resource: ResourceType, object: KubeObject): Partial<KubeObject> {
  if (resource.custom) return forResponse(resource, object);
  const { apiVersion: _a, kind: _k, ...rest } = object;
  return rest;
}
