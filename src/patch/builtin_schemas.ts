// Strategic-merge tags of built-in kinds, derived from the schema source (`src/api/schema/`).
//
// The tags are the `x-kubernetes-patch-strategy` and `-patch-merge-key` extensions of the
// generated table (k8s.io/api struct tags as the OpenAPI spec publishes them), collected per kind
// into dotted paths once and shared.

import { builtinSchemas, type SchemaSource, type StructSchema } from "../api/schema/mod.ts";
import { builtinCatalog } from "../resources/mod.ts";
import type { FieldPatchMeta, PatchSchema, PatchStrategy } from "./patch_schema.ts";

// Recursive types (JSONSchemaProps) are followed this deep at most; no kind nests tags deeper.
const MAX_DEPTH = 16;

// Per schema source (one per minor, shared), the derived schemas by resource key.
const derived = new WeakMap<SchemaSource, Map<string, PatchSchema | null>>();

/**
 * The strategic-merge schema of a built-in resource (`pods`, `apps/deployments`; no subresource
 * suffix) as the given Kubernetes version tags it, or undefined for custom resources, which
 * kube-apiserver answers with 415.
 */
export function strategicSchemaFor(
  resourceKey: string,
  kubernetesVersion?: string,
): PatchSchema | undefined {
  const source = builtinSchemas(kubernetesVersion);
  let schemas = derived.get(source);
  if (!schemas) derived.set(source, schemas = new Map());
  let schema = schemas.get(resourceKey);
  if (schema === undefined) {
    const resource = builtinCatalog(kubernetesVersion).byKey(resourceKey);
    const kind = resource && source.kind(resource.group, resource.version, resource.kind);
    schema = kind ? patchSchemaOf(source, kind) : null;
    schemas.set(resourceKey, schema);
  }
  return schema ?? undefined;
}

/** The patch tags of a struct and everything below it, by dotted path (list elements transparent). */
export function patchSchemaOf(source: SchemaSource, root: StructSchema): PatchSchema {
  const tags: Record<string, FieldPatchMeta> = {};
  const visit = (struct: StructSchema, prefix: string, stack: string[]) => {
    if (stack.length > MAX_DEPTH || stack.includes(struct.ref)) return;
    for (const [name, [code, , facts]] of Object.entries(struct.fields)) {
      const path = prefix ? `${prefix}.${name}` : name;
      if (facts?.s) {
        const meta: FieldPatchMeta = facts.p
          ? { patchStrategy: facts.s as PatchStrategy, patchMergeKey: facts.p }
          : { patchStrategy: facts.s as PatchStrategy };
        tags[path] = meta;
      }
      // Lists of structs keep their elements' tags under the list's path; maps do not nest.
      const ref = code.startsWith("#") ? code.slice(1) : code.startsWith("[#") ? code.slice(2) : "";
      const inner = ref ? source.struct(ref) : undefined;
      if (inner) visit(inner, path, [...stack, struct.ref]);
    }
  };
  visit(root, "", []);
  return Object.freeze(tags);
}
