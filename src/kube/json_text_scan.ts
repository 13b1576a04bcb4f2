// One pass over what lies between a JSON body's strings, for the checks JSON.parse's value cannot answer.
//
// Outside its strings a JSON text holds only punctuation, spaces, true/false/null and numbers, so
// jumping from quote to quote (indexOf, native) and reading the short stretches between tells
// both how many keys the text names (a string followed by a colon: json_duplicates.ts compares
// it with the parsed value's) and whether a number literal may not survive JSON.parse (a
// fraction, an exponent, 16 digits or more: json_number_literals.ts then keeps the literals).

/** What the stretches between a JSON text's strings tell. */
export interface JsonTextScan {
  /** Strings followed by a colon: the keys the text names. */
  readonly keys: number;
  /** Whether a number literal may print otherwise once parsed (`1.0`, `1e2`, 2^53 and past). */
  readonly literals: boolean;
}

// A digit run this long may be past 2^53 (9007199254740992 has 16 digits).
const LONG_DIGITS = 16;

/** Scans `text` (JSON, valid or not: an unterminated string ends the scan). */
export function scanJsonText(text: string): JsonTextScan {
  let keys = 0;
  let literals = false;
  let at = 0;
  for (;;) {
    const open = text.indexOf('"', at);
    const to = open === -1 ? text.length : open;
    // `":` and `",` hold no number; nearly every stretch is one of them.
    if (!literals && to - at > 2) literals = suspectBetween(text, at, to);
    if (open === -1) break;
    const end = stringEnd(text, open);
    if (end === -1) break;
    at = end + 1;
    if (text.charCodeAt(skipSpace(text, at)) === 0x3a) keys++;
  }
  return { keys, literals };
}

function suspectBetween(text: string, from: number, to: number): boolean {
  let digits = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) {
      if (++digits >= LONG_DIGITS) return true;
      continue;
    }
    // A fraction or an exponent after a digit (`-0` alone decodes as 0 into any Go number).
    if (digits > 0 && (code === 0x2e || code === 0x65 || code === 0x45)) return true;
    digits = 0;
  }
  return false;
}

/** The index of the quote closing the string opened at `open`; -1 when it is not closed. */
export function stringEnd(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  while (end !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return -1;
}

/** The index of the first character at or after `i` that is no JSON space. */
export function skipSpace(text: string, i: number): number {
  for (;;) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return i;
    i++;
  }
}
