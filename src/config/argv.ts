// Splits argv into a command and raw flag values; knows flag spelling, not what values mean.
import { ConfigError } from "./config_error.ts";
import { CONFIG_FILE_OPTION, OPTIONS } from "./options.ts";
import { didYouMean } from "./suggest.ts";

/** The command argv asks for and, for serve, each flag's raw value (the last occurrence wins). */
export interface ParsedArgv {
  readonly command: "serve" | "help" | "version";
  readonly flags: ReadonlyMap<string, string>;
}

const COMMANDS = ["serve", "help", "version"] as const;
const HELP_FLAGS = ["--help", "-h"];
const VERSION_FLAG = "--version";
const SWITCHES = new Set(OPTIONS.filter((o) => o.kind.valueName === undefined).map((o) => o.flag));
const FLAGS = [CONFIG_FILE_OPTION.flag, ...OPTIONS.map((o) => o.flag), ...HELP_FLAGS, VERSION_FLAG];

/** Reads `[command] [flags]`; --help and --version win over everything else on the line. */
export function parseArgv(argv: readonly string[]): ParsedArgv {
  const flags = new Map<string, string>();
  let rest = argv;
  const first = argv[0];
  if (first !== undefined && !first.startsWith("-")) {
    if (first === "help" || first === "version") return { command: first, flags };
    if (first !== "serve") {
      throw new ConfigError(
        `Cannot start: unknown command "${first}"${didYouMean(first, COMMANDS)}; try fkas --help`,
      );
    }
    rest = argv.slice(1);
  }
  if (rest.some((token) => HELP_FLAGS.includes(token))) return { command: "help", flags };
  if (rest.includes(VERSION_FLAG)) return { command: "version", flags };

  for (let i = 0; i < rest.length; i++) {
    const token = rest[i];
    if (!token.startsWith("-")) throw unexpectedArgument(token, rest[i - 1]);
    const equals = token.indexOf("=");
    const name = equals < 0 ? token : token.slice(0, equals);
    if (!FLAGS.includes(name)) {
      throw new ConfigError(`Cannot start: unknown flag ${name}${didYouMean(name, FLAGS)}`);
    }
    if (equals >= 0) flags.set(name, token.slice(equals + 1));
    else if (SWITCHES.has(name)) flags.set(name, "true");
    else {
      const value = rest[i + 1];
      // A value that looks like a flag is almost always a forgotten value, so refuse it.
      if (value === undefined || value.startsWith("--")) {
        throw new ConfigError(`Cannot start: ${name}: missing value`);
      }
      flags.set(name, value);
      i++;
    }
  }
  return { command: "serve", flags };
}

function unexpectedArgument(token: string, previous: string | undefined): ConfigError {
  // Switches never take a separate value, as in pflag: "--anonymous-auth false" is a mistake.
  const hint = previous !== undefined && SWITCHES.has(previous)
    ? ` (write ${previous}=${token})`
    : "";
  return new ConfigError(`Cannot start: unexpected argument "${token}"${hint}`);
}
