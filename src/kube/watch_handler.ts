// Serves watch requests (placeholder until the watch module lands).

import type { Context } from "hono";
import type { KubeBindings } from "./kube_env.ts";
import type { ResourceTarget } from "./resource_path.ts";
import { StatusError } from "./status_error.ts";

/** Returns the watch server for the kube app. */
export function serveWatch(_now: () => Date) {
  return (
    _c: Context<{ Bindings: KubeBindings }>,
    target: ResourceTarget,
    _query: URLSearchParams,
  ): Response => {
    throw StatusError.methodNotAllowed("WATCH", target.resource);
  };
}
