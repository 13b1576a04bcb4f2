// go-cmp's report (cmp.Diff) as immutability messages carried it before v1.34, reduced to the
// changed fields of a spec: go-cmp randomizes its spacing on purpose and its exact layout walks
// Go structs, so no client can depend on more than these lines.

// deno-lint-ignore no-explicit-any
type Loose = any;

/** The report of `changed` fields between `before` and `after`, under Go's struct name. */
export function cmpReport(
  structName: string,
  changed: readonly string[],
  after: Loose,
  before: Loose,
): string {
  const lines = [`  ${structName}{`];
  for (const key of changed) {
    const name = key[0].toUpperCase() + key.slice(1);
    lines.push(`- \t${name}: ${JSON.stringify(before[key] ?? null)},`);
    lines.push(`+ \t${name}: ${JSON.stringify(after[key] ?? null)},`);
  }
  lines.push("  }");
  return lines.join("\n") + "\n";
}
