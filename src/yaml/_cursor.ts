// The scanner's position in its input, moved as libyaml's reader macros move it (go-yaml v2
// scannerc.go skip, skip_line, read_line), and the block state its scalar scanners consult.

import { isBreak } from "./_chars.ts";
import { type Mark, syntaxError, type YamlError } from "./yaml_error.ts";

// libyaml pads its buffer with NULs past the end; reads ahead of the end see the same.
const PADDING = "\0".repeat(16);

/** A position in the text (code unit `pos`) with go-yaml's mark (characters, line, column). */
export class ScanCursor {
  /** The input and NUL padding. */
  readonly text: string;
  pos = 0;
  index = 0;
  line = 0;
  column = 0;
  /** The current block indentation column (-1 at the top). */
  indent = -1;
  flowLevel = 0;
  simpleKeyAllowed = false;

  constructor(input: string) {
    this.text = input + PADDING;
  }

  /** The code unit `offset` ahead (0 past the end). */
  at(offset = 0): number {
    return this.text.charCodeAt(this.pos + offset);
  }

  /** The mark of the current position. */
  mark(): Mark {
    return { index: this.index, line: this.line, column: this.column };
  }

  /** Moves past one character (both halves of a surrogate pair). */
  skip(): void {
    const c = this.text.charCodeAt(this.pos);
    this.pos += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    this.index++;
    this.column++;
  }

  /** Moves past a line break (CR LF as one), if one is here. */
  skipLine(): void {
    const c = this.text.charCodeAt(this.pos);
    if (c === 13 && this.text.charCodeAt(this.pos + 1) === 10) {
      this.pos += 2;
      this.index += 2;
    } else if (isBreak(c)) {
      this.pos++;
      this.index++;
    } else return;
    this.column = 0;
    this.line++;
  }

  /** Moves past a line break and answers it as read_line does: `\n`, or LS/PS kept; else "". */
  readLine(): string {
    const c = this.text.charCodeAt(this.pos);
    let read = "\n";
    if (c === 13 && this.text.charCodeAt(this.pos + 1) === 10) {
      this.pos += 2;
      this.index += 2;
    } else if (c === 13 || c === 10 || c === 0x85) {
      this.pos++;
      this.index++;
    } else if (c === 0x2028 || c === 0x2029) {
      read = String.fromCharCode(c);
      this.pos++;
      this.index++;
    } else return "";
    this.column = 0;
    this.line++;
    return read;
  }

  /** Reads one character and answers it. */
  read(): string {
    const start = this.pos;
    this.skip();
    return this.text.slice(start, this.pos);
  }

  /** A scanner error at the current mark (yaml_parser_set_scanner_error). */
  error(contextMark: Mark, problem: string): YamlError {
    return syntaxError(true, problem, this.mark(), contextMark);
  }
}
