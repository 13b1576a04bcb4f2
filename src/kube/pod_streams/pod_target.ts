// Which pod stream a path names: `/api/v1/namespaces/<ns>/pods/<name>/{log,exec,attach}`.

import { BUILTIN_CATALOG } from "../../resources/mod.ts";

/** The pods resource. */
export const PODS = BUILTIN_CATALOG.byKey("pods")!;

/** A pod stream subresource. */
export type PodStream = "log" | "exec" | "attach";

/** The namespace, pod and stream of a path's segments after `/api/v1/`, or undefined. */
export function podStreamTarget(
  segments: readonly string[],
): { namespace: string; name: string; stream: PodStream } | undefined {
  if (segments.length !== 5 || segments[0] !== "namespaces" || segments[2] !== "pods") {
    return undefined;
  }
  const stream = segments[4];
  if (stream !== "log" && stream !== "exec" && stream !== "attach") return undefined;
  return { namespace: segments[1], name: segments[3], stream };
}
