// JSON values written as YAML byte for byte as kube-apiserver's YAML serializer writes them:
// sigs.k8s.io/yaml JSONToYAML, i.e. go-yaml v2 marshalling the decoded JSON (keys sorted by
// keyList.Less, block style, sequences flush with their key, 80-column folding of long strings).
// Source: go.yaml.in/yaml/v2 v2.4.2 encode.go and emitterc.go (yaml_emitter_emit_* states).

import {
  analyzeScalar,
  isBreak,
  isPrintable,
  keyLess,
  plainReadsAsString,
} from "./go_yaml_scalars.ts";

const enum Style {
  Plain,
  SingleQuoted,
  DoubleQuoted,
  Literal,
}

// best_width: go-yaml v2 folds at 80 columns (kube-apiserver never calls FutureLineWrap).
const BEST_WIDTH = 80;
const BEST_INDENT = 2;
const MAX_SIMPLE_KEY_BYTES = 128;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

/** Where a node sits (yaml_emitter_emit_node's context flags). */
interface Context {
  readonly mapping: boolean;
  readonly simpleKey: boolean;
}

const VALUE: Context = { mapping: true, simpleKey: false };
const SIMPLE_KEY: Context = { mapping: true, simpleKey: true };
const ITEM: Context = { mapping: false, simpleKey: false };

/** Writes a decoded JSON value as sigs.k8s.io/yaml's JSONToYAML would write its JSON text. */
export function goYaml(value: unknown): string {
  const emitter = new Emitter();
  emitter.node(value, ITEM);
  emitter.writeIndent();
  return emitter.out;
}

// The emitter's state, as yaml_emitter_t keeps it for block output.
class Emitter {
  out = "";
  column = 0;
  indent = -1;
  readonly indents: number[] = [];
  whitespace = true;
  indention = true;

  node(value: unknown, context: Context): void {
    if (value === null || value === undefined) return this.scalar("null", Style.Plain, context);
    switch (typeof value) {
      case "string": {
        // Go decoded the JSON into UTF-8: a lone surrogate became U+FFFD.
        let text = value.isWellFormed() ? value : value.toWellFormed();
        if (text.includes("\u0085")) text = foldNextLines(text);
        return this.scalar(text, stringStyle(text), context);
      }
      case "boolean":
        return this.scalar(value ? "true" : "false", Style.Plain, context);
      case "number":
        return this.scalar(goNumber(value), Style.Plain, context);
      case "object":
        if (Array.isArray(value)) return this.sequence(value, context);
        return this.mapping(value as Record<string, unknown>);
    }
    this.scalar("null", Style.Plain, context);
  }

  sequence(items: readonly unknown[], context: Context): void {
    if (items.length === 0) return this.emptyFlow("[", "]");
    this.increaseIndent(false, context.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.indicator("-", true, false, true);
      this.node(item, ITEM);
    }
    this.popIndent();
  }

  mapping(object: Record<string, unknown>): void {
    const keys = Object.keys(object).filter((key) => object[key] !== undefined);
    if (keys.length === 0) return this.emptyFlow("{", "}");
    sortKeys(keys);
    this.increaseIndent(false, false);
    for (const key of keys) {
      this.writeIndent();
      if (!analyzeScalar(key).multiline && utf8Length(key) <= MAX_SIMPLE_KEY_BYTES) {
        this.node(key, SIMPLE_KEY);
        this.indicator(":", false, false, false);
      } else {
        this.indicator("?", true, false, true);
        this.node(key, VALUE);
        this.writeIndent();
        this.indicator(":", true, false, true);
      }
      this.node(object[key], VALUE);
    }
    this.popIndent();
  }

  // An empty collection is written in flow style: `[]` or `{}`.
  emptyFlow(open: string, close: string): void {
    this.indicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.popIndent();
    this.indicator(close, false, false, false);
  }

  // yaml_emitter_select_scalar_style, then the writer of the chosen style.
  scalar(value: string, requested: Style, context: Context): void {
    const analysis = analyzeScalar(value);
    let style = requested;
    if (context.simpleKey && analysis.multiline) style = Style.DoubleQuoted;
    if (style === Style.Plain) {
      if (!analysis.blockPlainAllowed) style = Style.SingleQuoted;
      if (value.length === 0 && context.simpleKey) style = Style.SingleQuoted;
    }
    if (style === Style.SingleQuoted && !analysis.singleQuotedAllowed) style = Style.DoubleQuoted;
    if (style === Style.Literal && (!analysis.blockAllowed || context.simpleKey)) {
      style = Style.DoubleQuoted;
    }
    this.increaseIndent(true, false);
    const breaks = !context.simpleKey;
    if (style === Style.Plain) this.plain(value, breaks);
    else if (style === Style.SingleQuoted) this.singleQuoted(value, breaks);
    else if (style === Style.DoubleQuoted) this.doubleQuoted(value, breaks);
    else this.literal(value);
    this.popIndent();
  }

