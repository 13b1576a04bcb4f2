// How go-yaml v2 (behind sigs.k8s.io/yaml, kube-apiserver's YAML serializer) sees a string
// scalar: whether it would read back as something else, what the emitter may write it as, and how
// it orders mapping keys. Source: go.yaml.in/yaml/v2 v2.4.2 (= sigs.k8s.io/yaml v1.4.0 goyaml.v2)
// resolve.go, emitterc.go (yaml_emitter_analyze_scalar), sorter.go, yamlprivateh.go.

/** What the emitter may write a scalar as (yaml_emitter_analyze_scalar's scalar_data). */
export interface ScalarAnalysis {
  readonly multiline: boolean;
  readonly blockPlainAllowed: boolean;
  readonly singleQuotedAllowed: boolean;
  readonly blockAllowed: boolean;
}

// resolveMap: plain scalars that read back as a bool, null, a special float or a merge key.
const RESOLVED = new Set([
  "y",
  "Y",
  "yes",
  "Yes",
  "YES",
  "true",
  "True",
  "TRUE",
  "on",
  "On",
  "ON",
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
  "",
  "~",
  "null",
  "Null",
  "NULL",
  ".nan",
  ".NaN",
  ".NAN",
  ".inf",
  ".Inf",
  ".INF",
  "+.inf",
  "+.Inf",
  "+.INF",
  "-.inf",
  "-.Inf",
  "-.INF",
]); // deno-fmt-ignore

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
// strconv.ParseFloat of what starts with '.': a decimal fraction (".inf"/".nan" are in the map).
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const PREFIXED_INT = /^([-+]?)0([xXoObB])([0-9a-fA-F]+)$/;
const INT64_MIN_MAGNITUDE = 1n << 63n;
const UINT64_MAX = (1n << 64n) - 1n;
// allowedTimestampFormats as time.Parse reads them: 4-digit year, 1–2 digit fields, an optional
// fraction after the seconds ("." or ","), a zone (Z or ±hh:mm) after a "T"/"t" time only.
const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(?:Z|[+-]\d\d:\d\d)| (\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?)?$/;

/**
 * Whether the encoder may write `s` plain (encode.go stringv): only when a plain `s` would read
 * back as a string (resolve) and is no YAML 1.1 base-60 float.
 */
export function plainReadsAsString(s: string): boolean {
  if (RESOLVED.has(s)) return false;
  const first = s.charCodeAt(0);
  if (first === 0x2e /* . */) return !DOT_FLOAT.test(s);
  const sign = first === 0x2b || first === 0x2d;
  if (!sign && !(first >= 0x30 && first <= 0x39)) return true;
  if (!sign && isTimestamp(s)) return false;
  const plain = s.includes("_") ? s.replaceAll("_", "") : s;
  if (YAML_STYLE_FLOAT.test(plain) || prefixedIntFits(plain)) return false;
  return !(s.includes(":") && BASE60_FLOAT.test(s));
}

// strconv.ParseInt(s, 0, 64), then ParseUint(s, 0, 64), for a 0x/0o/0b literal.
function prefixedIntFits(s: string): boolean {
  const match = PREFIXED_INT.exec(s);
  if (!match) return false;
  const [, sign, base, digits] = match;
  const radix = base === "x" || base === "X" ? 16 : base === "o" || base === "O" ? 8 : 2;
  const valid = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[01]+$/;
  if (!valid.test(digits)) return false;
  let value = 0n;
  for (const digit of digits) value = value * BigInt(radix) + BigInt(parseInt(digit, 16));
  if (sign === "-") return value <= INT64_MIN_MAGNITUDE;
  if (sign === "+") return value < INT64_MIN_MAGNITUDE;
  return value <= UINT64_MAX;
}

// parseTimestamp with time.Parse's range checks (month, day in month, hour, minute, second).
function isTimestamp(s: string): boolean {
  const match = TIMESTAMP.exec(s);
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

/** is_printable over code points: what the emitter writes as it is (astral planes are not). */
export function isPrintable(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

/** is_break: CR, LF, NEL, LS, PS. */
export function isBreak(cp: number): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}

const PLAIN_SAFE = /^[A-Za-z0-9_./=+-][A-Za-z0-9_./=+@-]*$/;
const SIMPLE: ScalarAnalysis = {
  multiline: false,
  blockPlainAllowed: true,
  singleQuotedAllowed: true,
  blockAllowed: true,
};
const EMPTY: ScalarAnalysis = { ...SIMPLE, blockAllowed: false };

/** yaml_emitter_analyze_scalar for a block context (fkas never emits flow collections' items). */
export function analyzeScalar(value: string): ScalarAnalysis {
  if (value.length === 0) return EMPTY;
  // Most values (names, labels, image references): nothing to analyze.
  if (PLAIN_SAFE.test(value) && value[0] !== "-" && !value.startsWith("...")) return SIMPLE;
  let blockIndicators = false;
  let lineBreaks = false, special = false;
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false;
  let previousSpace = false, previousBreak = false, precededByWhitespace = true;
  if (value.startsWith("---") || value.startsWith("...")) blockIndicators = true;
  const cps = Array.from(value, (c) => c.codePointAt(0)!);
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i];
    const next = cps[i + 1];
    const followedByWhitespace = next === undefined || next === 0x20 || next === 0x09;
    const ch = String.fromCodePoint(cp);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(ch)) blockIndicators = true;
      else if ((ch === "?" || ch === ":" || ch === "-") && followedByWhitespace) {
        blockIndicators = true;
      }
    } else if (ch === ":" && followedByWhitespace) blockIndicators = true;
    else if (ch === "#" && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(cp)) special = true;
    if (cp === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(cp)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = cp === 0x20 || cp === 0x09 || isBreak(cp) || cp === 0;
  }
  let blockPlainAllowed = true, singleQuotedAllowed = true, blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) blockPlainAllowed = singleQuotedAllowed = false;
  if (spaceBreak || special) blockPlainAllowed = singleQuotedAllowed = blockAllowed = false;
  if (lineBreaks || blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
// deno-lint-ignore no-control-regex
const ASCII_KEY = /^[\x00-\x7f]*$/;

/**
 * keyList.Less for string keys: letters compare by code point, a non-letter sorts before a
 * letter, and runs of digits compare by their value ("a2" before "a10").
 */
export function keyLess(a: string, b: string): boolean {
  const ar = ASCII_KEY.test(a) ? a : Array.from(a);
  const br = ASCII_KEY.test(b) ? b : Array.from(b);
  const n = Math.min(ar.length, br.length);
  for (let i = 0; i < n; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]), bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0, bn = 0;
    if (ar[i] === "0" || br[i] === "0") {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== "0") {
          an = bn = 1;
          break;
        }
      }
    }
    let ai = i, bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + digitValue(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + digitValue(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

function isLetter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return LETTER.test(ch);
}

function isDigit(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return c >= 0x30 && c <= 0x39;
  return DIGIT.test(ch);
}

// int64(rune - '0'), as Go computes it for any Unicode digit.
function digitValue(ch: string): number {
  return ch.codePointAt(0)! - 0x30;
}
