// A scalar's type and value as go-yaml v2 resolves them (resolve.go resolve): YAML 1.1 booleans
// and nulls, ints in any base Go's strconv reads (`0755` octal, `0x1F`, `0b101`, `0o17`, `1_000`),
// floats (`1e400` out of range stays a string), `.inf`/`.nan`, `<<`, and timestamps kept as text.

import { YamlError } from "./yaml_error.ts";

/** go-yaml's long tags. */
export const Tag = {
  null: "tag:yaml.org,2002:null",
  bool: "tag:yaml.org,2002:bool",
  str: "tag:yaml.org,2002:str",
  int: "tag:yaml.org,2002:int",
  float: "tag:yaml.org,2002:float",
  timestamp: "tag:yaml.org,2002:timestamp",
  binary: "tag:yaml.org,2002:binary",
  merge: "tag:yaml.org,2002:merge",
} as const;

/** A resolved scalar: its tag, and its value (an int's as a number, exact in `digits`). */
export interface Resolved {
  readonly tag: string;
  readonly value: unknown;
  /** An int's exact decimal digits, when it is an int. */
  readonly digits?: string;
}

const MAP = new Map<string, Resolved>();
function table(value: unknown, tag: string, words: string[]): void {
  for (const word of words) MAP.set(word, { tag, value });
}
table(true, Tag.bool, ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]);
table(false, Tag.bool, [
  "n",
  "N",
  "no",
  "No",
  "NO",
  "false",
  "False",
  "FALSE",
  "off",
  "Off",
  "OFF",
]);
table(null, Tag.null, ["", "~", "null", "Null", "NULL"]);
table(NaN, Tag.float, [".nan", ".NaN", ".NAN"]);
table(Infinity, Tag.float, [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]);
table(-Infinity, Tag.float, ["-.inf", "-.Inf", "-.INF"]);
table("<<", Tag.merge, ["<<"]);

const RESOLVABLE = new Set(["", Tag.str, Tag.bool, Tag.int, Tag.float, Tag.null, Tag.timestamp]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
// strconv.ParseFloat's syntax (decimal; hex floats and inf/nan words are not reached here).
const GO_FLOAT =
  /^[-+]?(\.[0-9](_?[0-9])*|[0-9](_?[0-9])*(\.([0-9](_?[0-9])*)?)?)([eE][-+]?[0-9]+)?$/;

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);
const MAX_UINT64 = (1n << 64n) - 1n;

/** `!!int` for "tag:yaml.org,2002:int", as go-yaml's shortTag. */
export function shortTag(tag: string): string {
  return tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.slice(18) : tag;
}

/** Resolves `text` under `tag` ("" for a plain scalar), as go-yaml's resolve; throws YamlError. */
export function resolve(tag: string, text: string): Resolved {
  if (tag !== "" && !RESOLVABLE.has(tag)) return { tag, value: text };
  const found = resolvePlain(tag, text);
  if (tag === "" || tag === found.tag || tag === Tag.str || tag === Tag.binary) return found;
  if (tag === Tag.float && found.tag === Tag.int) return { tag: Tag.float, value: found.value };
  throw new YamlError(
    `yaml: cannot decode ${shortTag(found.tag)} \`${text}\` as a ${shortTag(tag)}`,
  );
}

function resolvePlain(tag: string, text: string): Resolved {
  const first = text.length === 0 ? 78 /* N */ : text.charCodeAt(0);
  const hint = hintOf(first);
  if (hint === 0 || tag === Tag.str || tag === Tag.binary) return { tag: Tag.str, value: text };
  const known = MAP.get(text);
  if (known) return known;
  if (hint === 46 /* . */) {
    const float = parseGoFloat(text);
    if (float !== undefined) return { tag: Tag.float, value: float };
  } else if (hint === 68 /* D */ || hint === 83 /* S */) {
    // A plain decimal that fits a double exactly: what strconv.ParseInt would answer.
    if (isShortDecimal(text)) return { tag: Tag.int, value: Number(text), digits: text };
    if ((tag === "" || tag === Tag.timestamp) && isTimestamp(text)) {
      return { tag: Tag.timestamp, value: text };
    }
    const plain = text.replaceAll("_", "");
    const int = parseGoInt(plain);
    if (int !== undefined) return int;
    if (YAML_STYLE_FLOAT.test(plain)) {
      const float = parseGoFloat(plain);
      if (float !== undefined) return { tag: Tag.float, value: float };
    }
    if (plain.startsWith("0b") || plain.startsWith("-0b")) {
      const negative = plain.startsWith("-");
      const digits = plain.slice(negative ? 3 : 2);
      if (/^[01]+$/.test(digits)) {
        const value = (negative ? -1n : 1n) * BigInt("0b" + digits);
        if (value >= MIN_INT64 && value <= (negative ? MAX_INT64 : MAX_UINT64)) return intOf(value);
      }
    }
  }
  return { tag: Tag.str, value: text };
}

