// One release's OpenAPI docs (descriptions, defaults, extensions), read lazily from the generated tables.

import type { DocEntry, DocsTableDelta, DocsTableSource } from "./docs_table.ts";

/** The docs of one Kubernetes release: the base table, or a delta laid over it. */
export class SchemaDocs {
  readonly #base: DocsTableSource;
  readonly #delta: DocsTableDelta | undefined;
  readonly #packages = new Map<string, Readonly<Record<string, DocEntry>>>();
  #names?: Readonly<Record<string, string>>;
  #specials?: Readonly<Record<string, Record<string, unknown>>>;
  #prefixes?: Map<string, string>;

  constructor(base: DocsTableSource, delta?: DocsTableDelta) {
    this.#base = base;
    this.#delta = delta;
  }

  /** The OpenAPI definition name of a struct (`core.v1`, `Pod` → `io.k8s.api.core.v1.Pod`). */
  definitionName(packageKey: string, struct: string): string {
    this.#names ??= JSON.parse((this.#delta ?? this.#base).names);
    const prefix = Object.hasOwn(this.#names!, packageKey) ? this.#names![packageKey] : packageKey;
    return `${prefix}.${struct}`;
  }

  /** The package key and struct of a definition name (`io.k8s.api.core.v1.Pod` → `core.v1`, `Pod`). */
  structOf(definition: string): [packageKey: string, struct: string] | undefined {
    this.#names ??= JSON.parse((this.#delta ?? this.#base).names);
    if (!this.#prefixes) {
      this.#prefixes = new Map(Object.entries(this.#names!).map(([key, prefix]) => [prefix, key]));
    }
    const dot = definition.lastIndexOf(".");
    const key = this.#prefixes.get(definition.slice(0, dot));
    return key === undefined ? undefined : [key, definition.slice(dot + 1)];
  }

  /** The definitions that are no struct (Quantity, Time, IntOrString, RawExtension...), whole. */
  specials(): Readonly<Record<string, Record<string, unknown>>> {
    return this.#specials ??= JSON.parse((this.#delta ?? this.#base).specials);
  }

  /** The docs residual of a struct (`core.v1`, `Pod`), if it has one. */
  entry(packageKey: string, struct: string): DocEntry | undefined {
    let docs = this.#packages.get(packageKey);
    if (!docs) {
      docs = this.#parse(packageKey);
      this.#packages.set(packageKey, docs);
    }
    return Object.hasOwn(docs, struct) ? docs[struct] : undefined;
  }

  #parse(key: string): Record<string, DocEntry> {
    const base: Record<string, DocEntry> = Object.hasOwn(this.#base.packages, key)
      ? JSON.parse(this.#base.packages[key])
      : {};
    if (!this.#delta || !Object.hasOwn(this.#delta.packages, key)) return base;
    const json = this.#delta.packages[key];
    if (json === null) return {};
    const patches = JSON.parse(json) as Record<string, DocEntry | null>;
    const docs = { ...base };
    for (const [struct, patch] of Object.entries(patches)) {
      if (patch === null) delete docs[struct];
      else docs[struct] = patched(docs[struct], patch);
    }
    return docs;
  }
}

// A base entry with a delta's patch laid over it: `d` and each field replaced (null: removed).
function patched(base: DocEntry | undefined, patch: DocEntry): DocEntry {
  const d = patch.d === undefined ? base?.d : patch.d ?? undefined;
  const fields: Record<string, unknown> = { ...base?.f };
  for (const [field, value] of Object.entries(patch.f ?? {})) {
    if (value === null) delete fields[field];
    else fields[field] = value;
  }
  return {
    ...(d ? { d } : {}),
    ...(Object.keys(fields).length ? { f: fields as DocEntry["f"] } : {}),
  };
}
