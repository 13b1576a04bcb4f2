// Public face of src/config: turns argv, env and an optional YAML file into a Command.
import type { Command, CommandLineInput } from "./config.ts";
import { parseArgv } from "./argv.ts";
import { renderHelp } from "./help.ts";
import { resolveConfig } from "./resolve.ts";

export type { Command, CommandLineInput, Config } from "./config.ts";
export { ConfigError } from "./config_error.ts";
export { DEFAULTS } from "./defaults.ts";
export { isLoopbackIp } from "./values.ts";
export { didYouMean } from "./suggest.ts";

/** Parses the command line (without the program name); throws ConfigError naming any bad input. */
export function parseCommandLine(input: CommandLineInput): Command {
  const { command, flags } = parseArgv(input.argv);
  if (command === "help") return Object.freeze({ kind: "help", text: renderHelp() });
  if (command === "version") return Object.freeze({ kind: "version" });
  return Object.freeze({ kind: "serve", config: resolveConfig(flags, input) });
}
