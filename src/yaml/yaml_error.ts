// A YAML document refused, worded as go-yaml v2 words it (`yaml: line 3: did not find expected key`).

/** Where a reader, scanner or parser problem was found: go-yaml's 0-based mark. */
export interface Mark {
  /** Characters read before it. */
  readonly index: number;
  /** 0-based line. */
  readonly line: number;
  /** 0-based column, in characters. */
  readonly column: number;
}

/** A YAML input refused; `message` is go-yaml v2's error text, `yaml: ` prefix included. */
export class YamlError extends Error {
  override name = "YamlError";
}

/**
 * A scanner or parser failure as go-yaml's `parser.fail` words it: the problem mark's line (plus
 * one for a scanner error, whose marks are not advanced past the line), else the context mark's
 * line, and no line at all when that is 0.
 */
export function syntaxError(
  scanner: boolean,
  problem: string,
  problemMark: Mark | undefined,
  contextMark?: Mark,
): YamlError {
  let line = 0;
  if (problemMark && problemMark.line !== 0) line = problemMark.line + (scanner ? 1 : 0);
  else if (contextMark && contextMark.line !== 0) line = contextMark.line;
  return new YamlError(`yaml: ${line !== 0 ? `line ${line}: ` : ""}${problem}`);
}
