// libyaml's scalar scanners (go-yaml v2 scannerc.go yaml_parser_scan_block_scalar,
// yaml_parser_scan_flow_scalar, yaml_parser_scan_plain_scalar): the folding, chomping and escape
// rules, and the errors, of the Go code, over a string.

import { asHex, isBlank, isBlankz, isBreak, isBreakz, isDigit, isHex } from "./_chars.ts";
import type { ScanCursor } from "./_cursor.ts";
import { ScalarStyle, type Token, token, TokenType } from "./tokens.ts";
import type { Mark } from "./yaml_error.ts";

// `---` or `...` at the start of a line, followed by a blank or the end.
function atDocumentIndicator(c: ScanCursor): boolean {
  if (c.column !== 0) return false;
  const a = c.at();
  return (a === 45 || a === 46) && c.at(1) === a && c.at(2) === a && isBlankz(c.at(3));
}

/** Scans a `|` (literal) or `>` (folded) block scalar. */
export function scanBlockScalar(c: ScanCursor, literal: boolean): Token {
  const start = c.mark();
  c.skip();
  let chomping = 0;
  let increment = 0;
  const indicatorZero = () => c.error(start, "found an indentation indicator equal to 0");
  if (c.at() === 43 || c.at() === 45) {
    chomping = c.at() === 43 ? 1 : -1;
    c.skip();
    if (isDigit(c.at())) {
      if (c.at() === 48) throw indicatorZero();
      increment = c.at() - 48;
      c.skip();
    }
  } else if (isDigit(c.at())) {
    if (c.at() === 48) throw indicatorZero();
    increment = c.at() - 48;
    c.skip();
    if (c.at() === 43 || c.at() === 45) {
      chomping = c.at() === 43 ? 1 : -1;
      c.skip();
    }
  }
  while (isBlank(c.at())) c.skip();
  if (c.at() === 35) { while (!isBreakz(c.at())) c.skip(); }
  if (!isBreakz(c.at())) {
    throw c.error(start, "did not find expected comment or line break");
  }
  if (isBreak(c.at())) c.skipLine();
  let end = c.mark();
  const state = { indent: 0, breaks: "", end };
  if (increment > 0) state.indent = c.indent >= 0 ? c.indent + increment : increment;
  blockScalarBreaks(c, state, start);
  let text = "";
  let leadingBreak = "";
  let leadingBlank = false;
  while (c.column === state.indent && c.at() !== 0) {
    const trailingBlank = isBlank(c.at());
    if (!literal && !leadingBlank && !trailingBlank && leadingBreak.charCodeAt(0) === 10) {
      if (state.breaks.length === 0) text += " ";
    } else text += leadingBreak;
    leadingBreak = "";
    text += state.breaks;
    state.breaks = "";
    leadingBlank = isBlank(c.at());
    const from = c.pos;
    while (!isBreakz(c.at())) c.skip();
    text += c.text.slice(from, c.pos);
    leadingBreak = c.readLine();
    blockScalarBreaks(c, state, start);
  }
  end = state.end;
  if (chomping !== -1) text += leadingBreak;
  if (chomping === 1) text += state.breaks;
  const style = literal ? ScalarStyle.Literal : ScalarStyle.Folded;
  return token(TokenType.Scalar, start, end, text, "", style);
}

