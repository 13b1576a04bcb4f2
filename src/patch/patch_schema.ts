// The struct-tag facts strategic merge patch needs, as data: per field path, patchStrategy and patchMergeKey.

/** A field's `patchStrategy` struct tag, spelled as in k8s.io/api. */
export type PatchStrategy = "merge" | "replace" | "retainKeys" | "merge,retainKeys";

/** The `patchStrategy` and `patchMergeKey` tags of one field. */
export interface FieldPatchMeta {
  readonly patchStrategy: PatchStrategy;
  readonly patchMergeKey?: string;
}

/**
 * Tags by dotted JSON field path from the object root, list elements transparent
 * (`spec.template.spec.containers.env`); fields absent here have no tags, so lists are replaced.
 */
export type PatchSchema = Readonly<Record<string, FieldPatchMeta>>;

/** The merge strategy of a field once `retainKeys` (which only shapes client-side diffs) is set aside. */
export function strategyOf(schema: PatchSchema, path: readonly string[]): {
  merge: boolean;
  replace: boolean;
  mergeKey: string;
} {
  const key = path.join(".");
  const meta = Object.hasOwn(schema, key) ? schema[key] : undefined;
  const strategies = meta?.patchStrategy.split(",") ?? [];
  return {
    merge: strategies.includes("merge"),
    replace: strategies.includes("replace"),
    mergeKey: meta?.patchMergeKey ?? "",
  };
}
