// YAML read as kube-apiserver reads it: sigs.k8s.io/yaml over go-yaml v2 (go.yaml.in/yaml/v2), a
// port of libyaml. What clients can tell apart, and fkas therefore matches:
// - YAML 1.1 scalars (`yes`, `on`, `y` are booleans, `0755` octal, `0o17` too), merge keys, but
//   neither sexagesimal numbers (`1:20` stays a string) nor timestamps (kept as written), and
//   `!!binary` decoded into a string (go-yaml's resolve.go);
// - the first document only (`---` and what follows is never read);
// - duplicate keys allowed, the last one winning (a strict decode reports each one);
// - errors worded by libyaml (`yaml: line 1: did not find expected node content`), with go-yaml's
//   line: a parser error names the 0-based line of its mark, a scanner error the 1-based one, and
//   the first line is never named. The `yaml` package finds the same mistakes at nearby places:
//   each of its error codes is mapped to the libyaml message a client meets for it (checked
//   against go-yaml v2.4.3 on the inputs of tests/kube/go_yaml_decode_test.ts); an error with no
//   mapping keeps the package's own words in go-yaml's shape.

import {
  type Document,
  isCollection,
  isMap,
  isPair,
  isScalar,
  LineCounter,
  parseAllDocuments,
  type ScalarTag,
  type Tags,
  type YAMLError,
  type YAMLMap,
} from "yaml";
import { expandAliases, YamlAliasError } from "./yaml_aliases.ts";

/** A YAML parse failure, its message as go-yaml's error (`yaml: line 2: did not find expected key`). */
export class GoYamlError extends Error {
  override name = "GoYamlError";
}

/** A decoded document and its duplicate keys, as go-yaml's strict decode reports them. */
export interface GoYamlDocument {
  readonly value: unknown;
  /** `line 7: key "a" already set in map`, one per repeated key, in document order. */
  readonly duplicates: readonly string[];
}

const utf8 = new TextDecoder();

// The `yaml` package's YAML 1.1 tags as go-yaml v2 resolves plain scalars.
function goYamlTags(tags: Tags): Tags {
  const kept = tags.flatMap((tag) => {
    const scalar = tag as ScalarTag;
    if (scalar.format === "TIME" || scalar.tag === "tag:yaml.org,2002:timestamp") return [];
    if (scalar.tag === "tag:yaml.org,2002:binary" && scalar.resolve) {
      const bytes = scalar.resolve;
      return [{
        ...scalar,
        resolve: (source: string, onError: (message: string) => void, options: unknown) =>
          utf8.decode(bytes(source, onError, options as never) as Uint8Array),
      } as ScalarTag];
    }
    // A float out of range (`1e400`) fails strconv.ParseFloat: go-yaml keeps the text.
    if (
      scalar.tag === "tag:yaml.org,2002:float" && scalar.resolve &&
      !scalar.test?.source.includes("inf")
    ) {
      const float = scalar.resolve;
      return [{
        ...scalar,
        resolve: (source: string, onError: (message: string) => void, options: unknown) => {
          const value = float(source, onError, options as never);
          return typeof value === "number" && !Number.isFinite(value) ? source : value;
        },
      } as ScalarTag];
    }
    return [tag];
  });
  const octal: ScalarTag = {
    identify: (value) => typeof value === "number",
    default: true,
    tag: "tag:yaml.org,2002:int",
    test: /^0o[0-7]+$/,
    resolve: (source) => parseInt(source.slice(2), 8),
  };
  return [octal, ...kept];
}

