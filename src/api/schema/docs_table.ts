// The compact shape of the generated OpenAPI docs tables (`docs/`): what the schema table cannot imply.
//
// The schema table (`schema_table.ts`) holds each field's type and list facts; from them
// `openapi_component.ts` rebuilds the OpenAPI v3 component kube-apiserver publishes. What that
// rebuild cannot know (descriptions, defaults, formats of special types, the group/version/kind
// extension) is kept here per struct as a residual: the keys of the published schema that differ
// from the rebuilt one (null: a key the rebuild has and upstream has not). The generator checks
// that rebuild plus residual equals the published component for every struct of every release.

/** A residual: published keys that differ from the rebuilt schema; nested objects differ key by key. */
export type Residual = { readonly [key: string]: unknown };

/** One struct's residual: its own (`d`, description and extensions) and per field (a string: description only). */
export interface DocEntry {
  readonly d?: Residual;
  readonly f?: Readonly<Record<string, string | Residual>>;
}

/** The newest release's docs, whole. */
export interface DocsTableSource {
  readonly kubernetesVersion: string;
  /** JSON of package key (`core.v1`) → OpenAPI definition prefix (`io.k8s.api.core.v1`). */
  readonly names: string;
  /** JSON of the non-struct definitions (Quantity, Time, IntOrString, RawExtension...) by name. */
  readonly specials: string;
  /** Package key → JSON of struct name → `DocEntry`. */
  readonly packages: Readonly<Record<string, string>>;
}

/**
 * An older release's docs: names and specials whole; per package, the structs that differ, each as
 * a patch over the base's entry (its `d` and fields replaced one by one; null: absent).
 */
export interface DocsTableDelta {
  readonly kubernetesVersion: string;
  readonly names: string;
  readonly specials: string;
  readonly packages: Readonly<Record<string, string | null>>;
}
