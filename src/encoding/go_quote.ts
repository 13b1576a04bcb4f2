// Go's `strconv.Quote` (`%q`) of a string, as Kubernetes' error messages print values and paths.

// Printable ASCII other than the quote and the backslash: quoted as it is (nearly every call).
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
// unicode.IsPrint: letters, marks, numbers, punctuation, symbols (and the ASCII space, handled
// apart); the Unicode tables of the runtime stand in for Go's.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const NAMED: Readonly<Record<number, string>> = {
  0x07: "\\a",
  0x08: "\\b",
  0x0c: "\\f",
  0x0a: "\\n",
  0x0d: "\\r",
  0x09: "\\t",
  0x0b: "\\v",
  0x22: '\\"',
  0x5c: "\\\\",
};

/**
 * Go's `%q` of a string (`strconv.Quote`): printable runes as they are (unicode.IsPrint), `\a`
 * `\b` `\f` `\n` `\r` `\t` `\v` `\\` `\"`, `\x..` for other bytes below 0x20 and 0x7f, `\u....`
 * and `\U........` for other runes. A lone surrogate stands where Go's string held invalid UTF-8:
 * Go's JSON decoding (and TextDecoder) made such input U+FFFD, which Go prints as it is.
 */
export function goQuote(text: string): string {
  if (PLAIN.test(text)) return `"${text}"`;
  let quoted = '"';
  for (const char of text) {
    const rune = char.codePointAt(0)!;
    if (rune >= 0x20 && rune < 0x7f) {
      quoted += rune === 0x22 || rune === 0x5c ? NAMED[rune] : char;
    } else if (rune >= 0xd800 && rune <= 0xdfff) quoted += "\ufffd";
    else if (PRINTABLE.test(char)) quoted += char;
    else if (NAMED[rune] !== undefined) quoted += NAMED[rune];
    else if (rune < 0x20 || rune === 0x7f) quoted += `\\x${hex(rune, 2)}`;
    else if (rune < 0x10000) quoted += `\\u${hex(rune, 4)}`;
    else quoted += `\\U${hex(rune, 8)}`;
  }
  return `${quoted}"`;
}

function hex(rune: number, width: number): string {
  return rune.toString(16).padStart(width, "0");
}
