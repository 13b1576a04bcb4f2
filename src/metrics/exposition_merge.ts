// Merges Prometheus text expositions of several threads (`--workers N`) into one: each family
// once, its samples from every thread, the same series summed.

/**
 * Merges expositions in order. A series (name and labels) that several texts carry is summed
 * (counters, histogram buckets, count gauges split over threads), except in `firstWins`
 * families, where the first text's value stands (process-wide gauges such as uptime).
 */
export function mergeExpositions(
  texts: readonly string[],
  firstWins: ReadonlySet<string> = new Set(),
): string {
  const families = new Map<string, { header: string[]; samples: Map<string, number> }>();
  for (const text of texts) {
    let family: { header: string[]; samples: Map<string, number> } | undefined;
    let familyName = "";
    for (const line of text.split("\n")) {
      if (line === "") continue;
      if (line.startsWith("# ")) {
        const name = line.split(" ")[2] ?? "";
        familyName = name;
        family = families.get(name);
        if (!family) families.set(name, family = { header: [], samples: new Map() });
        if (!family.header.includes(line) && family.header.length < 2) family.header.push(line);
        continue;
      }
      if (!family) continue;
      const space = line.lastIndexOf(" ");
      const series = line.slice(0, space);
      const value = Number(line.slice(space + 1));
      const before = family.samples.get(series);
      if (before === undefined) family.samples.set(series, value);
      else if (!firstWins.has(familyName)) family.samples.set(series, before + value);
    }
  }
  let out = "";
  for (const { header, samples } of families.values()) {
    out += header.join("\n") + "\n";
    for (const [series, value] of samples) out += `${series} ${formatValue(value)}\n`;
  }
  return out;
}

// As the exposition format spells special values.
function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}
