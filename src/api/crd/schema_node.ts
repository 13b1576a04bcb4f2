// A CRD version's schema compiled once (patterns, CEL programs, where defaults and rules live) and shared.
//
// Thousands of fake clusters apply the same add-on CRDs (a CNI's, through a ClusterResourceSet):
// compiled schemas are cached by their JSON text, so each distinct schema is compiled and held
// once per process, never per cluster and never per object.

import { type CompiledRule, compileRules } from "./cel_rules.ts";
import { compileRe2 } from "./re2_patterns.ts";
import { isRecord, type SchemaProps } from "./schema_props.ts";

/** One compiled schema node; children compiled alongside. */
export interface SchemaNode {
  readonly props: SchemaProps;
  readonly properties?: ReadonlyMap<string, SchemaNode>;
  /** The `additionalProperties` schema of a map. */
  readonly additional?: SchemaNode;
  readonly items?: SchemaNode;
  /** The compiled `pattern` (RE2, cached), or undefined when none is declared or it is invalid. */
  readonly pattern?: { test(text: string): boolean };
  readonly rules: readonly CompiledRule[];
  /** Unknown fields are kept here (`x-kubernetes-preserve-unknown-fields`). */
  readonly preserveUnknown: boolean;
  /** A nested object with its own apiVersion, kind and metadata. */
  readonly embedded: boolean;
  /** A default is declared here or below: defaulting must walk in. */
  readonly hasDefaults: boolean;
  /** A CEL rule is declared here or below. */
  readonly hasRules: boolean;
  /** A transition rule (one reading `oldSelf`) is declared here or below. */
  readonly hasTransitionRules: boolean;
  /** An embedded resource is declared here or below: its checks must walk in. */
  readonly hasEmbedded: boolean;
  /** A set or map list type is declared here or below: its uniqueness checks must walk in. */
  readonly hasListTypes: boolean;
}

// Distinct schemas held at once; a fleet shares a few dozen add-on CRDs.
const CACHE_LIMIT = 1024;
const cache = new Map<string, SchemaNode>();

/** The compiled form of a version's `openAPIV3Schema`, shared with every equal schema. */
export function compileSchema(props: SchemaProps): SchemaNode {
  const key = JSON.stringify(props);
  const cached = cache.get(key);
  if (cached) return cached;
  const node = compileNode(props);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, node);
  return node;
}

/** How many distinct schemas are compiled (for tests and memory checks). */
export function compiledSchemaCount(): number {
  return cache.size;
}

function compileNode(props: SchemaProps): SchemaNode {
  const properties = isRecord(props.properties)
    ? new Map(
      Object.entries(props.properties).filter(([, child]) => isRecord(child)).map((
        [name, child],
      ) => [name, compileNode(child)]),
    )
    : undefined;
  const additional = isRecord(props.additionalProperties)
    ? compileNode(props.additionalProperties as SchemaProps)
    : undefined;
  const items = isRecord(props.items) ? compileNode(props.items) : undefined;
  const children = [...(properties?.values() ?? []), additional, items].filter((n) =>
    n !== undefined
  );
  const rules = compileRules(props);
  return {
    props,
    properties,
    additional,
    items,
    pattern: compilePattern(props.pattern),
    rules,
    preserveUnknown: props["x-kubernetes-preserve-unknown-fields"] === true ||
      props.additionalProperties === true,
    embedded: props["x-kubernetes-embedded-resource"] === true,
    hasDefaults: props.default !== undefined || children.some((c) => c.hasDefaults),
    hasRules: rules.length > 0 || children.some((c) => c.hasRules),
    hasTransitionRules: rules.some((r) => r.usesOldSelf) ||
      children.some((c) => c.hasTransitionRules),
    hasEmbedded: props["x-kubernetes-embedded-resource"] === true ||
      children.some((c) => c.hasEmbedded),
    hasListTypes: props["x-kubernetes-list-type"] === "set" ||
      props["x-kubernetes-list-type"] === "map" || children.some((c) => c.hasListTypes),
  };
}

// Upstream validates patterns with Go's regexp (RE2): the same engine here, so lookarounds and
// backreferences fail as they do there (the CRD checks refuse them).
function compilePattern(pattern: string | undefined): { test(text: string): boolean } | undefined {
  if (typeof pattern !== "string") return undefined;
  const compiled = compileRe2(pattern);
  return compiled instanceof Error ? undefined : compiled;
}