/** Decodes the first YAML document of `text` as go-yaml v2 does; throws GoYamlError. */
export function decodeGoYaml(text: string): GoYamlDocument {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, {
    version: "1.1",
    uniqueKeys: false,
    merge: true,
    customTags: goYamlTags,
    lineCounter,
    prettyErrors: false,
  });
  const documents = Array.isArray(parsed) ? parsed : [];
  const document = documents[0];
  if (!document) return { value: null, duplicates: [] };
  if (document.errors.length > 0) {
    const error = document.errors[0];
    throw new GoYamlError(goYamlMessage(error, text, lineCounter), { cause: error });
  }
  try {
    expandAliases(document);
  } catch (cause) {
    if (cause instanceof YamlAliasError) throw new GoYamlError(cause.message, { cause });
    throw cause;
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: -1 });
  } catch (cause) {
    // "Unresolved alias (the anchor must be set before the alias): name"; decode.go's alias()
    // fails with no line.
    const alias = /^Unresolved alias.*: (\S+)$/.exec((cause as Error).message ?? "");
    if (alias) {
      throw new GoYamlError(`yaml: unknown anchor '${alias[1]}' referenced`, { cause });
    }
    throw cause;
  }
  const unsupported = nonFinite(value);
  // `.inf` and `.nan` decode, then fail sigs.k8s.io/yaml's conversion to JSON.
  if (unsupported) throw new GoYamlError(`json: unsupported value: ${unsupported}`);
  return { value, duplicates: duplicateKeys(document, lineCounter) };
}

// encoding/json's name for the first infinite or NaN number in `value`, if any.
function nonFinite(value: unknown): string | undefined {
  if (typeof value === "number") {
    if (Number.isFinite(value)) return undefined;
    return Number.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
  }
  if (value === null || typeof value !== "object") return undefined;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const found = nonFinite(item);
    if (found) return found;
  }
  return undefined;
}

// decode.go's mapping() in strict mode: `line N: key "a" already set in map` (%#v of the key).
// An explicit walk in document order, not the package's `visit`: that one hands every node a
// fresh copy of its path, so a block map nested 2,400 deep (a 3 MB body) took 40 s.
function duplicateKeys(document: Document, lines: LineCounter): string[] {
  const found: string[] = [];
  const pending: unknown[] = [document.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isPair(node)) {
      pending.push(node.value, node.key);
      continue;
    }
    if (!isCollection(node)) continue;
    if (isMap(node)) reportRepeatedKeys(node, lines, found);
    for (let i = node.items.length - 1; i >= 0; i--) pending.push(node.items[i]);
  }
  return found;
}

function reportRepeatedKeys(map: YAMLMap, lines: LineCounter, found: string[]): void {
  const seen = new Set<string>();
  for (const pair of map.items) {
    const key = pair.key;
    if (!isScalar(key)) continue;
    const name = JSON.stringify(key.value);
    if (seen.has(name) && key.range) {
      found.push(`line ${lines.linePos(key.range[0]).line}: key ${name} already set in map`);
    }
    seen.add(name);
  }
}

