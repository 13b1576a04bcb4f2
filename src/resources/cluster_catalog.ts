// One cluster's resources: the shared built-ins of its minor plus those its CustomResourceDefinitions define.

import { type Catalog, ResourceCatalog, type ResourceType } from "./catalog.ts";
import { BUILTIN_CATALOG, builtinCatalog } from "./builtin_catalog.ts";

/** Built-ins shared by every cluster of a minor, with this cluster's custom resources layered on top. */
export class ClusterCatalog implements Catalog {
  // Rebuilt on each CRD change (rare); undefined while the cluster has no CRDs, which keeps
  // thousands of clusters cheap.
  #custom?: ResourceCatalog;
  // What derived documents are cached under: the shared built-ins while there are no CRDs.
  #key: object;
  readonly #byDefinition = new Map<string, readonly ResourceType[]>();
  #builtins: ResourceCatalog;

  constructor(builtins: ResourceCatalog = BUILTIN_CATALOG) {
    this.#builtins = builtins;
    this.#key = builtins;
  }

  /** The shared built-ins this cluster serves (those of its Kubernetes minor). */
  get builtins(): ResourceCatalog {
    return this.#builtins;
  }

  /** The release of the built-ins served (`v1.33.1`). */
  get kubernetesVersion(): string {
    return this.#builtins.kubernetesVersion;
  }

  /** Serves the built-ins of another Kubernetes version (`v1.34.2`), as after an upgrade. */
  useVersion(kubernetesVersion: string): void {
    const builtins = builtinCatalog(kubernetesVersion);
    if (builtins === this.#builtins) return;
    this.#builtins = builtins;
    this.#key = this.#custom ? {} : builtins;
  }

  /** Serves (or re-serves) the resources of one CRD, replacing what it defined before. */
  define(definitionName: string, resources: readonly ResourceType[]): void {
    if (resources.length === 0) this.#byDefinition.delete(definitionName);
    else this.#byDefinition.set(definitionName, resources);
    const all = [...this.#byDefinition.values()].flat();
    this.#custom = all.length > 0 ? new ResourceCatalog(all) : undefined;
    this.#key = this.#custom ? {} : this.#builtins;
  }

  find(group: string, version: string, name: string): ResourceType | undefined {
    return this.#builtins.find(group, version, name) ?? this.#custom?.find(group, version, name);
  }

  byKind(group: string, kind: string, version?: string): ResourceType | undefined {
    return this.#builtins.byKind(group, kind, version) ??
      this.#custom?.byKind(group, kind, version);
  }

  byKey(key: string): ResourceType | undefined {
    return this.#builtins.byKey(key) ?? this.#custom?.byKey(key);
  }

  groupVersions(): { group: string; version: string }[] {
    const builtins = this.#builtins.groupVersions();
    if (!this.#custom) return builtins;
    const known = new Set(builtins.map((gv) => `${gv.group}/${gv.version}`));
    return [
      ...builtins,
      ...this.#custom.groupVersions().filter((gv) => !known.has(`${gv.group}/${gv.version}`)),
    ];
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    const builtins = this.#builtins.inGroupVersion(group, version);
    return this.#custom ? [...builtins, ...this.#custom.inGroupVersion(group, version)] : builtins;
  }

  all(): readonly ResourceType[] {
    return this.#custom ? [...this.#builtins.all(), ...this.#custom.all()] : this.#builtins.all();
  }

  cacheKey(): object {
    return this.#key;
  }
}
