// `meta.k8s.io/v1` Table responses, which `kubectl get` asks for and prints column by column.

import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { tableRowOrder } from "./flowcontrol_table_columns.ts";
import { columnsFor } from "./table_columns.ts";
import { typedMetadata } from "./typed_metadata.ts";

/** What each row carries beside its cells (`?includeObject=`). */
export type IncludeObject = "None" | "Metadata" | "Object";

/** Renders objects of one resource as a Table. */
export function renderTable(
  resource: ResourceType,
  objects: readonly KubeObject[],
  options: { now: Date; includeObject: IncludeObject; resourceVersion: string; continue?: string },
) {
  const columns = columnsFor(resource);
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: {
      resourceVersion: options.resourceVersion,
      ...(options.continue ? { continue: options.continue } : {}),
    },
    columnDefinitions: columns.map(({ name, type, format, description, priority }) => ({
      name,
      type,
      format: format ?? "",
      description,
      priority,
    })),
    rows: tableRowOrder(resource.key, objects).map((object) => ({
      cells: columns.map((c) => c.cell(object, options.now)),
      object: rowObject(object, options.includeObject),
    })),
  };
}

function rowObject(object: KubeObject, include: IncludeObject) {
  if (include === "None") return undefined;
  if (include === "Object") return object;
  return {
    kind: "PartialObjectMetadata",
    apiVersion: "meta.k8s.io/v1",
    metadata: typedMetadata(object.metadata),
  };
}
