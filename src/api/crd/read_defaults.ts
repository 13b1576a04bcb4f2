// Defaults applied to custom resources read back from storage, as apiextensions' storage decoder does.
//
// kube-apiserver defaults a custom resource each time it decodes it from etcd
// (apiextensions-apiserver pkg/apiserver/customresource_handler.go `unstructuredDefaulter`, the
// storage codec's defaulter): an object stored before its CRD gained a default is read with it
// (GET, LIST, watch), while etcd keeps the object as written. Here stored objects are never
// mutated: a defaulted copy is made once per stored object version and schema, and objects that
// lack nothing (most of them, written after the default existed) are answered as they are.

import type { CustomResourceSchema } from "./custom_resource_schema.ts";
import { applyDefaults, lacksDefaults } from "./defaulting.ts";
import { goSortedUnstructured } from "../schema/mod.ts";

// The store never mutates an object it handed out, so identity stands for content.
const views = new WeakMap<object, { root: object; view: object }>();

/**
 * `object` as a read shows it under `schema`: itself when no default is missing, else a defaulted
 * copy (the same copy for every read of this object version).
 */
export function defaultedOnRead<T extends object>(schema: CustomResourceSchema, object: T): T {
  const root = schema.root;
  if (!root.hasDefaults) return object;
  const seen = views.get(object);
  if (seen?.root === root) return seen.view as T;
  let view = object;
  if (lacksDefaults(root, object)) {
    const copy = structuredClone(object);
    applyDefaults(root, copy, false);
    // Stored keys are in Go's order (unstructured_order.ts); the defaults join them there.
    view = goSortedUnstructured(copy);
    // A later read of the copy itself (a response view of it) finds it complete.
    views.set(view, { root, view });
  }
  views.set(object, { root, view });
  return view;
}
