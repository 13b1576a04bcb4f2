// Character classes of libyaml's scanner (go-yaml v2 yamlprivateh.go), over UTF-16 code units.

/** `\r`, `\n`, NEL, LS or PS. */
export function isBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x85 || c === 0x2028 || c === 0x2029;
}

/** A line break or the end of the input (NUL). */
export function isBreakz(c: number): boolean {
  return c === 10 || c === 13 || c === 0 || c === 0x85 || c === 0x2028 || c === 0x2029;
}

/** A space or a tab. */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** A space, a tab, a line break or the end of the input. */
export function isBlankz(c: number): boolean {
  return c === 32 || c === 9 || isBreakz(c);
}

/** `[0-9A-Za-z_-]`, the characters of anchors, tag handles and directive names. */
export function isAlpha(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 ||
    c === 45;
}

/** An ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** An ASCII hexadecimal digit. */
export function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** The value of a hexadecimal digit. */
export function asHex(c: number): number {
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return c - 48;
}

/**
 * The first character libyaml's reader refuses (`control characters are not allowed`), or -1:
 * allowed are tab, line feed, carriage return, printable ASCII, NEL, U+00A0-U+D7FF,
 * U+E000-U+FFFD and the astral planes (a lone surrogate is refused too).
 */
export function firstDisallowed(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) continue;
    if (c === 9 || c === 10 || c === 13 || c === 0x85) continue;
    if (c >= 0xa0 && c <= 0xd7ff) continue;
    if (c >= 0xe000 && c <= 0xfffd) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}
