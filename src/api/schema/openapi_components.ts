// The OpenAPI v3 components of built-in kinds, rebuilt from the schema source: what kube-apiserver publishes.
//
// Components are built on demand and cached per schema source (one per minor, shared by every
// cluster), so each costs memory once per process.

import { type OpenApiSchema, structComponent, V3_REF_PREFIX } from "./openapi_component.ts";
import type { SchemaSource } from "./schema_source.ts";

const cache = new WeakMap<SchemaSource, Map<string, OpenApiSchema | null>>();

/** The definition name of a kind (`apps`, `v1`, `Deployment` → `io.k8s.api.apps.v1.Deployment`). */
export function kindDefinition(
  source: SchemaSource,
  group: string,
  version: string,
  kind: string,
): string | undefined {
  const kinds = source.kindsOf(group ? `${group}/${version}` : version);
  if (!Object.hasOwn(kinds, kind)) return undefined;
  const ref = kinds[kind];
  const dot = ref.lastIndexOf(".");
  return source.docs.definitionName(ref.slice(0, dot), ref.slice(dot + 1));
}

/** One published v3 component by definition name, or undefined when the release has none. */
export function openApiComponent(
  source: SchemaSource,
  definition: string,
): OpenApiSchema | undefined {
  let built = cache.get(source);
  if (!built) cache.set(source, built = new Map());
  let schema = built.get(definition);
  if (schema === undefined) {
    schema = buildComponent(source, definition) ?? null;
    built.set(definition, schema);
  }
  return schema ?? undefined;
}

/**
 * The components the given definitions need: themselves and every definition they reference,
 * transitively, by name (sorted), as a v3 document's `components.schemas`.
 */
export function openApiComponents(
  source: SchemaSource,
  roots: readonly string[],
): Record<string, OpenApiSchema> {
  const found = new Map<string, OpenApiSchema>();
  const pending = [...roots];
  while (pending.length) {
    const name = pending.pop()!;
    if (found.has(name)) continue;
    const schema = openApiComponent(source, name);
    if (!schema) continue;
    found.set(name, schema);
    collectRefs(schema, pending);
  }
  return Object.fromEntries([...found].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}

function buildComponent(source: SchemaSource, definition: string): OpenApiSchema | undefined {
  const specials = source.docs.specials();
  if (Object.hasOwn(specials, definition)) return specials[definition];
  const at = source.docs.structOf(definition);
  const struct = at && source.struct(`${at[0]}.${at[1]}`);
  if (!struct) return undefined;
  const namer = (key: string, name: string) => source.docs.definitionName(key, name);
  return structComponent(struct.entry, source.docs.entry(at[0], at[1]), namer);
}

function collectRefs(value: unknown, into: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
  } else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "$ref" && typeof inner === "string" && inner.startsWith(V3_REF_PREFIX)) {
        into.push(inner.slice(V3_REF_PREFIX.length));
      } else collectRefs(inner, into);
    }
  }
}
