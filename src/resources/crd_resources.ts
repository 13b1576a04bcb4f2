// Turns a CustomResourceDefinition (apiextensions.k8s.io/v1) into the resources it serves.

import { customResourceSchema } from "../api/crd/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { ALL_VERBS, type PrinterColumn, type ResourceType, type Subresource } from "./catalog.ts";

interface CrdVersion {
  name?: string;
  served?: boolean;
  storage?: boolean;
  subresources?: { status?: unknown; scale?: unknown };
  additionalPrinterColumns?: PrinterColumn[];
  schema?: { openAPIV3Schema?: unknown };
  selectableFields?: { jsonPath?: string }[];
}

interface CrdSpec {
  group?: string;
  scope?: string;
  names?: {
    plural?: string;
    singular?: string;
    kind?: string;
    shortNames?: string[];
    categories?: string[];
  };
  versions?: CrdVersion[];
  preserveUnknownFields?: boolean;
}

/** The served versions of a CRD as resource types (all share one storage key), or none if malformed. */
export function resourcesOfDefinition(crd: KubeObject): ResourceType[] {
  const spec = (crd.spec ?? {}) as CrdSpec;
  const { group, names } = spec;
  if (!group || !names?.plural || !names.kind || !Array.isArray(spec.versions)) return [];
  const plural = names.plural;
  const kind = names.kind;
  return spec.versions.filter((v) => v.served && v.name).map((version) => {
    const subresources: Subresource[] = [];
    if (version.subresources?.status) {
      subresources.push({ name: "status", kind, verbs: ["get", "patch", "update"] });
    }
    if (version.subresources?.scale) {
      subresources.push({
        name: "scale",
        kind: "Scale",
        group: "autoscaling",
        version: "v1",
        verbs: ["get", "patch", "update"],
      });
    }
    const customSchema = customResourceSchema(
      version.schema?.openAPIV3Schema,
      spec.preserveUnknownFields === true,
      version.subresources,
    );
    // customresource strategy prepareSelectableFields: the JSONPath without its leading dot.
    const selectableFields = Array.isArray(version.selectableFields)
      ? version.selectableFields.map((field) => String(field?.jsonPath ?? "").replace(/^\./, ""))
      : [];
    return Object.freeze({
      group,
      version: version.name!,
      name: plural,
      singularName: names.singular || kind.toLowerCase(),
      kind,
      namespaced: spec.scope !== "Cluster",
      verbs: ALL_VERBS,
      shortNames: names.shortNames ?? [],
      categories: names.categories ?? [],
      tracksGeneration: true,
      generationIgnores: version.subresources?.status ? ["metadata", "status"] : ["metadata"],
      subresources,
      custom: true,
      printerColumns: version.additionalPrinterColumns ?? [],
      key: `${group}/${plural}`,
      ...(customSchema ? { customSchema } : {}),
      ...(selectableFields.length > 0 ? { selectableFields: Object.freeze(selectableFields) } : {}),
    });
  });
}
