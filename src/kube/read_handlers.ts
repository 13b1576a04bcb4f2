// GET of one object and LIST of a collection, in JSON or as a Table.

import type { KubeObject } from "../store/mod.ts";
import type { ServedCluster } from "./kube_env.ts";
import type { ResponseForm } from "./negotiation.ts";
import type { ResourceType } from "../resources/mod.ts";
import type { ResourceTarget } from "./resource_path.ts";
import { StatusError } from "./status_error.ts";
import { renderTable } from "./table.ts";

/** The body for GET of a named object. */
export function getObject(
  cluster: ServedCluster,
  target: ResourceTarget & { name: string },
  form: ResponseForm,
  now: Date,
): unknown {
  const object = cluster.store.get(target.resource, target.namespace, target.name);
  if (!object) throw StatusError.notFound(target.resource, target.name);
  if (form.kind === "table") {
    return renderTable(target.resource.key, [object], {
      now,
      includeObject: form.includeObject,
      resourceVersion: object.metadata.resourceVersion ?? "",
    });
  }
  return withTypeMeta(target.resource, object);
}

/** The body for LIST of a collection (namespace-scoped when the path names one). */
export function listObjects(
  cluster: ServedCluster,
  target: ResourceTarget,
  form: ResponseForm,
  now: Date,
): unknown {
  const { resource, namespace } = target;
  const items = cluster.store.list(resource, namespace);
  const resourceVersion = cluster.store.resourceVersion;
  if (form.kind === "table") {
    return renderTable(resource.key, items, {
      now,
      includeObject: form.includeObject,
      resourceVersion,
    });
  }
  return {
    kind: `${resource.kind}List`,
    apiVersion: apiVersionOf(resource),
    metadata: { resourceVersion },
    items: items.map(withoutTypeMeta),
  };
}

/** `v1` or `apps/v1`. */
export function apiVersionOf(resource: ResourceType): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

function withTypeMeta(resource: ResourceType, object: KubeObject): KubeObject {
  const { apiVersion: _a, kind: _k, ...rest } = object;
  return { apiVersion: apiVersionOf(resource), kind: resource.kind, ...rest } as KubeObject;
}

// Items of built-in lists carry no apiVersion/kind on the wire, as the apiserver encodes them.
function withoutTypeMeta(object: KubeObject): Omit<KubeObject, "apiVersion" | "kind"> {
  const { apiVersion: _a, kind: _k, ...rest } = object;
  return rest;
}
