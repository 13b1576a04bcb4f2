// The syntax error Go's encoding/json reports for a document (the scanner of encoding/json
// scanner.go, which sigs.k8s.io/json shares): kube-apiserver quotes it in its 400s ("couldn't get
// version/kind; json parse error: invalid character 'x' looking for beginning of value"), where
// JSON.parse's own words differ per runtime. Run only once JSON.parse has failed.

import { goQuote } from "./go_quote.ts";

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES = new Set([...'bfnrt\\/"'].map((c) => c.charCodeAt(0)));

class GoSyntaxError extends Error {}

/** Go's message for the first syntax error of `bytes`; undefined when Go would accept it. */
export function goJsonSyntaxError(bytes: Uint8Array): string | undefined {
  let at = 0;
  // At the end Go's scanner steps one more space (scanner.eof): inside a literal, a number or an
  // escape that space is the invalid character; anywhere else the input just ended.
  const fail = (context: string): never => {
    if (at < bytes.length) {
      throw new GoSyntaxError(`invalid character ${quoteChar(bytes[at])} ${context}`);
    }
    const inToken = context.startsWith("in literal") || context.includes("numeric literal") ||
      context.includes("escape");
    throw new GoSyntaxError(
      inToken ? `invalid character ' ' ${context}` : "unexpected end of JSON input",
    );
  };
  const skipSpace = () => {
    while (at < bytes.length && WHITESPACE.has(bytes[at])) at++;
  };
  const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
  const literal = (word: string) => {
    at++;
    for (const letter of word.slice(1)) {
      if (bytes[at] !== letter.charCodeAt(0)) fail(`in literal ${word} (expecting '${letter}')`);
      at++;
    }
  };
  const string = () => {
    at++; // the opening quote
    for (;;) {
      const c = bytes[at];
      if (c === undefined) fail("");
      if (c === 0x22) return void at++;
      if (c < 0x20) fail("in string literal");
      if (c === 0x5c) {
        at++;
        if (bytes[at] === 0x75) {
          at++;
          for (let i = 0; i < 4; i++, at++) {
            if (!/[0-9a-fA-F]/.test(String.fromCharCode(bytes[at] ?? 0x20))) {
              fail("in \\u hexadecimal character escape");
            }
          }
          continue;
        }
        if (!ESCAPES.has(bytes[at])) fail("in string escape code");
      }
      at++;
    }
  };
  const number = () => {
    if (bytes[at] === 0x2d) {
      at++;
      if (!isDigit(bytes[at])) fail("in numeric literal");
    }
    if (bytes[at] === 0x30) at++;
    else while (isDigit(bytes[at])) at++;
    if (bytes[at] === 0x2e) {
      at++;
      if (!isDigit(bytes[at])) fail("after decimal point in numeric literal");
      while (isDigit(bytes[at])) at++;
    }
    if (bytes[at] === 0x65 || bytes[at] === 0x45) {
      at++;
      if (bytes[at] === 0x2b || bytes[at] === 0x2d) at++;
      if (!isDigit(bytes[at])) fail("in exponent of numeric literal");
      while (isDigit(bytes[at])) at++;
    }
  };
  const objectKey = () => {
    skipSpace();
    if (bytes[at] !== 0x22) fail("looking for beginning of object key string");
    string();
    skipSpace();
    if (bytes[at] !== 0x3a) fail("after object key");
    at++;
  };
  // A loop over an explicit stack of open containers (their closing bytes), so no document nests
  // deeper than the JS stack allows; Go's own depth limit is checked before (jsonNestsDeeper).
  const closers: number[] = [];
  try {
    let expectValue = true;
    for (;;) {
      if (expectValue) {
        skipSpace();
        const c = bytes[at];
        if (c === 0x7b || c === 0x5b) {
          const closer = c === 0x7b ? 0x7d : 0x5d;
          at++;
          skipSpace();
          if (bytes[at] === closer) {
            at++;
            expectValue = false;
          } else {
            closers.push(closer);
            if (closer === 0x7d) objectKey();
          }
          continue;
        }
        if (c === 0x22) string();
        else if (c === 0x2d || isDigit(c)) number();
        else if (c === 0x74) literal("true");
        else if (c === 0x66) literal("false");
        else if (c === 0x6e) literal("null");
        else fail("looking for beginning of value");
        expectValue = false;
        continue;
      }
      const closer = closers[closers.length - 1];
      if (closer === undefined) break;
      skipSpace();
      if (bytes[at] === closer) {
        at++;
        closers.pop();
        continue;
      }
      if (bytes[at] !== 0x2c) {
        fail(closer === 0x7d ? "after object key:value pair" : "after array element");
      }
      at++;
      if (closer === 0x7d) objectKey();
      expectValue = true;
    }
    skipSpace();
    if (at < bytes.length) fail("after top-level value");
  } catch (error) {
    if (error instanceof GoSyntaxError) return error.message;
    throw error;
  }
  return undefined;
}

// encoding/json `quoteChar`: strconv.Quote(string(c)) of the byte read as a rune, in single quotes.
function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  return `'${goQuote(String.fromCharCode(c)).slice(1, -1)}'`;
}
