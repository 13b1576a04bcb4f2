// The schema source of built-in kinds: one generated table per Kubernetes minor, parsed lazily, shared.
//
// Tables are parsed per package on first use and kept for the life of the process: every cluster
// of a version shares one copy, so schemas cost memory once, never per cluster.

import type { FieldEntry, PackageTable, SchemaTableSource, StructEntry } from "./schema_table.ts";
import { impliedGoType } from "./schema_table.ts";
import { SCHEMA_V1_33 } from "./tables/v1_33.ts";

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

/** One Kubernetes version's built-in kinds, read from its generated table. */
export class SchemaSource {
  readonly #table: SchemaTableSource;
  readonly #packages = new Map<string, PackageTable>();
  readonly #kinds = new Map<string, Readonly<Record<string, string>>>();
  readonly #structs = new Map<string, StructSchema | null>();
  readonly #byCode = new Map<string, StructSchema | null>();

  constructor(table: SchemaTableSource) {
    this.#table = table;
  }

  /** The Kubernetes release the table was derived from (`v1.33.1`). */
  get kubernetesVersion(): string {
    return this.#table.kubernetesVersion;
  }

  /** The group/versions the table knows (`v1`, `apps/v1`). */
  groupVersions(): string[] {
    return Object.keys(this.#table.kinds);
  }

  /** The kinds of a group/version with their struct references. */
  kindsOf(groupVersion: string): Readonly<Record<string, string>> {
    let kinds = this.#kinds.get(groupVersion);
    if (kinds === undefined) {
      const json = Object.hasOwn(this.#table.kinds, groupVersion)
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
    if (table === undefined && Object.hasOwn(this.#table.packages, key)) {
      table = JSON.parse(this.#table.packages[key]) as PackageTable;
      this.#packages.set(key, table);
    }
    return table;
  }
}

// One table per supported minor; a minor without its own table uses the nearest one generated.
const TABLES: readonly SchemaTableSource[] = [SCHEMA_V1_33];
const sources = new Map<number, SchemaSource>();

/**
 * The schema source for a Kubernetes version (`v1.33.1`), shared by every caller. Only minors
 * with a generated table are exact; others get the nearest table (`scripts/schema/generate.ts`
 * adds one).
 */
export function builtinSchemas(kubernetesVersion = "v1.33.1"): SchemaSource {
  const minor = minorOf(kubernetesVersion);
  let source = sources.get(minor);
  if (source === undefined) {
    const table = TABLES.reduce((best, table) =>
      Math.abs(minorOf(table.kubernetesVersion) - minor) <
          Math.abs(minorOf(best.kubernetesVersion) - minor)
        ? table
        : best
    );
    source = sources.get(minorOf(table.kubernetesVersion)) ?? new SchemaSource(table);
    sources.set(minor, source);
    sources.set(minorOf(table.kubernetesVersion), source);
  }
  return source;
}

function minorOf(version: string): number {
  return Number(/^v?1\.(\d+)/.exec(version)?.[1] ?? "33");
}
