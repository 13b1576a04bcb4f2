// The building blocks of Table columns: the Column shape, Name and Age, and shared cell texts.

import type { KubeObject } from "../store/mod.ts";
import { builtinSchemas } from "../api/schema/mod.ts";
import { humanDuration } from "./human_duration.ts";

/** One Table column and how to compute its cell. */
export interface Column {
  readonly name: string;
  readonly type: "string" | "integer" | "boolean" | "date";
  readonly description: string;
  /** 0 = always shown; 1 = only with `-o wide`. */
  readonly priority: 0 | 1;
  readonly format?: "name";
  readonly cell: (object: KubeObject, now: Date) => string | number | boolean;
}

/**
 * A column description that is a field's doc (`metav1.ObjectMeta{}.SwaggerDoc()["name"]` in
 * kube's printers): read from the OpenAPI docs table of the newest release when first asked for.
 */
export function doc(packageKey: string, struct: string, field: string): () => string {
  let text: string | undefined;
  return () => {
    if (text === undefined) {
      const entry = builtinSchemas(DOCS_RELEASE).docs.entry(packageKey, struct)?.f?.[field];
      text = typeof entry === "string"
        ? entry
        : typeof entry?.description === "string"
        ? entry.description
        : field;
    }
    return text;
  };
}

const DOCS_RELEASE = "v1.36.3";

/** The Name column every table starts with. */
export const NAME: Column = column(
  "Name",
  (o) => o.metadata.name ?? "",
  0,
  "string",
  doc("meta.v1", "ObjectMeta", "name"),
  "name",
);

/** The Age column (time since creationTimestamp, kubectl's short form). */
export const AGE: Column = column(
  "Age",
  (o, now) => age(o, now),
  0,
  "string",
  doc("meta.v1", "ObjectMeta", "creationTimestamp"),
);

/** Time since an object was created, `<unknown>` without a creationTimestamp. */
export function age(object: KubeObject, now: Date): string {
  const created = object.metadata.creationTimestamp;
  return created ? humanDuration(now.getTime() - Date.parse(created)) : "<unknown>";
}

/**
 * A column as kube's printers define it (pkg/printers/internalversion/printers.go): its type and
 * description as there, the description a text or a field's doc.
 */
export function column(
  name: string,
  cell: Column["cell"],
  priority: 0 | 1 = 0,
  type: Column["type"] = "string",
  description: string | (() => string) = name,
  format?: "name",
): Column {
  return {
    name,
    type,
    priority,
    ...(format ? { format } : {}),
    get description() {
      return typeof description === "string" ? description : description();
    },
    cell,
  };
}

/** `k=v,k2=v2` of a label map, `<none>` when empty (kubectl's selector text). */
export function selectorText(selector: Record<string, string> | undefined): string {
  const pairs = Object.entries(selector ?? {}).map(([k, v]) => `${k}=${v}`);
  return pairs.length ? pairs.join(",") : "<none>";
}
