// The arguments of the client subcommands (`fkas clusters`, `fkas fault add ...`).

/** Parsed client arguments: positional words and `--flag value` / `--flag=value` / `-o value` options. */
export interface CliArgs {
  readonly words: string[];
  readonly options: Record<string, string>;
}

/** A client command line that cannot be run, with the message to print. */
export class CliError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CliError";
  }
}

/** Splits `argv` into words and options; `-o` is `--output`. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const words: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-o" || arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = arg === "-o" ? "output" : arg.slice(2, eq < 0 ? undefined : eq);
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new CliError(`${arg} needs a value`);
      options[name] = value;
    } else {
      words.push(arg);
    }
  }
  return { words, options };
}

/** `NS/NAME` as namespace and name, or a CliError saying what is expected. */
export function clusterRef(word: string | undefined): { namespace: string; name: string } {
  const match = word === undefined ? null : /^([^/\s]+)\/([^/\s]+)$/.exec(word);
  if (!match) throw new CliError(`expected a cluster as NAMESPACE/NAME, got ${word ?? "nothing"}`);
  return { namespace: match[1], name: match[2] };
}
