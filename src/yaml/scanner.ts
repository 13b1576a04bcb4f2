// libyaml's scanner as go-yaml v2 ports it (scannerc.go): a queue of tokens fetched on demand,
// simple keys remembered until their `:` shows whether they were keys, block indentation turned
// into BLOCK-SEQUENCE-START / BLOCK-MAPPING-START / BLOCK-END tokens, and go-yaml's limits
// (10,000 flow levels, 10,000 indents). Errors are thrown as YamlError.

import { isBlank, isBlankz, isBreak } from "./_chars.ts";
import { ScanCursor } from "./_cursor.ts";
import { scanBlockScalar, scanFlowScalar, scanPlainScalar } from "./scan_scalars.ts";
import { scanAnchor, scanDirective, scanTag } from "./scan_tags.ts";
import { type Token, token, TokenType } from "./tokens.ts";
import type { Mark } from "./yaml_error.ts";

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

// go-yaml's max_flow_level and max_indents.
const MAX_FLOW_LEVEL = 10000;
const MAX_INDENTS = 10000;

/** Turns YAML text into tokens, one `peek`/`next` at a time, as yaml_parser_scan does. */
export class Scanner extends ScanCursor {
  // The queue: tokens[head, tail); emptied by moving both back to 0.
  #tokens: Token[] = [];
  #head = 0;
  #tail = 0;
  #parsed = 0;
  #available = false;
  #streamStarted = false;
  #indents: number[] = [];
  #simpleKeys: SimpleKey[] = [];
  #simpleKeysByToken = new Map<number, number>();

  /** The next token, fetching as many as its simple keys need. */
  peek(): Token {
    if (!this.#available) this.#fetchMore();
    return this.#tokens[this.#head];
  }

  /** Drops the peeked token. */
  skipToken(): void {
    this.#available = false;
    this.#parsed++;
    this.#head++;
    if (this.#head === this.#tail) {
      this.#head = 0;
      this.#tail = 0;
    }
  }

  #fetchMore(): void {
    for (;;) {
      if (this.#head !== this.#tail) {
        const index = this.#simpleKeysByToken.get(this.#parsed);
        if (index === undefined) break;
        if (!this.#keyIsValid(this.#simpleKeys[index])) break;
      }
      this.#fetchNext();
    }
    this.#available = true;
  }

  #insert(position: number, value: Token): void {
    const tokens = this.#tokens;
    const tail = this.#tail++;
    if (position < 0) {
      tokens[tail] = value;
      return;
    }
    // The queue is short (a simple key's tokens): shift its tail by hand.
    const at = this.#head + position;
    for (let i = tail; i > at; i--) tokens[i] = tokens[i - 1];
    tokens[at] = value;
  }

