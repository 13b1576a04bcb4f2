// The Prometheus text exposition format 0.0.4: names, escaping and numbers, as bytes on the wire.

/** The `Content-Type` of a scrape answer in this format. */
export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Throws unless `name` is a valid metric name and every label name is valid and unique. */
export function checkNames(name: string, labelNames: readonly string[]): void {
  if (!METRIC_NAME.test(name)) throw new Error(`Cannot register metric "${name}": invalid name`);
  const seen = new Set<string>();
  for (const label of labelNames) {
    if (!LABEL_NAME.test(label) || label.startsWith("__") || seen.has(label)) {
      throw new Error(`Cannot register metric "${name}": invalid or repeated label "${label}"`);
    }
    seen.add(label);
  }
}

/** A label value with `\`, `"` and line feeds escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (char) => char === "\n" ? "\\n" : `\\${char}`);
}

/** HELP text with `\` and line feeds escaped (quotes stay as they are there). */
export function escapeHelp(text: string): string {
  return text.replace(/[\\\n]/g, (char) => char === "\n" ? "\\n" : "\\\\");
}

/** A sample value as Prometheus spells it: `+Inf`, `-Inf`, `NaN`, or the shortest decimal. */
export function formatValue(value: number): string {
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

/** The inside of a label set, `a="x",b="y"` (no braces), escaped once when a series is born. */
export function labelPairs(names: readonly string[], values: readonly string[]): string {
  let text = "";
  for (let i = 0; i < names.length; i++) {
    text += `${i ? "," : ""}${names[i]}="${escapeLabelValue(values[i])}"`;
  }
  return text;
}

/** The `# HELP` and `# TYPE` lines that open a metric family. */
export function familyHeader(name: string, help: string, type: string): string {
  return `# HELP ${name} ${escapeHelp(help)}\n# TYPE ${name} ${type}\n`;
}

/** One sample line: `name{pairs} value`. */
export function sampleLine(name: string, pairs: string, value: number): string {
  return `${name}${pairs ? `{${pairs}}` : ""} ${formatValue(value)}\n`;
}
