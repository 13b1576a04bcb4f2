// The schema source of built-in kinds: one generated table per Kubernetes minor, parsed lazily, shared.
//
// Tables are parsed per package on first use and kept for the life of the process: every cluster
// of a version shares one copy, so schemas cost memory once, never per cluster.

import type {
  FieldEntry,
  PackageTable,
  SchemaTableDelta,
  SchemaTableSource,
  StructEntry,
} from "./schema_table.ts";
import { kubernetesMinor } from "../version/mod.ts";
import { impliedGoType } from "./schema_table.ts";
import { TABLE_BASE, TABLE_DELTAS } from "./tables/mod.ts";
import { DOCS_BASE, DOCS_DELTAS } from "./docs/mod.ts";
import type { DocsTableDelta } from "./docs_table.ts";
import { SchemaDocs } from "./schema_docs.ts";

/** A struct of the schema, resolved: its Go name (`ContainerPort`) and its entry. */
export interface StructSchema {
  /** The struct's reference (`core.v1.ContainerPort`). */
  readonly ref: string;
  /** The Go type name as decoding errors print it (`ContainerPort`). */
  readonly goName: string;
  readonly fields: Readonly<Record<string, FieldEntry>>;
  readonly required: readonly string[];
  readonly entry: StructEntry;
}

/**
 * One Kubernetes version's built-in kinds, read from its generated table: the base table, or a
 * delta over it (what an older release has differently).
 */
export class SchemaSource {
  readonly #table: SchemaTableSource;
  readonly #delta: SchemaTableDelta | undefined;
  readonly #packages = new Map<string, PackageTable | null>();
  readonly #kinds = new Map<string, Readonly<Record<string, string>>>();
  readonly #structs = new Map<string, StructSchema | null>();
  readonly #byCode = new Map<string, StructSchema | null>();

  /** The release's OpenAPI docs (descriptions, defaults): what OpenAPI and `kubectl explain` add. */
  readonly docs: SchemaDocs;

  constructor(table: SchemaTableSource, delta?: SchemaTableDelta, docs?: SchemaDocs) {
    this.#table = table;
    this.#delta = delta;
    this.docs = docs ?? new SchemaDocs(DOCS_BASE);
  }