// yaml_parser_scan_block_scalar_breaks: the indentation and empty lines before a line of text.
function blockScalarBreaks(
  c: ScanCursor,
  state: { indent: number; breaks: string; end: Mark },
  start: Mark,
): void {
  state.end = c.mark();
  let maxIndent = 0;
  for (;;) {
    while ((state.indent === 0 || c.column < state.indent) && c.at() === 32) c.skip();
    if (c.column > maxIndent) maxIndent = c.column;
    if ((state.indent === 0 || c.column < state.indent) && c.at() === 9) {
      throw c.error(start, "found a tab character where an indentation space is expected");
    }
    if (!isBreak(c.at())) break;
    state.breaks += c.readLine();
    state.end = c.mark();
  }
  if (state.indent === 0) {
    state.indent = Math.max(maxIndent, c.indent + 1, 1);
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "0": "\0",
  "a": "\x07",
  "b": "\b",
  "t": "\t",
  "\t": "\t",
  "n": "\n",
  "v": "\v",
  "f": "\f",
  "r": "\r",
  "e": "\x1b",
  " ": " ",
  '"': '"',
  "'": "'",
  "\\": "\\",
  "N": "\x85",
  "_": "\xa0",
  "L": "\u2028",
  "P": "\u2029",
};
const CODE_LENGTHS: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Scans a single- or double-quoted scalar. */
export function scanFlowScalar(c: ScanCursor, single: boolean): Token {
  const start = c.mark();
  c.skip();
  let text = "";
  let leadingBreak = "";
  let trailingBreaks = "";
  let whitespaces = "";
  const quote = single ? 39 : 34;
  for (;;) {
    if (atDocumentIndicator(c)) throw c.error(start, "found unexpected document indicator");
    if (c.at() === 0) throw c.error(start, "found unexpected end of stream");
    let leadingBlanks = false;
    let from = c.pos;
    while (!isBlankz(c.at())) {
      const ch = c.at();
      if (ch !== 39 && ch !== 34 && ch !== 92) {
        c.skip();
        continue;
      }
      if (single && ch === 39 && c.at(1) === 39) {
        text += c.text.slice(from, c.pos) + "'";
        c.skip();
        c.skip();
        from = c.pos;
        continue;
      }
      if (ch === quote) break;
      if (single || ch !== 92) {
        c.skip();
        continue;
      }
      text += c.text.slice(from, c.pos);
      if (isBreak(c.at(1))) {
        c.skip();
        c.skipLine();
        leadingBlanks = true;
        from = c.pos;
        break;
      }
      text += scanEscape(c, start);
      from = c.pos;
    }
    text += c.text.slice(from, c.pos);
    if (c.at() === quote) break;
    while (isBlank(c.at()) || isBreak(c.at())) {
      if (isBlank(c.at())) {
        if (!leadingBlanks) whitespaces += c.read();
        else c.skip();
      } else if (!leadingBlanks) {
        whitespaces = "";
        leadingBreak = c.readLine();
        leadingBlanks = true;
      } else trailingBreaks += c.readLine();
    }
    if (leadingBlanks) {
      if (leadingBreak.charCodeAt(0) === 10) {
        text += trailingBreaks.length === 0 ? " " : trailingBreaks;
      } else text += leadingBreak + trailingBreaks;
      trailingBreaks = "";
      leadingBreak = "";
    } else {
      text += whitespaces;
      whitespaces = "";
    }
  }
  c.skip();
  const style = single ? ScalarStyle.SingleQuoted : ScalarStyle.DoubleQuoted;
  return token(TokenType.Scalar, start, c.mark(), text, "", style);
}

// A `\` escape in a double-quoted scalar, the cursor on the backslash.
function scanEscape(c: ScanCursor, start: Mark): string {
  const name = String.fromCharCode(c.at(1));
  const simple = SIMPLE_ESCAPES[name];
  const codeLength = CODE_LENGTHS[name] ?? 0;
  if (simple === undefined && codeLength === 0) {
    throw c.error(start, "found unknown escape character");
  }
  c.skip();
  c.skip();
  if (codeLength === 0) return simple;
  let value = 0;
  for (let k = 0; k < codeLength; k++) {
    if (!isHex(c.at(k))) throw c.error(start, "did not find expected hexdecimal number");
    value = value * 16 + asHex(c.at(k));
  }
  if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
    throw c.error(start, "found invalid Unicode character escape code");
  }
  for (let k = 0; k < codeLength; k++) c.skip();
  return String.fromCodePoint(value);
}

// What ends a run of a plain scalar's characters: a blank, a break or the end; `:` before
// one; a flow indicator in flow context.
const BLANKZ = 1;
const COLON = 2;
const FLOW_INDICATOR = 3;
const PLAIN_STOPS = new Uint8Array(128);
for (const c of [0, 9, 10, 13, 32]) PLAIN_STOPS[c] = BLANKZ;
PLAIN_STOPS[58] = COLON;
for (const c of ",?[]{}") PLAIN_STOPS[c.charCodeAt(0)] = FLOW_INDICATOR;

/** Scans a plain scalar; a following line break lets a simple key start again. */
export function scanPlainScalar(c: ScanCursor): Token {
  let text = "";
  let leadingBreak = "";
  let trailingBreaks = "";
  let whitespaces = "";
  let leadingBlanks = false;
  const indent = c.indent + 1;
  const start = c.mark();
  const flow = c.flowLevel > 0;
  for (;;) {
    if (atDocumentIndicator(c)) break;
    if (c.at() === 35) break;
    // A run of the scalar's characters, read with local copies of the cursor.
    const t = c.text;
    let pos = c.pos;
    let chars = 0;
    for (;;) {
      const ch = t.charCodeAt(pos);
      if (ch < 128) {
        const stop = PLAIN_STOPS[ch];
        if (
          stop === BLANKZ || (stop === COLON && isBlankz(t.charCodeAt(pos + 1))) ||
          (stop === FLOW_INDICATOR && flow)
        ) break;
        pos++;
      } else if (ch === 0x85 || ch === 0x2028 || ch === 0x2029) break;
      else pos += ch >= 0xd800 && ch <= 0xdbff ? 2 : 1;
      chars++;
    }
    if (chars > 0) {
      if (leadingBlanks) {
        if (leadingBreak.charCodeAt(0) === 10) {
          text += trailingBreaks.length === 0 ? " " : trailingBreaks;
        } else text += leadingBreak + trailingBreaks;
        trailingBreaks = "";
        leadingBreak = "";
        leadingBlanks = false;
      } else if (whitespaces.length > 0) {
        text += whitespaces;
        whitespaces = "";
      }
      text += t.slice(c.pos, pos);
      c.pos = pos;
      c.index += chars;
      c.column += chars;
    }
    if (!(isBlank(c.at()) || isBreak(c.at()))) break;
    while (isBlank(c.at()) || isBreak(c.at())) {
      if (isBlank(c.at())) {
        if (leadingBlanks && c.column < indent && c.at() === 9) {
          throw c.error(start, "found a tab character that violates indentation");
        }
        if (!leadingBlanks) whitespaces += c.at() === 9 ? "\t" : " ";
        c.skip();
      } else if (!leadingBlanks) {
        whitespaces = "";
        leadingBreak = c.readLine();
        leadingBlanks = true;
      } else trailingBreaks += c.readLine();
    }
    if (!flow && c.column < indent) break;
  }
  if (leadingBlanks) c.simpleKeyAllowed = true;
  // A scalar's end mark is never read (events carry their start only).
  return token(TokenType.Scalar, start, start, text);
}
