// Renders `fkas --help` from the option table, so the help cannot drift from the parser.
import { CONFIG_FILE_OPTION, OPTIONS } from "./options.ts";
import type { AnyOption } from "./options.ts";

/** The full --help text, ending in a newline. */
export function renderHelp(): string {
  const rows: [string, string][] = [
    [
      `${CONFIG_FILE_OPTION.flag} ${CONFIG_FILE_OPTION.valueName}`,
      `${CONFIG_FILE_OPTION.description} (env ${CONFIG_FILE_OPTION.env})`,
    ],
    ...OPTIONS.map((o): [string, string] => [usage(o), `${o.description} (${sources(o)})`]),
    ["-h, --help", "print this help"],
    ["--version", "print the version"],
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  return [
    "fkas: fake Kubernetes API servers for testing Cluster API at scale",
    "",
    "Usage:",
    "  fkas [serve] [flags]   start the control API (serve is the default command)",
    "  fkas help              print this help",
    "  fkas --version         print the version",
    "",
    "Flags (a flag beats its env var, which beats the config file, which beats the default):",
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`),
    "",
  ].join("\n");
}

function usage(option: AnyOption): string {
  const { valueName } = option.kind;
  return valueName === undefined ? `${option.flag}[=true|false]` : `${option.flag} ${valueName}`;
}

function sources(option: AnyOption): string {
  return `env ${option.env}, default ${defaultText(option)}`;
}

function defaultText(option: AnyOption): string {
  if (option.defaultDescription) return option.defaultDescription;
  // The union of option types makes format() demand every value type at once; each pair matches.
  const format = (value: unknown) =>
    value === undefined ? "none" : option.kind.format(value as never);
  const context = { inPod: false, resolved: {} };
  const plain = format(option.defaultValue({ ...context, stdoutIsTerminal: false }));
  const terminal = format(option.defaultValue({ ...context, stdoutIsTerminal: true }));
  const fallback = option.fallbackEnv === undefined ? "" : `$${option.fallbackEnv}, else `;
  return fallback + (plain === terminal ? plain : `${plain}, ${terminal} on a terminal`);
}