  /** The Kubernetes release the table was derived from (`v1.33.1`). */
  get kubernetesVersion(): string {
    return (this.#delta ?? this.#table).kubernetesVersion;
  }

  /** The group/versions the table knows (`v1`, `apps/v1`). */
  groupVersions(): string[] {
    const all = new Set([
      ...Object.keys(this.#table.kinds),
      ...Object.keys(this.#delta?.kinds ?? {}),
    ]);
    return [...all].filter((gv) => this.#delta?.kinds[gv] !== null).sort();
  }

  /** The kinds of a group/version with their struct references. */
  kindsOf(groupVersion: string): Readonly<Record<string, string>> {
    let kinds = this.#kinds.get(groupVersion);
    if (kinds === undefined) {
      const delta = this.#delta && Object.hasOwn(this.#delta.kinds, groupVersion)
        ? this.#delta.kinds[groupVersion]
        : undefined;
      const json = delta !== undefined
        ? delta ?? "{}"
        : Object.hasOwn(this.#table.kinds, groupVersion)
        ? this.#table.kinds[groupVersion]
        : "{}";
      kinds = JSON.parse(json) as Record<string, string>;
      this.#kinds.set(groupVersion, kinds);
    }
    return kinds;
  }

  /** The schema of a kind (`apps`, `v1`, `Deployment`), or undefined for kinds it does not know. */
  kind(group: string, version: string, kind: string): StructSchema | undefined {
    const kinds = this.kindsOf(group ? `${group}/${version}` : version);
    return Object.hasOwn(kinds, kind) ? this.struct(kinds[kind]) : undefined;
  }

  /** A struct by reference (`core.v1.PodSpec`). */
  struct(ref: string): StructSchema | undefined {
    let schema = this.#structs.get(ref);
    if (schema === undefined) {
      const dot = ref.lastIndexOf(".");
      const goName = ref.slice(dot + 1);
      const entry = this.#package(ref.slice(0, dot))?.t[goName];
      schema = entry ? { ref, goName, fields: entry.f, required: entry.r ?? [], entry } : null;
      this.#structs.set(ref, schema);
    }
    return schema ?? undefined;
  }

  /** A struct by its field code (`#core.v1.PodSpec`), cached by the code itself. */
  structOf(code: string): StructSchema | undefined {
    let schema = this.#byCode.get(code);
    if (schema === undefined) {
      schema = this.struct(code.slice(1)) ?? null;
      this.#byCode.set(code, schema);
    }
    return schema ?? undefined;
  }

  /** The Go type a field code implies, with the table's package clauses (`v1.PodSpec`). */
  impliedGoType(code: string): string {
    return impliedGoType(code, (key) => this.#package(key)?.go ?? key.split(".").at(-1)!);
  }

  #package(key: string): PackageTable | undefined {
    let table = this.#packages.get(key);
    if (table === undefined) {
      const base = Object.hasOwn(this.#table.packages, key)
        ? JSON.parse(this.#table.packages[key]) as PackageTable
        : undefined;
      table = base ?? null;
      if (this.#delta && Object.hasOwn(this.#delta.packages, key)) {
        const json = this.#delta.packages[key];
        table = json === null ? null : merged(base, JSON.parse(json));
      }
      this.#packages.set(key, table);
    }
    return table ?? undefined;
  }
}

// A base package with a delta's structs laid over it (null structs removed).
function merged(
  base: PackageTable | undefined,
  delta: { go: string; t: Record<string, StructEntry | null> },
): PackageTable {
  const structs: Record<string, StructEntry> = { ...base?.t };
  for (const [name, entry] of Object.entries(delta.t)) {
    if (entry === null) delete structs[name];
    else structs[name] = entry;
  }
  return { go: delta.go, t: structs };
}

const sources = new Map<number, SchemaSource>();
// By version text as asked (`v1.33.1`): every write asks several times, a regex each was costly.
const byVersion = new Map<string, SchemaSource>();

/**
 * The schema source for a Kubernetes version (`v1.33.1`), shared by every caller and cluster. A
 * minor without a table of its own gets the nearest newer one (else the newest): newer tables
 * know every field older releases have, so no field a real server keeps is dropped.
 */
export function builtinSchemas(kubernetesVersion = "v1.33.1"): SchemaSource {
  const known = byVersion.get(kubernetesVersion);
  if (known !== undefined) return known;
  const minor = kubernetesMinor(kubernetesVersion) ?? 33;
  let source = sources.get(minor);
  if (source === undefined) {
    // A table's own version always reads (`!`).
    const tables = [...TABLE_DELTAS, TABLE_BASE];
    const chosen = tables.find((table) => kubernetesMinor(table.kubernetesVersion)! >= minor) ??
      TABLE_BASE;
    const chosenMinor = kubernetesMinor(chosen.kubernetesVersion)!;
    const docsDelta = DOCS_DELTAS.find((docs) =>
      kubernetesMinor(docs.kubernetesVersion) === chosenMinor
    );
    const docs = new SchemaDocs(DOCS_BASE, docsDelta as DocsTableDelta | undefined);
    source = sources.get(chosenMinor) ??
      (chosen === TABLE_BASE
        ? new SchemaSource(TABLE_BASE, undefined, docs)
        : new SchemaSource(TABLE_BASE, chosen as SchemaTableDelta, docs));
    sources.set(minor, source);
    sources.set(chosenMinor, source);
  }
  // Clusters report a handful of versions; a client cannot grow this past them much.
  if (byVersion.size < 256) byVersion.set(kubernetesVersion, source);
  return source;
}
