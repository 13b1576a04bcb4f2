// Formats the results of one protocol as a Markdown table: fkas beside the bare-runtime baseline.
import type { LoadResult } from "./load.ts";

/** One request class as measured: fkas's result (or why not) and the baseline's. */
export interface Row {
  label: string;
  fkas: LoadResult | { unavailable: string; message?: string };
  baseline?: LoadResult;
}

const rate = (r: LoadResult) => r.elapsedMs > 0 ? r.requests / (r.elapsedMs / 1000) : NaN;
const ms = (value: number) => Number.isFinite(value) ? value.toFixed(2) : "-";

function cells(row: Row): string[] {
  if ("unavailable" in row.fkas) return [row.label, row.fkas.unavailable, "", "", "", ""];
  const fkas = row.fkas;
  const base = row.baseline;
  return [
    row.label,
    rate(fkas).toFixed(0),
    ms(fkas.p50Ms),
    ms(fkas.p99Ms),
    base ? rate(base).toFixed(0) : "-",
    base ? (rate(fkas) / rate(base)).toFixed(2) : "-",
  ];
}

/** Lines saying which runs saw non-2xx answers or failed requests. */
function notes(rows: Row[]): string[] {
  const lines: string[] = [];
  for (const row of rows) {
    if ("unavailable" in row.fkas && row.fkas.message) {
      lines.push(`  note: ${row.label}, fkas: "${row.fkas.message}"`);
    }
    for (const [who, r] of [["fkas", row.fkas], ["baseline", row.baseline]] as const) {
      if (!r || "unavailable" in r) continue;
      const odd = Object.entries(r.statuses).filter(([status]) => !status.startsWith("2"));
      const goaways = r.goaways ?? [];
      if (odd.length === 0 && r.errors === 0 && goaways.length === 0) continue;
      const parts = odd.map(([status, count]) => `${count}× status ${status}`);
      if (goaways.length > 0) {
        parts.push(`${goaways.length} GOAWAY from the server (codes ${[...new Set(goaways)]})`);
      }
      if (r.errors > 0) parts.push(`${r.errors} failed (${r.firstError})`);
      lines.push(`  note: ${row.label}, ${who}: ${parts.join(", ")}`);
    }
  }
  return lines;
}

/** The table of one protocol, then its notes. */
export function formatTable(title: string, rows: Row[]): string {
  const header = ["class", "req/s", "p50 ms", "p99 ms", "baseline req/s", "ratio"];
  const table = [header, ...rows.map(cells)];
  const widths = header.map((_, i) => Math.max(...table.map((line) => line[i].length)));
  const line = (values: string[]) =>
    `| ${
      values.map((v, i) => i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i])).join(" | ")
    } |`;
  const rule = `|${
    widths.map((w, i) => i === 0 ? `${"-".repeat(w + 1)}-` : `${"-".repeat(w + 1)}:`).join("|")
  }|`;
  return [`### ${title}`, "", line(header), rule, ...table.slice(1).map(line), ...notes(rows)]
    .join("\n");
}
