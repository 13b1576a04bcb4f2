// Aggregated discovery (apidiscovery.k8s.io v2/v2beta1): every group, version and resource in one document.

import type { Catalog, ResourceType } from "../resources/mod.ts";
import { kubernetesMinor } from "../api/version/mod.ts";
import { inServedOrder } from "./discovery.ts";

/** Which aggregated document: `/api` (the core group) or `/apis` (the named groups). */
export type DiscoveryScope = "core" | "apis";

/** The apidiscovery.k8s.io version a client asked for. */
export type DiscoveryVersion = "v2" | "v2beta1";

/** What `negotiateDiscovery` picked: the version to build and the Content-Type to answer with. */
export interface DiscoveryChoice {
  readonly version: DiscoveryVersion;
  readonly contentType: string;
}

const GROUP = "apidiscovery.k8s.io";
const KIND = "APIGroupDiscoveryList";
const cache = new WeakMap<object, Map<string, unknown>>();

/** The `APIGroupDiscoveryList` kube-apiserver returns for `/api` or `/apis`, built once per catalog. */
export function aggregatedDiscovery(
  catalog: Catalog,
  scope: DiscoveryScope,
  version: DiscoveryVersion,
): unknown {
  let built = cache.get(catalog.cacheKey());
  if (!built) cache.set(catalog.cacheKey(), built = new Map());
  const key = `${scope}/${version}`;
  if (!built.has(key)) built.set(key, Object.freeze(buildList(catalog, scope, version)));
  return built.get(key);
}

/**
 * Picks the first aggregated form the Accept header allows, or undefined for legacy discovery.
 *
 * client-go sends `...;v=v2;as=APIGroupDiscoveryList,...;v=v2beta1;as=APIGroupDiscoveryList,application/json`
 * and compares only the `g`, `v` and `as` parameters of the Content-Type it gets back.
 * Protobuf variants are skipped: fkas answers discovery in JSON only.
 */
export function negotiateDiscovery(accept: string | undefined): DiscoveryChoice | undefined {
  for (const range of (accept ?? "").split(",")) {
    const [mediaType, ...rest] = range.split(";").map((part) => part.trim());
    const params = new Map(rest.map((p) => {
      const eq = p.indexOf("=");
      return [p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().replace(/^"|"$/g, "")];
    }));
    if (params.get("q") === "0") continue;
    const type = mediaType.toLowerCase();
    // A bare media type (application/json, */*) means legacy discovery, as on a real apiserver.
    if (!params.has("g") && !params.has("as")) {
      if (type === "application/json" || type === "application/*" || type === "*/*") return;
      continue;
    }
    if (type !== "application/json" || params.get("g") !== GROUP || params.get("as") !== KIND) {
      continue;
    }
    const version = params.get("v");
    if (version === "v2" || version === "v2beta1") {
      return { version, contentType: `application/json;g=${GROUP};v=${version};as=${KIND}` };
    }
  }
  return undefined;
}

function buildList(catalog: Catalog, scope: DiscoveryScope, version: DiscoveryVersion) {
  const groups = new Map<string, Map<string, ResourceType[]>>();
  for (const resource of catalog.all()) {
    if ((resource.group === "") !== (scope === "core")) continue;
    let versions = groups.get(resource.group);
    if (!versions) groups.set(resource.group, versions = new Map());
    versions.set(resource.version, [...(versions.get(resource.version) ?? []), resource]);
  }
  // apimachinery v0.34 marks ObjectMeta.creationTimestamp `omitzero`: from 1.34 on the zero
  // time is left out instead of written as null.
  const minor = kubernetesMinor(catalog.kubernetesVersion) ?? 33;
  const stamp = minor >= 34 ? {} : { creationTimestamp: null };
  return {
    kind: KIND,
    apiVersion: `${GROUP}/${version}`,
    metadata: {},
    items: [...groups].map(([name, versions]) => ({
      // ObjectMeta.name is omitempty: the core group's "" is left out.
      metadata: name ? { name, ...stamp } : { ...stamp },
      versions: inServedOrder(catalog, name, [...versions.keys()]).map((v) => ({
        version: v,
        resources: versions.get(v)!.map(resourceDiscovery),
        freshness: "Current",
      })),
    })),
  };
}

// kube-apiserver leaves a built-in's responseKind group and version empty (its APIResource
// carries none); only subresources of another group (`deployments/scale`: autoscaling/v1 Scale)
// and custom resources (apiextensions-apiserver sets them) name theirs.
function resourceDiscovery(resource: ResourceType) {
  const group = resource.custom ? resource.group : "";
  const version = resource.custom ? resource.version : "";
  return {
    resource: resource.name,
    responseKind: { group, version, kind: resource.kind },
    scope: resource.namespaced ? "Namespaced" : "Cluster",
    singularResource: resource.singularName,
    verbs: resource.verbs,
    ...(resource.shortNames.length ? { shortNames: resource.shortNames } : {}),
    ...(resource.categories.length ? { categories: resource.categories } : {}),
    ...(resource.subresources.length
      ? {
        subresources: resource.subresources.map((sub) => ({
          subresource: sub.name,
          responseKind: {
            group: sub.group ?? group,
            version: sub.version ?? version,
            kind: sub.kind || resource.kind,
          },
          verbs: sub.verbs,
        })),
      }
      : {}),
  };
}
