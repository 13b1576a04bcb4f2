// The tokenizer of labels.Parse, kept faithful to upstream's byte-at-a-time Lexer (quirks included).

/** Token kinds, as upstream names them. */
export const Tok = {
  Error: 0,
  End: 1,
  ClosedPar: 2,
  Comma: 3,
  DoesNotExist: 4,
  DoubleEquals: 5,
  Equals: 6,
  GreaterThan: 7,
  Identifier: 8,
  In: 9,
  LessThan: 10,
  NotEquals: 11,
  NotIn: 12,
  OpenPar: 13,
} as const;

/** One of the `Tok` kinds. */
export type Tok = (typeof Tok)[keyof typeof Tok];

/** One scanned token and its literal text. */
export interface Token {
  readonly tok: Tok;
  readonly lit: string;
}

const LITERALS: ReadonlyMap<string, Tok> = new Map<string, Tok>([
  [")", Tok.ClosedPar],
  [",", Tok.Comma],
  ["!", Tok.DoesNotExist],
  ["==", Tok.DoubleEquals],
  ["=", Tok.Equals],
  [">", Tok.GreaterThan],
  ["in", Tok.In],
  ["<", Tok.LessThan],
  ["!=", Tok.NotEquals],
  ["notin", Tok.NotIn],
  ["(", Tok.OpenPar],
]);

// Upstream's read() yields 0 both at the end and on a NUL byte, so NUL ends a token too.
const END = "\0";

function isWhitespace(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\r" || ch === "\n";
}

function isSpecial(ch: string): boolean {
  return ch === "=" || ch === "!" || ch === "(" || ch === ")" || ch === "," || ch === ">" ||
    ch === "<";
}

/** Splits a selector into tokens, ending with one `Tok.End`. */
export function scanLabelSelector(text: string): Token[] {
  let pos = 0;
  const read = (): string => (pos < text.length ? text[pos++] : END);
  const tokens: Token[] = [];
  for (;;) {
    let ch = read();
    while (isWhitespace(ch)) ch = read();
    if (ch === END) {
      tokens.push({ tok: Tok.End, lit: "" });
      return tokens;
    }
    pos--;
    tokens.push(isSpecial(ch) ? scanSpecial() : scanWord());
  }

  function scanWord(): Token {
    let word = "";
    for (;;) {
      const ch = read();
      if (ch === END) break;
      if (isSpecial(ch) || isWhitespace(ch)) {
        pos--;
        break;
      }
      word += ch;
    }
    return { tok: LITERALS.get(word) ?? Tok.Identifier, lit: word };
  }

  function scanSpecial(): Token {
    let buffer = "";
    let last: Token | undefined;
    for (;;) {
      const ch = read();
      if (ch === END) break;
      if (!isSpecial(ch)) {
        pos--;
        break;
      }
      buffer += ch;
      const tok = LITERALS.get(buffer);
      if (tok !== undefined) last = { tok, lit: buffer };
      else if (last) {
        pos--;
        break;
      }
    }
    return last ?? { tok: Tok.Error, lit: `error expected: keyword found '${buffer}'` };
  }
}