  #fetchNext(): void {
    if (!this.#streamStarted) return this.#fetchStreamStart();
    this.#scanToNextToken();
    this.#unrollIndent(this.column);
    const c = this.at();
    if (c === 0) return this.#fetchStreamEnd();
    if (this.column === 0) {
      if (c === 37) return this.#fetchDirective();
      if (
        (c === 45 || c === 46) && this.at(1) === c && this.at(2) === c && isBlankz(this.at(3))
      ) {
        return this.#fetchDocumentIndicator(
          c === 45 ? TokenType.DocumentStart : TokenType.DocumentEnd,
        );
      }
    }
    const next = this.at(1);
    switch (c) {
      case 91:
        return this.#fetchFlowCollectionStart(TokenType.FlowSequenceStart);
      case 123:
        return this.#fetchFlowCollectionStart(TokenType.FlowMappingStart);
      case 93:
        return this.#fetchFlowCollectionEnd(TokenType.FlowSequenceEnd);
      case 125:
        return this.#fetchFlowCollectionEnd(TokenType.FlowMappingEnd);
      case 44:
        return this.#fetchFlowEntry();
      case 45:
        if (isBlankz(next)) return this.#fetchBlockEntry();
        break;
      case 63:
        if (this.flowLevel > 0 || isBlankz(next)) return this.#fetchKey();
        break;
      case 58:
        if (this.flowLevel > 0 || isBlankz(next)) return this.#fetchValue();
        break;
      case 42:
        return this.#fetchAnchor(TokenType.Alias);
      case 38:
        return this.#fetchAnchor(TokenType.Anchor);
      case 33:
        return this.#fetchTag();
      case 124:
        if (this.flowLevel === 0) return this.#fetchBlockScalar(true);
        break;
      case 62:
        if (this.flowLevel === 0) return this.#fetchBlockScalar(false);
        break;
      case 39:
        return this.#fetchFlowScalar(true);
      case 34:
        return this.#fetchFlowScalar(false);
    }
    if (
      !(isBlankz(c) || c === 45 || c === 63 || c === 58 || c === 44 || c === 91 || c === 93 ||
        c === 123 || c === 125 || c === 35 || c === 38 || c === 42 || c === 33 || c === 124 ||
        c === 62 || c === 39 || c === 34 || c === 37 || c === 64 || c === 96) ||
      (c === 45 && !isBlank(next)) ||
      (this.flowLevel === 0 && (c === 63 || c === 58) && !isBlankz(next))
    ) return this.#fetchPlainScalar();
    throw this.error(this.mark(), "found character that cannot start any token");
  }

  // yaml_simple_key_is_valid: a key must end on its line and within 1,024 characters.
  #keyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.mark.line < this.line || key.mark.index + 1024 < this.index) {
      if (key.required) throw this.error(key.mark, "could not find expected ':'");
      key.possible = false;
      return false;
    }
    return true;
  }

  #saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.column;
    if (!this.simpleKeyAllowed) return;
    this.#removeSimpleKey();
    // The level's entry is rewritten in place: nothing else holds it.
    const key = this.#simpleKeys[this.#simpleKeys.length - 1];
    key.possible = true;
    key.required = required;
    key.tokenNumber = this.#parsed + (this.#tail - this.#head);
    key.mark = this.mark();
    this.#simpleKeysByToken.set(key.tokenNumber, this.#simpleKeys.length - 1);
  }

  #removeSimpleKey(): void {
    const key = this.#simpleKeys[this.#simpleKeys.length - 1];
    if (!key.possible) return;
    if (key.required) throw this.error(key.mark, "could not find expected ':'");
    key.possible = false;
    this.#simpleKeysByToken.delete(key.tokenNumber);
  }

  #increaseFlowLevel(): void {
    const mark = this.mark();
    this.#simpleKeys.push({
      possible: false,
      required: false,
      tokenNumber: this.#parsed + (this.#tail - this.#head),
      mark,
    });
    this.flowLevel++;
    if (this.flowLevel > MAX_FLOW_LEVEL) {
      throw this.error(mark, `exceeded max depth of ${MAX_FLOW_LEVEL}`);
    }
  }

  #decreaseFlowLevel(): void {
    if (this.flowLevel === 0) return;
    this.flowLevel--;
    const key = this.#simpleKeys.pop()!;
    this.#simpleKeysByToken.delete(key.tokenNumber);
  }

  #rollIndent(column: number, number: number, type: TokenType, mark: Mark): void {
    if (this.flowLevel > 0 || this.indent >= column) return;
    this.#indents.push(this.indent);
    this.indent = column;
    if (this.#indents.length > MAX_INDENTS) {
      const keyMark = this.#simpleKeys[this.#simpleKeys.length - 1].mark;
      throw this.error(keyMark, `exceeded max depth of ${MAX_INDENTS}`);
    }
    this.#insert(number > -1 ? number - this.#parsed : -1, token(type, mark, mark));
  }

  #unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      const mark = this.mark();
      this.#insert(-1, token(TokenType.BlockEnd, mark, mark));
      this.indent = this.#indents.pop()!;
    }
  }

  #fetchStreamStart(): void {
    this.indent = -1;
    this.#simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: this.mark() });
    this.simpleKeyAllowed = true;
    this.#streamStarted = true;
    const mark = this.mark();
    this.#insert(-1, token(TokenType.StreamStart, mark, mark));
  }

  #fetchStreamEnd(): void {
    // The stream's end is on a line of its own.
    if (this.column !== 0) {
      this.column = 0;
      this.line++;
    }
    this.#unrollIndent(-1);
    this.#removeSimpleKey();
    this.simpleKeyAllowed = false;
    const mark = this.mark();
    this.#insert(-1, token(TokenType.StreamEnd, mark, mark));
  }

  #fetchDirective(): void {
    this.#unrollIndent(-1);
    this.#removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.#insert(-1, scanDirective(this));
  }

  #fetchDocumentIndicator(type: TokenType): void {
    this.#unrollIndent(-1);
    this.#removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.#simpleTokenOf(type, 3);
  }

  // A token of `length` characters here.
  #simpleTokenOf(type: TokenType, length = 1): void {
    const start = this.mark();
    for (let i = 0; i < length; i++) this.skip();
    this.#insert(-1, token(type, start, this.mark()));
  }

  #fetchFlowCollectionStart(type: TokenType): void {
    this.#saveSimpleKey();
    this.#increaseFlowLevel();
    this.simpleKeyAllowed = true;
    this.#simpleTokenOf(type);
  }

  #fetchFlowCollectionEnd(type: TokenType): void {
    this.#removeSimpleKey();
    this.#decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    this.#simpleTokenOf(type);
  }

  #fetchFlowEntry(): void {
    this.#removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.#simpleTokenOf(TokenType.FlowEntry);
  }

  #fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) {
        throw this.error(this.mark(), "block sequence entries are not allowed in this context");
      }
      this.#rollIndent(this.column, -1, TokenType.BlockSequenceStart, this.mark());
    }
    this.#removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.#simpleTokenOf(TokenType.BlockEntry);
  }

  #fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) {
        throw this.error(this.mark(), "mapping keys are not allowed in this context");
      }
      this.#rollIndent(this.column, -1, TokenType.BlockMappingStart, this.mark());
    }
    this.#removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    this.#simpleTokenOf(TokenType.Key);
  }

  #fetchValue(): void {
    const key = this.#simpleKeys[this.#simpleKeys.length - 1];
    if (this.#keyIsValid(key)) {
      this.#insert(key.tokenNumber - this.#parsed, token(TokenType.Key, key.mark, key.mark));
      this.#rollIndent(key.mark.column, key.tokenNumber, TokenType.BlockMappingStart, key.mark);
      key.possible = false;
      this.#simpleKeysByToken.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) {
          throw this.error(this.mark(), "mapping values are not allowed in this context");
        }
        this.#rollIndent(this.column, -1, TokenType.BlockMappingStart, this.mark());
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    this.#simpleTokenOf(TokenType.Value);
  }

  #fetchAnchor(type: TokenType): void {
    this.#saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.#insert(-1, scanAnchor(this, type));
  }

  #fetchTag(): void {
    this.#saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.#insert(-1, scanTag(this));
  }

  #fetchBlockScalar(literal: boolean): void {
    this.#removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.#insert(-1, scanBlockScalar(this, literal));
  }

  #fetchFlowScalar(single: boolean): void {
    this.#saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.#insert(-1, scanFlowScalar(this, single));
  }

  #fetchPlainScalar(): void {
    this.#saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.#insert(-1, scanPlainScalar(this));
  }

  // yaml_parser_scan_to_next_token: past blanks, comments and line breaks (tabs only where no
  // simple key may start, or in flow context).
  #scanToNextToken(): void {
    const t = this.text;
    for (;;) {
      if (this.column === 0 && t.charCodeAt(this.pos) === 0xfeff) this.skip();
      let pos = this.pos;
      const tabs = this.flowLevel > 0 || !this.simpleKeyAllowed;
      for (;;) {
        const c = t.charCodeAt(pos);
        if (c === 32 || (c === 9 && tabs)) pos++;
        else break;
      }
      if (t.charCodeAt(pos) === 35) {
        while (!isBreakz(t.charCodeAt(pos))) {
          // A comment may hold astral characters, which count once.
          const c = t.charCodeAt(pos);
          if (c >= 0xdc00 && c <= 0xdfff) {
            this.index--;
            this.column--;
          }
          pos++;
        }
      }
      this.index += pos - this.pos;
      this.column += pos - this.pos;
      this.pos = pos;
      if (!isBreak(t.charCodeAt(pos))) return;
      this.skipLine();
      if (this.flowLevel === 0) this.simpleKeyAllowed = true;
    }
  }
}

function isBreakz(c: number): boolean {
  return c === 0 || isBreak(c);
}
