// resource.Quantity's string as Go writes it: parsed, rounded and canonicalized (`1000m` → `1`).
//
// After k8s.io/apimachinery pkg/api/resource/quantity.go: ParseQuantity (its fast path keeps a
// string already in canonical form verbatim, `+1` and `01` included), then String() through
// CanonicalizeBytes. Values are exact (BigInt mantissa and a decimal scale), as inf.Dec is.

type Format = "DecimalSI" | "BinarySI" | "DecimalExponent";

/** resource.Quantity's decimal SI suffixes and the power of ten each stands for. */
export const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  "": 0,
  n: -9,
  u: -6,
  m: -3,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
/** resource.Quantity's binary SI suffixes and the power of two each stands for. */
export const BINARY_SUFFIXES: Readonly<Record<string, number>> = {
  Ki: 10,
  Mi: 20,
  Gi: 30,
  Ti: 40,
  Pi: 50,
  Ei: 60,
};
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_EXPONENT = new Map(Object.entries(BINARY_SUFFIXES).map(([s, e]) => [e, s]));
// maxAllowed: the largest int64, a cap for BinarySI amounts.
const MAX_ALLOWED = (1n << 63n) - 1n;
// fkas's bound: longer strings are left as written rather than parsed digit by digit.
const MAX_LENGTH = 64;
const NUMBER = /^([+-]?)0*(\d*)(?:\.(\d*))?([eEinumkKMGTP]*(?:[+-]?\d+)?)$/;

/** An exact decimal: `unscaled × 10^-scale`. */
interface Amount {
  unscaled: bigint;
  scale: number;
}

/**
 * The string Go's Quantity marshals for `text`, or undefined when ParseQuantity refuses it (the
 * caller keeps the text: kube-apiserver would have refused the object on the way in).
 */
export function canonicalQuantity(text: string): string | undefined {
  let known = seen.get(text);
  if (known === undefined && !seen.has(text)) {
    known = parseAndCanonicalize(text);
    // A few distinct strings ("100m", "1Gi") make up almost every object's quantities.
    if (seen.size >= SEEN_LIMIT) seen.clear();
    seen.set(text, known);
  }
  return known;
}

const SEEN_LIMIT = 4096;
const seen = new Map<string, string | undefined>();

function parseAndCanonicalize(text: string): string | undefined {
  if (text === "0") return text;
  if (text.length > MAX_LENGTH) return undefined;
  const m = NUMBER.exec(text);
  if (!m || text === "") return undefined;
  const [, sign, digits, fraction = "", suffix] = m;
  const interpreted = interpret(suffix);
  if (!interpreted) return undefined;
  const { base, exponent } = interpreted;
  let format = interpreted.format;
  const num = digits === "" ? "0" : digits;
  const negative = sign === "-";
  // The fast path: a string already in canonical form is kept as written.
  const fast = fastPath(num, fraction, base, exponent, format);
  if (fast === "keep") return text;
  let amount: Amount;
  if (fast !== undefined) amount = fast;
  else {
    amount = { unscaled: BigInt(num + fraction), scale: fraction.length };
    if (base === 10) amount.scale -= exponent;
    else amount.unscaled <<= BigInt(exponent);
    // Non-zero values round up (away from zero) to a whole nano.
    if (amount.unscaled !== 0n && amount.scale > 9) amount = roundUp(amount, 9);
    if (format === "BinarySI" && compare(amount, MAX_ALLOWED) > 0) {
      amount = { unscaled: MAX_ALLOWED, scale: 0 };
    }
    if (format === "BinarySI" && amount.unscaled > 0n && compare(amount, 1n) < 0) {
      format = "DecimalSI";
    }
  }
  if (negative) amount.unscaled = -amount.unscaled;
  return canonicalize(amount, format);
}

function interpret(
  suffix: string,
): { base: 10 | 2; exponent: number; format: Format } | undefined {
  if (suffix in DECIMAL_SUFFIXES) {
    return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: "DecimalSI" };
  }
  if (suffix in BINARY_SUFFIXES) {
    return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: "BinarySI" };
  }
  if (/^[eE][+-]?\d+$/.test(suffix)) {
    const exponent = Number(suffix.slice(1));
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 2 ** 31) return undefined;
    return { base: 10, exponent, format: "DecimalExponent" };
  }
  return undefined;
}

