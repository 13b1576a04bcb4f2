// Which cluster a control request is about, read from its route (or its FKAS body) alone.

import { parseFkasObject } from "../../control/mod.ts";

/** How the peer layer treats a control request. */
export type ControlRoute =
  /** Not about one cluster (health, metrics, the dashboard, unknown routes): this replica answers. */
  | { readonly kind: "local" }
  /** `GET /clusters`: every replica's clusters, merged. */
  | { readonly kind: "list" }
  /** `/clusters/{namespace}/{name}[/...]`: the owner of that cluster answers. */
  | { readonly kind: "cluster"; readonly namespace: string; readonly name: string }
  /** `POST /register`, `PUT /updateNode`: the cluster is named in the JSON body. */
  | { readonly kind: "body" };

const LOCAL: ControlRoute = Object.freeze({ kind: "local" });
const LIST: ControlRoute = Object.freeze({ kind: "list" });
const BODY: ControlRoute = Object.freeze({ kind: "body" });

/** Classifies a control request by method and path (the control API's routes, src/control/). */
export function controlRoute(method: string, pathname: string): ControlRoute {
  if (pathname === "/clusters") return method === "GET" ? LIST : LOCAL;
  if (pathname === "/register") return method === "POST" ? BODY : LOCAL;
  if (pathname === "/updateNode") return method === "PUT" ? BODY : LOCAL;
  if (!pathname.startsWith("/clusters/")) return LOCAL;
  const [namespace, name] = pathname.slice("/clusters/".length).split("/", 2);
  if (!namespace || !name) return LOCAL;
  // As Hono decodes route parameters, so the owner finds the name its router will see.
  const decodedNamespace = decodeSegment(namespace);
  const decodedName = decodeSegment(name);
  if (decodedNamespace === undefined || decodedName === undefined) return LOCAL;
  return { kind: "cluster", namespace: decodedNamespace, name: decodedName };
}

function decodeSegment(segment: string): string | undefined {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

const decoder = new TextDecoder();

/**
 * The cluster a `/register` or `/updateNode` body names (`{"cluster","namespace"}` strings, keys
 * matched as the control API matches them: case-insensitively, as Go did), or undefined when the
 * body names none: then any replica's control API answers the same 400.
 */
export function clusterOfBody(
  body: Uint8Array,
): { readonly namespace: string; readonly name: string } | undefined {
  let parsed: Record<string, unknown>;
  try {
    parsed = parseFkasObject(decoder.decode(body), ["cluster", "namespace"]);
  } catch {
    return undefined;
  }
  const { cluster, namespace } = parsed;
  if (typeof cluster !== "string" || typeof namespace !== "string") return undefined;
  return { namespace, name: cluster };
}
