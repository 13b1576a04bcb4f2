// The proxy subresources of pods, services and nodes (`.../<name>/proxy[/<path>]`, every method):
// what kube-apiserver answers before it would dial anything. fkas has nothing to dial, so an
// object that exists and has an address keeps go-restful's 405.
//
// Seen from kube-apiserver v1.36.3 with scripts/oracle: a missing object (its name possibly
// `[scheme:]name[:port]`, net.SplitSchemeNamePort) is 404 NotFound for it; a service without an
// Endpoints object is 404 for the service (the endpoints lookup fails); a pod without a pod IP is
// 400 "address not allowed" (the proxy refuses the empty host).

import { BUILTIN_CATALOG } from "../resources/mod.ts";
import type { ServedCluster } from "./kube_env.ts";
import { StatusError } from "./status_error.ts";

const PODS = BUILTIN_CATALOG.byKey("pods")!;
const SERVICES = BUILTIN_CATALOG.byKey("services")!;
const NODES = BUILTIN_CATALOG.byKey("nodes")!;
const ENDPOINTS = BUILTIN_CATALOG.byKey("endpoints")!;

/** A proxy path of the core group: the resource, namespace and object name it addresses. */
export interface ProxyTarget {
  readonly resource: "pods" | "services" | "nodes";
  readonly namespace?: string;
  readonly name: string;
}

/** The proxy target of `/api/v1` path segments, or undefined for any other path. */
export function proxyTarget(segments: readonly string[]): ProxyTarget | undefined {
  if (segments[0] === "nodes" && segments[2] === "proxy" && segments.length >= 3) {
    return named("nodes", undefined, segments[1]);
  }
  if (segments[0] !== "namespaces" || segments[4] !== "proxy" || segments[1] === "") return;
  const resource = segments[2];
  if (resource !== "pods" && resource !== "services") return undefined;
  return named(resource, segments[1], segments[3]);
}

function named(
  resource: ProxyTarget["resource"],
  namespace: string | undefined,
  id: string,
): ProxyTarget | undefined {
  // net.SplitSchemeNamePort: `name`, `name:port` or `scheme:name:port`.
  const parts = id.split(":");
  const name = parts.length === 3 ? parts[1] : parts[0];
  if (parts.length > 3 || !name) return undefined;
  return { resource, namespace, name };
}

/**
 * Throws kube-apiserver's answer for a proxy request fkas can tell without dialing (404 for a
 * missing object, 400 for a pod without an IP); returns when the object could be dialed.
 */
export function checkProxyTarget(cluster: ServedCluster, target: ProxyTarget): void {
  const { namespace, name } = target;
  const resource = target.resource === "pods"
    ? PODS
    : target.resource === "services"
    ? SERVICES
    : NODES;
  const object = cluster.store.get(resource, namespace, name);
  if (!object) throw StatusError.notFound(resource, name);
  if (resource === SERVICES && !cluster.store.get(ENDPOINTS, namespace, name)) {
    throw StatusError.notFound(SERVICES, name);
  }
  if (resource === PODS && !(object.status as { podIP?: string } | undefined)?.podIP) {
    throw new StatusError(400, "BadRequest", "address not allowed", undefined);
  }
}
