// Reads the YAML config file into raw values by camelCase key, rejecting unknown keys.
import * as v from "valibot";
import { parseDocument } from "yaml";
import { ConfigError } from "./config_error.ts";
import { didYouMean } from "./suggest.ts";

/** The settings a config file holds, keyed by Config field, not yet validated one by one. */
export type FileValues = ReadonlyMap<string, unknown>;

// valibot's record() accepts arrays (and copies them into objects), so lists are turned away first.
const mapping = v.nullable(v.pipe(
  v.unknown(),
  v.check((value) => !Array.isArray(value)),
  v.record(v.string(), v.unknown()),
));

/** Reads and parses the file at `path` (named by `source`, --config or FKAS_CONFIG). */
export function readConfigFile(
  path: string,
  source: string,
  readFile: (path: string) => string,
  keys: readonly string[],
): FileValues {
  let text: string;
  try {
    text = readFile(path);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ConfigError(`Cannot start: ${source}: cannot read "${path}": ${reason}`, { cause });
  }

  const document = parseDocument(text);
  const [error] = document.errors;
  if (error !== undefined) {
    const { line, col } = error.linePos?.[0] ?? { line: 0, col: 0 };
    // yaml appends " at line L, column C:" and a code excerpt; the position goes up front instead.
    const reason = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    throw new ConfigError(`Cannot start: ${path}:${line}:${col}: invalid YAML: ${reason}`, {
      cause: error,
    });
  }

  const parsed = v.safeParse(mapping, document.toJS());
  if (!parsed.success) {
    throw new ConfigError(
      `Cannot start: ${path}: expected a mapping of settings like "ports: 20000-30000"`,
    );
  }
  const entries = Object.entries(parsed.output ?? {});
  const unknown = entries.map(([key]) => key).filter((key) => !keys.includes(key));
  if (unknown.length > 0) {
    const names = unknown.map((key) => `"${key}"${didYouMean(key, keys)}`).join(", ");
    throw new ConfigError(
      `Cannot start: ${path}: unknown key${unknown.length > 1 ? "s" : ""} ${names}` +
        `; known keys: ${keys.join(", ")}`,
    );
  }
  // An empty value ("ports:" with nothing after it) leaves the setting unset, like an empty env var.
  return new Map(entries.filter(([, value]) => value !== null));
}
