// The scale benchmark's final table: each figure beside its target from issue 7, met or missed.

/** One line of the table; `met` undefined means the figure has no target. */
export interface ScaleRow {
  metric: string;
  value: string;
  target?: string;
  met?: boolean;
  /** Appended to the verdict: "estimate", "scaled", ... */
  how?: string;
}

/** A Markdown table: metric, value, target, verdict. */
export function formatScaleTable(rows: ScaleRow[]): string {
  const header = ["metric", "value", "target", "verdict"];
  const table = rows.map((row) => [
    row.metric,
    row.value,
    row.target ?? "-",
    row.met === undefined ? "-" : `${row.met ? "met" : "MISSED"}${row.how ? ` (${row.how})` : ""}`,
  ]);
  const all = [header, ...table];
  const widths = header.map((_, i) => Math.max(...all.map((line) => line[i].length)));
  const line = (values: string[]) =>
    `| ${
      values.map((v, i) => i === 1 ? v.padStart(widths[i]) : v.padEnd(widths[i])).join(" | ")
    } |`;
  const rule = `|${widths.map((w, i) => `${"-".repeat(w + 1)}${i === 1 ? ":" : "-"}`).join("|")}|`;
  return [line(header), rule, ...table.map(line)].join("\n");
}

/** A number with `digits` decimals, "-" when not finite. */
export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "-";
}