// ParseQuantity's int64 fast path: "keep" when the string is reused, an amount when the value fits
// an int64, undefined when the slow (inf.Dec) path decides.
function fastPath(
  num: string,
  fraction: string,
  base: 10 | 2,
  exponent: number,
  format: Format,
): "keep" | Amount | undefined {
  let precision: number, scale: number, mantissa = 1n;
  if (base === 10) {
    scale = exponent;
    precision = 18 - (num.length + fraction.length);
  } else {
    scale = 0;
    if (fraction.length !== 0) return undefined;
    mantissa = 1n << BigInt(exponent);
    precision = 15 - num.length - Math.trunc(Math.fround(exponent * 3 / 10)) - 1;
  }
  if (precision < 0) return undefined;
  scale -= fraction.length;
  if (scale < -9) return undefined;
  const shifted = num + fraction;
  const value = BigInt(shifted);
  const result = value * mantissa;
  if (result > MAX_ALLOWED) return undefined;
  if (format === "BinarySI") {
    if (exponent % 10 === 0 && (value & 7n) !== 0n) return "keep";
  } else if (scale % 3 === 0 && !shifted.endsWith("000") && shifted[0] !== "0") return "keep";
  return { unscaled: result, scale: -scale };
}

// CanonicalizeBytes: zero is "0"; BinarySI only for whole values of at least 1024 in magnitude.
function canonicalize(amount: Amount, format: Format): string {
  if (amount.unscaled === 0n) return "0";
  if (format === "BinarySI") {
    const magnitude = amount.unscaled < 0n ? -amount.unscaled : amount.unscaled;
    if (compare({ unscaled: magnitude, scale: amount.scale }, 1024n) < 0) format = "DecimalSI";
    else if (!isWhole(amount)) format = "DecimalSI";
    else {
      let value = toWhole(amount), times = 0;
      while (value % 1024n === 0n) {
        value /= 1024n;
        times++;
      }
      return `${value}${BINARY_BY_EXPONENT.get(times * 10) ?? ""}`;
    }
  }
  // AsCanonicalBytes: factors of ten into the exponent, then down to a multiple of three.
  let mantissa = amount.unscaled, exp = -amount.scale;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exp++;
  }
  const rest = ((exp % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(rest);
  exp -= rest;
  const decimal = format === "DecimalSI" ? DECIMAL_BY_EXPONENT.get(exp) : undefined;
  // DecimalSI has no suffix past E (10^18): exponent notation keeps the value.
  const suffix = decimal ?? (exp === 0 ? "" : `e${exp}`);
  return `${mantissa}${suffix}`;
}

function roundUp(amount: Amount, scale: number): Amount {
  const negative = amount.unscaled < 0n;
  const magnitude = negative ? -amount.unscaled : amount.unscaled;
  // Fewer digits than places to drop (`1e-999999`): the value rounds up to one unit.
  if (amount.scale - scale > String(magnitude).length) {
    return { unscaled: negative ? -1n : 1n, scale };
  }
  const divisor = 10n ** BigInt(amount.scale - scale);
  let rounded = magnitude / divisor;
  if (rounded * divisor !== magnitude) rounded += 1n;
  return { unscaled: negative ? -rounded : rounded, scale };
}

function compare(amount: Amount, whole: bigint): number {
  const left = amount.scale >= 0 ? amount.unscaled : amount.unscaled * 10n ** BigInt(-amount.scale);
  const right = amount.scale >= 0 ? whole * 10n ** BigInt(amount.scale) : whole;
  return left < right ? -1 : left > right ? 1 : 0;
}

function isWhole(amount: Amount): boolean {
  return amount.scale <= 0 || amount.unscaled % 10n ** BigInt(amount.scale) === 0n;
}

function toWhole(amount: Amount): bigint {
  return amount.scale <= 0
    ? amount.unscaled * 10n ** BigInt(-amount.scale)
    : amount.unscaled / 10n ** BigInt(amount.scale);
}
