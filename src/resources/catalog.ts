// The resource types a fake cluster serves, as data: discovery, routing and storage read it.

import type { CustomResourceSchema } from "../api/crd/mod.ts";
import type { StoredResource } from "../store/mod.ts";

/** One served resource, as discovery describes it and storage keys it. */
export interface ResourceType extends StoredResource {
  readonly group: string;
  readonly version: string;
  /** Plural name in URLs: `pods`. */
  readonly name: string;
  readonly singularName: string;
  readonly kind: string;
  readonly verbs: readonly string[];
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  /** Legacy discovery's `storageVersionHash` of a built-in (what storage-version migrators compare). */
  readonly storageVersionHash?: string;
  /** Subresources served under `<name>/<sub>`, with their discovery kind and verbs. */
  readonly subresources: readonly Subresource[];
  /** Defined by a CustomResourceDefinition (unstructured objects; no strategic merge patch). */
  readonly custom?: boolean;
  /** A CRD's `additionalPrinterColumns` for Table output. */
  readonly printerColumns?: readonly PrinterColumn[];
  /** A CRD version's compiled schema (pruning, defaults, validation, CEL), shared per schema. */
  readonly customSchema?: CustomResourceSchema;
  /**
   * A CRD version's `selectableFields`, as field selector names (`spec.color`: the JSONPath
   * without its leading dot), in the CRD's order.
   */
  readonly selectableFields?: readonly string[];
}

/** A CRD printer column: a JSONPath into the object. */
export interface PrinterColumn {
  readonly name: string;
  readonly type: string;
  readonly jsonPath: string;
  readonly description?: string;
  readonly priority?: number;
}

/** Lookups the REST layer needs; built-ins are shared, custom resources are per cluster. */
export interface Catalog {
  /** The resource served at `/api(s)/<group>/<version>/<name>`, if any. */
  find(group: string, version: string, name: string): ResourceType | undefined;
  /** The resource of a kind in a group (any served version when none is given). */
  byKind(group: string, kind: string, version?: string): ResourceType | undefined;
  /** The resource with this storage key (`pods`, `apps/deployments`, `example.com/widgets`). */
  byKey(key: string): ResourceType | undefined;
  /** Group versions in discovery order (core excluded). */
  groupVersions(): { group: string; version: string }[];
  /** Resources of one group version. */
  inGroupVersion(group: string, version: string): ResourceType[];
  /** An object that changes whenever the set of resources does: a key for caching derived documents. */
  cacheKey(): object;
  /** Every resource, built-ins first. */
  all(): readonly ResourceType[];
  /** The Kubernetes release whose built-ins these are (`v1.33.1`); "" for custom resources only. */
  readonly kubernetesVersion: string;
}

/** A subresource such as `pods/status`. */
export interface Subresource {
  readonly name: string;
  readonly kind: string;
  readonly verbs: readonly string[];
  readonly group?: string;
  readonly version?: string;
}

/** The verbs of a fully served resource. */
export const ALL_VERBS = [
  "create",
  "delete",
  "deletecollection",
  "get",
  "list",
  "patch",
  "update",
  "watch",
] as const;
/** An immutable set of resources with indexed lookups. */
export class ResourceCatalog implements Catalog {
  readonly #byPath = new Map<string, ResourceType>();
  readonly #byKey = new Map<string, ResourceType>();

  /**
   * @param resources in discovery order
   * @param kubernetesVersion the release the built-ins come from, "" for custom resources
   */
  constructor(readonly resources: readonly ResourceType[], readonly kubernetesVersion = "") {
    for (const r of resources) {
      this.#byPath.set(`${r.group}/${r.version}/${r.name}`, r);
      if (!this.#byKey.has(r.key)) this.#byKey.set(r.key, r);
    }
  }

  find(group: string, version: string, name: string): ResourceType | undefined {
    return this.#byPath.get(`${group}/${version}/${name}`);
  }

  byKind(group: string, kind: string, version?: string): ResourceType | undefined {
    return this.resources.find((r) =>
      r.group === group && r.kind === kind && (version === undefined || r.version === version)
    );
  }

  byKey(key: string): ResourceType | undefined {
    return this.#byKey.get(key);
  }

  groupVersions(): { group: string; version: string }[] {
    const seen = new Map<string, { group: string; version: string }>();
    for (const r of this.resources) {
      if (r.group) seen.set(`${r.group}/${r.version}`, { group: r.group, version: r.version });
    }
    return [...seen.values()];
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.resources.filter((r) => r.group === group && r.version === version);
  }

  cacheKey(): object {
    return this;
  }

  all(): readonly ResourceType[] {
    return this.resources;
  }
}
