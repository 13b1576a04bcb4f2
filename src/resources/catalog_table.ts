// The compact shape of the generated catalog tables (`tables/`), shared by the generator and the reader.
//
// A table holds what a default kube-apiserver of one release serves: the named groups in its
// discovery order with their versions (preferred first), and per group/version the
// `APIResourceList.resources` of legacy discovery as JSON, subresources as their own entries
// (`pods/status`) without the `namespaced` and empty `singularName` they inherit.

/** One entry of a generated resource list, as legacy discovery spells it. */
export interface CatalogEntry {
  readonly name: string;
  readonly kind: string;
  readonly verbs: readonly string[];
  readonly namespaced?: boolean;
  readonly singularName?: string;
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  readonly storageVersionHash?: string;
  /** A subresource answering with another group's kind (`pods/eviction`: policy/v1 Eviction). */
  readonly group?: string;
  readonly version?: string;
}

/** The newest release's table, whole. */
export interface CatalogTableSource {
  /** The Kubernetes release the table was derived from (`v1.36.3`). */
  readonly kubernetesVersion: string;
  /** JSON of `[group, versions][]` in `/apis` order, the preferred version first. */
  readonly groups: string;
  /** `group/version` (`v1` for core) → JSON of its `CatalogEntry` list. */
  readonly resources: Readonly<Record<string, string>>;
}

/** An older release's table: its groups, and the group/versions whose lists differ (null: not served). */
export interface CatalogTableDelta {
  readonly kubernetesVersion: string;
  readonly groups: string;
  readonly resources: Readonly<Record<string, string | null>>;
}