/** libyaml's message for the `yaml` package's `error` in `text`, with go-yaml's line. */
export function goYamlMessage(error: YAMLError, text: string, lineCounter: LineCounter): string {
  const { line, col: column } = lineCounter.linePos(error.pos[0]);
  const lines = text.split("\n");
  const parser = (zeroBasedLine: number, problem: string) =>
    `yaml: ${zeroBasedLine > 0 ? `line ${zeroBasedLine}: ` : ""}${problem}`;
  const scanner = (oneBasedLine: number, problem: string) =>
    `yaml: ${oneBasedLine > 1 ? `line ${oneBasedLine}: ` : ""}${problem}`;
  // libyaml's stream end sits on a line of its own when the text does not end with one.
  const endLine = lines.length - 1 + (text.endsWith("\n") ? 0 : 1);
  switch (error.code) {
    case "TAB_AS_INDENT":
      // Only a plain scalar reads on into the next line, where the scanner finds the tab inside
      // it (scan_plain_scalar); elsewhere a tab cannot start a token.
      return endsWithPlainScalar(previousLine(lines, line))
        ? scanner(line, "found a tab character that violates indentation")
        : scanner(line, "found character that cannot start any token");
    case "BAD_SCALAR_START":
      return scanner(line, "found character that cannot start any token");
    case "BAD_DQ_ESCAPE":
      return scanner(line, "found unknown escape character");
    case "BAD_INDENT":
    case "MISSING_CHAR": {
      const flow = /Flow (sequence|map)/.exec(error.message);
      if (flow) return parser(endLine, unclosedFlow(text, flow[1] === "sequence" ? "]" : "}"));
      if (/quote/.test(error.message)) {
        // Scanned to the end: the mark is the stream's end, on the 0-based line after the last
        // line break.
        return scanner(lines.length, "found unexpected end of stream");
      }
      return parser(line - 1, dedentProblem(lines, line));
    }
    case "BLOCK_AS_IMPLICIT_KEY":
      if (/compact mappings/.test(error.message)) {
        return scanner(
          lineOfNextColon(lines, line, column),
          "mapping values are not allowed in this context",
        );
      }
      return parser(line - 1, dedentProblem(lines, line));
    case "MULTILINE_IMPLICIT_KEY":
      // A line with no colon where a key belongs: the scanner notices on the next line.
      return /^\s*- /.test(lines[line - 1] ?? "")
        ? parser(line - 1, dedentProblem(lines, line))
        : scanner(line + 1, "could not find expected ':'");
    case "UNEXPECTED_TOKEN":
      if (/block-seq-ind on same line/.test(error.message)) {
        return scanner(line, "block sequence entries are not allowed in this context");
      }
      if (/flow-(seq|map)-end/.test(error.message)) {
        const before = (lines[line - 1] ?? "").slice(0, column - 1).trimEnd();
        return parser(
          line - 1,
          before.endsWith(":") ? "did not find expected node content" : "did not find expected key",
        );
      }
      if (column === 1 && line > 1) return parser(line - 1, dedentProblem(lines, line));
      return parser(line - 1, "did not find expected key");
  }
  return scanner(line, error.message.split(" at line ")[0]);
}

// A flow collection left open: empty, libyaml wants its first node; with items, a separator.
function unclosedFlow(text: string, close: "]" | "}"): string {
  const open = text.lastIndexOf(close === "]" ? "[" : "{");
  return text.slice(open + 1).trim() === ""
    ? "did not find expected node content"
    : `did not find expected ',' or '${close}'`;
}

// A line that dedents to no open block: under a sequence libyaml wants a `-`, else a key.
function dedentProblem(lines: readonly string[], line: number): string {
  const offending = lines[line - 1] ?? "";
  const indent = offending.length - offending.trimStart().length;
  for (let i = line - 2; i >= 0; i--) {
    const text = lines[i];
    const body = text.trimStart();
    if (body === "" || body.startsWith("#")) continue;
    if (text.length - body.length > indent) continue;
    return /^-(\s|$)/.test(body)
      ? "did not find expected '-' indicator"
      : "did not find expected key";
  }
  return "did not find expected key";
}

// `key: value` or `- value` whose value is a plain scalar (not quoted, a flow collection, a
// block scalar indicator, an anchor or alias, or missing).
function endsWithPlainScalar(line: string): boolean {
  const value = /^\s*(?:-\s+)?(?:[^\s#'"][^:#]*:\s+)?(.*)$/.exec(line.replace(/\s+#.*$/, ""))?.[1]
    .trim() ?? "";
  return value !== "" && !/^['"[{|>&*!]/.test(value) && !value.endsWith(":");
}

function previousLine(lines: readonly string[], line: number): string {
  for (let i = line - 2; i >= 0; i--) if (lines[i].trim() !== "") return lines[i];
  return "";
}

// The 1-based line of the first `: ` (or a colon ending a line) from a value's start.
function lineOfNextColon(lines: readonly string[], line: number, column: number): number {
  for (let i = line - 1; i < lines.length; i++) {
    const text = i === line - 1 ? lines[i].slice(column - 1) : lines[i];
    if (/:(\s|$)/.test(text)) return i + 1;
  }
  return line;
}