// resolve.go's resolveTable: S(ign), D(igit), M(ap word: yYnNtTfFoO~), `.`, else 0.
const HINTS = new Uint8Array(128);
for (const ch of "+-") HINTS[ch.charCodeAt(0)] = 83;
for (const ch of "0123456789") HINTS[ch.charCodeAt(0)] = 68;
for (const ch of "yYnNtTfFoO~") HINTS[ch.charCodeAt(0)] = 77;
HINTS[46] = 46;

function hintOf(c: number): number {
  return c < 128 ? HINTS[c] : 0;
}

/** Whether a plain scalar's first character lets it resolve to other than a string. */
export function mayResolve(text: string): boolean {
  const c = text.charCodeAt(0);
  return c < 128 && HINTS[c] !== 0;
}

function intOf(value: bigint): Resolved {
  return { tag: Tag.int, value: Number(value), digits: value.toString() };
}

// `0` or up to 15 digits not starting with 0, optionally after `-`: no timestamp, no other base.
function isShortDecimal(text: string): boolean {
  const start = text.charCodeAt(0) === 45 ? 1 : 0;
  const length = text.length - start;
  if (length < 1 || length > 15) return false;
  if (text.charCodeAt(start) === 48) return length === 1 && start === 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

// strconv.ParseInt(s, 0, 64), then ParseUint(s, 0, 64): sign, then 0x/0o/0b/0 prefixes, `_`
// only between digits after a prefix (already removed here).
function parseGoInt(s: string): Resolved | undefined {
  let i = 0;
  let negative = false;
  if (s[0] === "+" || s[0] === "-") {
    negative = s[0] === "-";
    i = 1;
  }
  let body = s.slice(i);
  let radix = 10;
  if (body.length > 1 && body[0] === "0") {
    const p = body[1].toLowerCase();
    if (p === "x") radix = 16;
    else if (p === "o") radix = 8;
    else if (p === "b") radix = 2;
    if (radix !== 10) body = body.slice(2);
    else {
      radix = 8;
      body = body.slice(1);
    }
  }
  const digit = radix === 16
    ? /^[0-9a-fA-F]+$/
    : radix === 8
    ? /^[0-7]+$/
    : radix === 2
    ? /^[01]+$/
    : /^[0-9]+$/;
  if (!digit.test(body)) return undefined;
  const prefix = radix === 16 ? "0x" : radix === 8 ? "0o" : radix === 2 ? "0b" : "";
  let value = BigInt(prefix + body);
  if (negative) value = -value;
  if (value < MIN_INT64) return undefined;
  // ParseUint takes no sign: a signed value past int64 is no int.
  if (value > MAX_INT64 && (i > 0 || value > MAX_UINT64)) return undefined;
  return intOf(value);
}

// strconv.ParseFloat(s, 64) over decimal syntax: out of range is an error.
function parseGoFloat(s: string): number | undefined {
  if (!GO_FLOAT.test(s)) return undefined;
  const value = Number(s.replaceAll("_", ""));
  return Number.isFinite(value) ? value : undefined;
}

// allowedTimestampFormats as time.Parse reads them: 4-digit year, 1–2 digit fields, an optional
// fraction after the seconds ("." or ","), a zone (Z or ±hh:mm) after a "T"/"t" time only.
const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(?:Z|[+-]\d\d:\d\d)| (\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?)?$/;

// parseTimestamp, with time.Parse's range checks (month, day in month, hour, minute, second).
function isTimestamp(text: string): boolean {
  const match = TIMESTAMP.exec(text);
  if (!match) return false;
  const year = Number(match[1]), month = Number(match[2]), day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return false;
  const hour = match[5] ?? match[8], minute = match[6] ?? match[9], second = match[7] ?? match[10];
  if (hour === undefined) return true;
  return Number(hour) < 24 && Number(minute) < 60 && Number(second) < 60;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
