// resource.Quantity for validation: its sign, how two compare (Cmp) and its String() form.
//
// After k8s.io/apimachinery pkg/api/resource/quantity.go: a number with an optional decimal SI,
// binary SI or exponent suffix. Values are exact (BigInt mantissa, powers of 10 and 2); Go rounds
// to whole nanos first, which only matters past nine decimals.

import {
  BINARY_SUFFIXES as BINARY,
  canonicalQuantity,
  DECIMAL_SUFFIXES as DECIMAL,
} from "../../protobuf/mod.ts";

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?([eEinumkKMGTP]*(?:[+-]?\d+)?)$/;
// fkas's bounds: quantities are short, exponents three digits at most (exact values stay small);
// anything past them is left unchecked rather than expanded.
const MAX_LENGTH = 64;

/** An exact value: `mantissa × 10^ten × 2^two`. */
interface Exact {
  readonly mantissa: bigint;
  readonly ten: number;
  readonly two: number;
}

// A few distinct strings ("100m", "1Gi") make up almost every object's quantities.
const PARSED_LIMIT = 4096;
const parsed = new Map<string, Exact | undefined>();

/** The exact value of a quantity string, or undefined when Go's ParseQuantity refuses it. */
export function parseQuantity(text: string): Exact | undefined {
  let value = parsed.get(text);
  if (value === undefined && !parsed.has(text)) {
    value = parse(text);
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(text, value);
  }
  return value;
}

function parse(text: string): Exact | undefined {
  if (text.length === 0 || text.length > MAX_LENGTH) return undefined;
  const m = NUMBER.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
  const [, sign, digits, fraction = "", suffix] = m;
  let ten = -fraction.length, two = 0;
  if (suffix in DECIMAL) ten += DECIMAL[suffix];
  else if (suffix in BINARY) two = BINARY[suffix];
  else if (/^[eE][+-]?\d{1,3}$/.test(suffix)) ten += Number(suffix.slice(1));
  else return undefined;
  const magnitude = BigInt((digits + fraction) || "0");
  return { mantissa: sign === "-" ? -magnitude : magnitude, ten, two };
}

/** Whether a quantity is below zero (ValidateNonnegativeQuantity); false when it does not parse. */
export function isNegativeQuantity(text: string): boolean {
  // Only a leading minus makes a quantity negative ("-0" is zero).
  if (text.charCodeAt(0) !== 0x2d) return false;
  const value = parseQuantity(text);
  return value !== undefined && value.mantissa < 0n;
}

/** `a.Cmp(b)`: -1, 0 or 1; undefined when either does not parse. */
export function compareQuantities(first: string, second: string): number | undefined {
  const x = parseQuantity(first), y = parseQuantity(second);
  if (!x || !y) return undefined;
  if (x.ten === y.ten && x.two === y.two) {
    return x.mantissa < y.mantissa ? -1 : x.mantissa > y.mantissa ? 1 : 0;
  }
  // Small values compare exactly as whole Numbers ("100m" against "1", "128Mi" against "1Gi").
  const ten = Math.min(x.ten, y.ten), two = Math.min(x.two, y.two);
  const left = Number(x.mantissa) * 10 ** (x.ten - ten) * 2 ** (x.two - two);
  const right = Number(y.mantissa) * 10 ** (y.ten - ten) * 2 ** (y.two - two);
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) {
    return left < right ? -1 : left > right ? 1 : 0;
  }
  const big = (v: Exact) => v.mantissa * 10n ** BigInt(v.ten - ten) * 2n ** BigInt(v.two - two);
  const a = big(x), b = big(y);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `Quantity.String()`: the canonical form Go prints in messages. */
export function quantityString(text: string): string {
  return canonicalQuantity(text) ?? text;
}

/** Whether a quantity is a whole number (`MilliValue() % 1000 == 0`); true when it does not parse. */
export function isWholeQuantity(text: string): boolean {
  const value = parseQuantity(text);
  if (!value || value.ten >= 0) return true;
  return (value.mantissa * 2n ** BigInt(value.two)) % 10n ** BigInt(-value.ten) === 0n;
}
