// Parses a Kubernetes REST path into resource, namespace, name and subresource.

import type { Catalog, ResourceType } from "../resources/mod.ts";
import { StatusError } from "./status_error.ts";

/** What a request path addresses. */
export interface ResourceTarget {
  readonly resource: ResourceType;
  /** The path's namespace; undefined for cluster-scoped resources and all-namespace lists. */
  readonly namespace?: string;
  readonly name?: string;
  readonly subresource?: string;
}

const NAMESPACE_SUBRESOURCES = new Set(["status", "finalize"]);

/**
 * Resolves the segments after `/api/v1` or `/apis/<group>/<version>`; throws a 404 StatusError
 * when they name nothing served.
 */
export function parseResourcePath(
  catalog: Catalog,
  group: string,
  version: string,
  segments: readonly string[],
): ResourceTarget {
  const find = (name: string) => {
    const resource = catalog.find(group, version, name);
    if (!resource) throw StatusError.noSuchPath();
    return resource;
  };
  const [first, second, third, fourth, fifth, ...rest] = segments;
  if (!first || rest.length > 0) throw StatusError.noSuchPath();
  const namespaced = first === "namespaces" && third !== undefined &&
    !(group === "" && NAMESPACE_SUBRESOURCES.has(third) && fourth === undefined);
  if (namespaced) {
    // `/namespaces//pods` names no namespace; it must not read as all of them.
    if (second === "") throw StatusError.noSuchPath();
    const resource = find(third);
    if (!resource.namespaced) throw StatusError.noSuchPath();
    return checkSubresource({ resource, namespace: second, name: fourth, subresource: fifth });
  }
  if (fourth !== undefined) throw StatusError.noSuchPath();
  return checkSubresource({ resource: find(first), name: second, subresource: third });
}

function checkSubresource(target: ResourceTarget): ResourceTarget {
  const { resource, subresource, name } = target;
  if (name === "") throw StatusError.noSuchPath();
  if (subresource !== undefined && !resource.subresources.some((s) => s.name === subresource)) {
    // apiextensions' handler answers an unknown subresource of a custom object as the object
    // missing (customresource_handler.go `ServeHTTP`, the subresource switch's default).
    if (resource.custom && name !== undefined) throw StatusError.notFound(resource, name);
    throw StatusError.noSuchPath();
  }
  return target;
}
