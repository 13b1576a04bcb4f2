// libyaml's scanners for anchors, aliases, tags and directives (go-yaml v2 scannerc.go
// yaml_parser_scan_anchor, yaml_parser_scan_tag, yaml_parser_scan_directive and helpers).

import { asHex, isAlpha, isBlank, isBlankz, isBreak, isBreakz, isDigit, isHex } from "./_chars.ts";
import type { ScanCursor } from "./_cursor.ts";
import { type Token, token, TokenType } from "./tokens.ts";
import type { Mark } from "./yaml_error.ts";

/** Scans `&name` or `*name`. */
export function scanAnchor(c: ScanCursor, type: TokenType): Token {
  const start = c.mark();
  c.skip();
  const from = c.pos;
  while (isAlpha(c.at())) c.skip();
  const name = c.text.slice(from, c.pos);
  const end = c.mark();
  const next = c.at();
  if (
    name.length === 0 ||
    !(isBlankz(next) || next === 63 || next === 58 || next === 44 || next === 93 ||
      next === 125 || next === 37 || next === 64 || next === 96)
  ) {
    throw c.error(start, "did not find expected alphabetic or numeric character");
  }
  return token(type, start, end, name);
}

/** Scans `!<uri>`, `!handle!suffix`, `!!suffix`, `!suffix` or `!`. */
export function scanTag(c: ScanCursor): Token {
  const start = c.mark();
  let handle: string;
  let suffix: string;
  if (c.at(1) === 60) {
    c.skip();
    c.skip();
    handle = "";
    suffix = scanTagUri(c, false, "", start);
    if (c.at() !== 62) throw c.error(start, "did not find the expected '>'");
    c.skip();
  } else {
    handle = scanTagHandle(c, false, start);
    if (handle.length > 1 && handle.endsWith("!")) suffix = scanTagUri(c, false, "", start);
    else {
      suffix = scanTagUri(c, false, handle, start);
      handle = "!";
      if (suffix.length === 0) [handle, suffix] = [suffix, handle];
    }
  }
  if (!isBlankz(c.at())) throw c.error(start, "did not find expected whitespace or line break");
  return token(TokenType.Tag, start, c.mark(), handle, suffix);
}

function scanTagHandle(c: ScanCursor, directive: boolean, start: Mark): string {
  if (c.at() !== 33) throw c.error(start, "did not find expected '!'");
  const from = c.pos;
  c.skip();
  while (isAlpha(c.at())) c.skip();
  if (c.at() === 33) c.skip();
  else if (directive && c.pos - from !== 1) throw c.error(start, "did not find expected '!'");
  return c.text.slice(from, c.pos);
}

// `;/?:@&=+$,.!~*'()[]%` beside alphanumerics.
const URI_CHARS = new Set(";/?:@&=+$,.!~*'()[]%".split("").map((ch) => ch.charCodeAt(0)));

function scanTagUri(c: ScanCursor, directive: boolean, head: string, start: Mark): string {
  let uri = head.length > 1 ? head.slice(1) : "";
  let hasTag = head.length > 0;
  while (isAlpha(c.at()) || URI_CHARS.has(c.at())) {
    if (c.at() === 37) uri += scanUriEscapes(c, directive, start);
    else uri += c.read();
    hasTag = true;
  }
  if (!hasTag) throw c.error(start, "did not find expected tag URI");
  return uri;
}

// `%xx` escapes making up one UTF-8 character.
function scanUriEscapes(c: ScanCursor, directive: boolean, start: Mark): string {
  const octets: number[] = [];
  let width = 1024;
  while (width > 0) {
    if (!(c.at() === 37 && isHex(c.at(1)) && isHex(c.at(2)))) {
      throw c.error(start, "did not find URI escaped octet");
    }
    const octet = asHex(c.at(1)) * 16 + asHex(c.at(2));
    if (width === 1024) {
      width = (octet & 0x80) === 0
        ? 1
        : (octet & 0xe0) === 0xc0
        ? 2
        : (octet & 0xf0) === 0xe0
        ? 3
        : (octet & 0xf8) === 0xf0
        ? 4
        : 0;
      if (width === 0) throw c.error(start, "found an incorrect leading UTF-8 octet");
    } else if ((octet & 0xc0) !== 0x80) {
      throw c.error(start, "found an incorrect trailing UTF-8 octet");
    }
    octets.push(octet);
    c.skip();
    c.skip();
    c.skip();
    width--;
  }
  void directive;
  return new TextDecoder().decode(new Uint8Array(octets));
}

/** Scans a `%YAML` or `%TAG` directive line. */
export function scanDirective(c: ScanCursor): Token {
  const start = c.mark();
  c.skip();
  const from = c.pos;
  while (isAlpha(c.at())) c.skip();
  const name = c.text.slice(from, c.pos);
  if (name.length === 0) throw c.error(start, "could not find expected directive name");
  if (!isBlankz(c.at())) throw c.error(start, "found unexpected non-alphabetical character");
  let result: Token;
  if (name === "YAML") {
    while (isBlank(c.at())) c.skip();
    const major = versionNumber(c, start);
    if (c.at() !== 46) throw c.error(start, "did not find expected digit or '.' character");
    c.skip();
    const minor = versionNumber(c, start);
    result = { ...token(TokenType.VersionDirective, start, c.mark()), major, minor };
  } else if (name === "TAG") {
    while (isBlank(c.at())) c.skip();
    const handle = scanTagHandle(c, true, start);
    if (!isBlank(c.at())) throw c.error(start, "did not find expected whitespace");
    while (isBlank(c.at())) c.skip();
    const prefix = scanTagUri(c, true, "", start);
    if (!isBlankz(c.at())) {
      throw c.error(start, "did not find expected whitespace or line break");
    }
    result = token(TokenType.TagDirective, start, c.mark(), handle, prefix);
  } else throw c.error(start, "found unknown directive name");
  while (isBlank(c.at())) c.skip();
  if (c.at() === 35) { while (!isBreakz(c.at())) c.skip(); }
  if (!isBreakz(c.at())) throw c.error(start, "did not find expected comment or line break");
  if (isBreak(c.at())) c.skipLine();
  return result;
}

function versionNumber(c: ScanCursor, start: Mark): number {
  let value = 0;
  let length = 0;
  while (isDigit(c.at())) {
    if (++length > 2) throw c.error(start, "found extremely long version number");
    value = value * 10 + c.at() - 48;
    c.skip();
  }
  if (length === 0) throw c.error(start, "did not find expected version number");
  return value;
}
