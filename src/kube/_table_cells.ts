// The building blocks of Table columns: the Column shape, Name and Age, and shared cell texts.

import type { KubeObject } from "../store/mod.ts";
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

/** The Name column every table starts with. */
export const NAME: Column = {
  name: "Name",
  type: "string",
  format: "name",
  priority: 0,
  description: "Name must be unique within a namespace.",
  cell: (o) => o.metadata.name ?? "",
};

/** The Age column (time since creationTimestamp, kubectl's short form). */
export const AGE: Column = {
  name: "Age",
  type: "string",
  priority: 0,
  description:
    "CreationTimestamp is a timestamp representing the server time when this object was created.",
  cell: (o, now) => age(o, now),
};

/** Time since an object was created, `<unknown>` without a creationTimestamp. */
export function age(object: KubeObject, now: Date): string {
  const created = object.metadata.creationTimestamp;
  return created ? humanDuration(now.getTime() - Date.parse(created)) : "<unknown>";
}

/** A column whose description is its name (fkas does not copy the swagger docs). */
export function column(
  name: string,
  cell: Column["cell"],
  priority: 0 | 1 = 0,
  type: Column["type"] = "string",
): Column {
  return { name, type, priority, description: name, cell };
}

/** `k=v,k2=v2` of a label map, `<none>` when empty (kubectl's selector text). */
export function selectorText(selector: Record<string, string> | undefined): string {
  const pairs = Object.entries(selector ?? {}).map(([k, v]) => `${k}=${v}`);
  return pairs.length ? pairs.join(",") : "<none>";
}
