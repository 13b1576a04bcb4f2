// resource.Quantity arithmetic for admission and quota: scaled values, comparison, sums and the
// text Go prints for them.
//
// After k8s.io/apimachinery v0.36.3 pkg/api/resource/quantity.go (`ScaledValue` rounds away from
// zero, `Add` keeps the first addend's format, `String` canonicalizes) and pkg/quota/v1
// resources.go (`Add`, `LessThanOrEqual`, `Mask`).

import { parseQuantity } from "../api/validation/mod.ts";
import { BINARY_SUFFIXES, canonicalQuantity } from "../protobuf/mod.ts";

/** A ResourceList as JSON carries it: names to quantity strings. */
export type ResourceList = Readonly<Record<string, string>>;

const NANO = 1_000_000_000n;
const BINARY_BY_POWER = Object.entries(BINARY_SUFFIXES).sort((a, b) => b[1] - a[1]);
const BINARY = /(Ki|Mi|Gi|Ti|Pi|Ei)$/;

/** `ScaledValue(scale)`: the quantity in units of 10^scale, rounded away from zero; 0 when absent. */
export function scaledValue(text: string | undefined, scale: number): bigint {
  const value = text === undefined ? undefined : parseQuantity(text);
  if (!value || value.mantissa === 0n) return 0n;
  const shift = value.ten - scale;
  let numerator = value.mantissa * (1n << BigInt(value.two));
  if (shift >= 0) return numerator * 10n ** BigInt(shift);
  const denominator = 10n ** BigInt(-shift);
  const negative = numerator < 0n;
  if (negative) numerator = -numerator;
  const whole = (numerator + denominator - 1n) / denominator;
  return negative ? -whole : whole;
}

/** `a.Cmp(b)` on whole nanos (Go rounds every quantity up to one). */
export function compareQuantity(first: string, second: string): number {
  const a = scaledValue(first, -9), b = scaledValue(second, -9);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `Quantity.String()`: the canonical form. */
export function showQuantity(quantity: string): string {
  return canonicalQuantity(quantity) ?? quantity;
}

/** Sums quantities per name as `Quantity.Add` does: the first non-zero addend sets the format. */
export class QuantitySums {
  readonly #nanos = new Map<string, bigint>();
  readonly #binary = new Map<string, boolean>();

  /** Adds every quantity of `list`. */
  add(list: ResourceList): this {
    for (const [name, quantity] of Object.entries(list)) {
      const held = this.#nanos.get(name);
      if (held === undefined || held === 0n) this.#binary.set(name, BINARY.test(quantity));
      this.#nanos.set(name, (held ?? 0n) + scaledValue(quantity, -9));
    }
    return this;
  }

  /** The sums as quantity strings that canonicalize as Go prints them. */
  list(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, nanos] of this.#nanos) out[name] = asText(nanos, this.#binary.get(name)!);
    return out;
  }
}

function asText(nanos: bigint, binary: boolean): string {
  if (nanos === 0n) return "0";
  if (binary && nanos % NANO === 0n) {
    const whole = nanos / NANO;
    for (const [suffix, power] of BINARY_BY_POWER) {
      const unit = 1n << BigInt(power);
      if (whole % unit === 0n) return `${whole / unit}${suffix}`;
    }
    return String(whole);
  }
  return showQuantity(`${nanos}n`);
}

/** maxResourceList: the larger quantity of each name into `list`, as written. */
export function keepLarger(list: Record<string, string>, other: ResourceList): void {
  for (const [name, quantity] of Object.entries(other)) {
    const held = list[name];
    if (held === undefined || compareQuantity(quantity, held) > 0) list[name] = quantity;
  }
}

/** A ResourceList read from an object: quantity strings (JSON numbers are quantities too). */
export function resourceList(value: unknown): ResourceList {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [name, quantity] of Object.entries(value)) {
    if (typeof quantity === "string") out[name] = quantity;
    else if (typeof quantity === "number") out[name] = String(quantity);
  }
  return out;
}