  plain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(" ");
    // Short values cannot fold: written at once.
    if (!allowBreaks || this.column + value.length <= BEST_WIDTH || !value.includes(" ")) {
      this.out += value;
      this.column += codePoints(value);
    } else {
      const cps = Array.from(value);
      let spaces = false;
      for (let i = 0; i < cps.length; i++) {
        if (cps[i] === " ") {
          if (!spaces && this.column > BEST_WIDTH && cps[i + 1] !== " ") this.writeIndent();
          else this.put(" ");
          spaces = true;
        } else {
          this.put(cps[i]);
          spaces = false;
        }
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  singleQuoted(value: string, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    const cps = Array.from(value);
    let spaces = false, breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const ch = cps[i], cp = ch.codePointAt(0)!;
      if (ch === " ") {
        if (
          allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1 &&
          cps[i + 1] !== " "
        ) this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else if (isBreak(cp)) {
        if (!breaks && ch === "\n") this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (ch === "'") this.put("'");
        this.put(ch);
        this.indention = false;
        spaces = breaks = false;
      }
    }
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  doubleQuoted(value: string, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    // is_bom(value, i) looks at the value's first bytes whatever i is: a leading BOM escapes all.
    const bom = value.charCodeAt(0) === 0xfeff;
    const cps = Array.from(value);
    let spaces = false;
    for (let i = 0; i < cps.length; i++) {
      const ch = cps[i], cp = ch.codePointAt(0)!;
      if (!isPrintable(cp) || bom || isBreak(cp) || ch === '"' || ch === "\\") {
        this.put("\\");
        this.put(escapeOf(cp));
        spaces = false;
      } else if (ch === " ") {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
          this.writeIndent();
          if (cps[i + 1] === " ") this.put("\\");
        } else this.put(ch);
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  literal(value: string): void {
    this.indicator("|", true, false, false);
    const first = value.codePointAt(0)!;
    if (first === 0x20 || isBreak(first)) this.indicator(String(BEST_INDENT), false, false, false);
    const chomp = chompHint(value);
    if (chomp) this.indicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const ch of value) {
      if (isBreak(ch.codePointAt(0)!)) {
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(ch);
        this.indention = false;
        breaks = false;
      }
    }
  }

  writeIndent(): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (
      !this.indention || this.column > indent || (this.column === indent && !this.whitespace)
    ) this.putBreak();
    if (this.column < indent) {
      this.out += " ".repeat(indent - this.column);
      this.column = indent;
    }
    this.whitespace = true;
    this.indention = true;
  }

  indicator(text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean) {
    if (needWhitespace && !this.whitespace) this.put(" ");
    this.out += text;
    this.column += text.length;
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  put(ch: string): void {
    this.out += ch;
    this.column++;
  }

  putBreak(): void {
    this.out += "\n";
    this.column = 0;
  }

  // write_break: LF is a line break of the output; NEL, LS and PS are copied as they are.
  writeBreak(ch: string): void {
    if (ch === "\n") this.putBreak();
    else {
      this.out += ch;
      this.column = 0;
    }
  }
}

// keyList.Less is no strict order for some keys ("a02", "a0b", "a2" form a cycle); Go sorts the
// keys of a map in its random iteration order, so for those even kube-apiserver's order varies.
function sortKeys(keys: string[]): void {
  keys.sort((a, b) => keyLess(a, b) ? -1 : keyLess(b, a) ? 1 : 0);
}

// JSONToYAML reads the JSON text with a YAML parser, for which a raw NEL (JSON leaves it
// unescaped) in a quoted string is a line break: folded into a space, or n breaks into n-1 LFs,
// with the spaces around them dropped.
function foldNextLines(value: string): string {
  return value.replace(/ *\u0085(?: *\u0085)* */g, (run) => {
    const breaks = run.split("\u0085").length - 1;
    return breaks === 1 ? " " : "\n".repeat(breaks - 1);
  });
}

// encode.go stringv: multi-line strings as literal blocks, plain where it reads back as a string.
function stringStyle(value: string): Style {
  if (value.includes("\n")) return Style.Literal;
  return plainReadsAsString(value) ? Style.Plain : Style.DoubleQuoted;
}

// yaml_emitter_write_block_scalar_hints' chomping indicator.
function chompHint(value: string): string {
  if (value.length === 0) return "-";
  const last = value.codePointAt(value.length - 1)!;
  if (!isBreak(last)) return "-";
  if (value.length === 1) return "+";
  return isBreak(value.codePointAt(value.length - 2)!) ? "+" : "";
}

const ESCAPES: Readonly<Record<number, string>> = {
  0x00: "0",
  0x07: "a",
  0x08: "b",
  0x09: "t",
  0x0a: "n",
  0x0b: "v",
  0x0c: "f",
  0x0d: "r",
  0x1b: "e",
  0x22: '"',
  0x5c: "\\",
  0x85: "N",
  0xa0: "_",
  0x2028: "L",
  0x2029: "P",
};

// What follows the backslash for an escaped code point (upper-case hex, \x, \u or \U).
function escapeOf(cp: number): string {
  const named = ESCAPES[cp];
  if (named !== undefined) return named;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return "x" + hex.padStart(2, "0");
  if (cp <= 0xffff) return "u" + hex.padStart(4, "0");
  return "U" + hex.padStart(8, "0");
}

/**
 * A JSON number as go-yaml writes what it decoded from its text: an int when it parses as int64
 * or uint64, otherwise a float64 in strconv's shortest 'g' form ("1e+21", "1.5e-07").
 */
export function goNumber(value: number): string {
  if (Number.isSafeInteger(value)) return String(value);
  if (!Number.isFinite(value)) return value > 0 ? ".inf" : value < 0 ? "-.inf" : ".nan";
  const text = String(value);
  if (/^-?[0-9]+$/.test(text)) {
    const big = BigInt(text);
    if (big >= INT64_MIN && big <= UINT64_MAX) return text;
  }
  // 'g' with the shortest precision uses an exponent below 1e-4 and from 1e6 on.
  const [mantissa, exponentText] = value.toExponential().split("e");
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  return text;
}

function codePoints(value: string): number {
  let count = value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) count--;
  }
  return count;
}

function utf8Length(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x80) bytes++;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
