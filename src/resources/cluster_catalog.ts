// One cluster's resources: the shared built-ins plus those its CustomResourceDefinitions define.

import { BUILTIN_CATALOG, type Catalog, ResourceCatalog, type ResourceType } from "./catalog.ts";

/** Built-ins shared by every cluster, with this cluster's custom resources layered on top. */
export class ClusterCatalog implements Catalog {
  // Rebuilt on each CRD change (rare); undefined while the cluster has no CRDs, which keeps
  // thousands of clusters cheap.
  #custom?: ResourceCatalog;
  readonly #byDefinition = new Map<string, readonly ResourceType[]>();

  constructor(private readonly builtins: ResourceCatalog = BUILTIN_CATALOG) {}

  /** Serves (or re-serves) the resources of one CRD, replacing what it defined before. */
  define(definitionName: string, resources: readonly ResourceType[]): void {
    if (resources.length === 0) this.#byDefinition.delete(definitionName);
    else this.#byDefinition.set(definitionName, resources);
    const all = [...this.#byDefinition.values()].flat();
    this.#custom = all.length > 0 ? new ResourceCatalog(all) : undefined;
  }

  find(group: string, version: string, name: string): ResourceType | undefined {
    return this.builtins.find(group, version, name) ?? this.#custom?.find(group, version, name);
  }

  byKind(group: string, kind: string, version?: string): ResourceType | undefined {
    return this.builtins.byKind(group, kind, version) ?? this.#custom?.byKind(group, kind, version);
  }

  byKey(key: string): ResourceType | undefined {
    return this.builtins.byKey(key) ?? this.#custom?.byKey(key);
  }

  groupVersions(): { group: string; version: string }[] {
    const builtins = this.builtins.groupVersions();
    if (!this.#custom) return builtins;
    const known = new Set(builtins.map((gv) => `${gv.group}/${gv.version}`));
    return [
      ...builtins,
      ...this.#custom.groupVersions().filter((gv) => !known.has(`${gv.group}/${gv.version}`)),
    ];
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    const builtins = this.builtins.inGroupVersion(group, version);
    return this.#custom ? [...builtins, ...this.#custom.inGroupVersion(group, version)] : builtins;
  }

  all(): readonly ResourceType[] {
    return this.#custom ? [...this.builtins.all(), ...this.#custom.all()] : this.builtins.all();
  }

  cacheKey(): object {
    return this.#custom ?? this.builtins;
  }
}
