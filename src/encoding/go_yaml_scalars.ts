// How go-yaml v2 (behind sigs.k8s.io/yaml, kube-apiserver's YAML serializer) sees a string
// scalar: whether it would read back as something else, what the emitter may write it as, and how
// it orders mapping keys. Source: go.yaml.in/yaml/v2 v2.4.2 (= sigs.k8s.io/yaml v1.4.0 goyaml.v2)
// resolve.go, emitterc.go (yaml_emitter_analyze_scalar), sorter.go, yamlprivateh.go.

import { resolve, Tag } from "../yaml/mod.ts";

/** What the emitter may write a scalar as (yaml_emitter_analyze_scalar's scalar_data). */
export interface ScalarAnalysis {
  readonly multiline: boolean;
  readonly blockPlainAllowed: boolean;
  readonly singleQuotedAllowed: boolean;
  readonly blockAllowed: boolean;
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/**
 * Whether the encoder may write `s` plain (encode.go stringv): only when a plain `s` would read
 * back as a string (the reader's own resolve) and is no YAML 1.1 base-60 float.
 */
export function plainReadsAsString(s: string): boolean {
  return resolve("", s).tag === Tag.str && !(s.includes(":") && BASE60_FLOAT.test(s));
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
