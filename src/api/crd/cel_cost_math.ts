// cel-go's size and cost ranges (checker/cost.go SizeEstimate, CostEstimate): uint64 arithmetic that saturates.
//
// Held as doubles: a saturated value prints as "more than 100x" either way, and every figure a
// message shows exactly (a cost within 1.5× the 10,000,000 limit) is far below 2^53.

/** math.MaxUint64. */
export const MAX_U64 = 2 ** 64 - 1;

/** A range of sizes or costs, [min, max]. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/** `UnknownSizeEstimate()`: anything from 0 to MaxUint64. */
export const UNKNOWN: Range = { min: 0, max: MAX_U64 };

/** A fixed range. */
export function fixed(value: number): Range {
  return { min: value, max: value };
}

/** `Add`, saturating. */
export function add(a: Range, b: Range): Range {
  return { min: addU64(a.min, b.min), max: addU64(a.max, b.max) };
}

/** `Multiply`, saturating. */
export function multiply(a: Range, b: Range): Range {
  return { min: mulU64(a.min, b.min), max: mulU64(a.max, b.max) };
}

/** `MultiplyByCostFactor`: rounded up, saturating. */
export function byFactor(a: Range, factor: number): Range {
  return { min: factorU64(a.min, factor), max: factorU64(a.max, factor) };
}

/** `Union`: the range covering both. */
export function union(a: Range, b: Range): Range {
  return { min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) };
}

/** `addUint64NoOverflow`. */
export function addU64(x: number, y: number): number {
  return y > 0 && x > MAX_U64 - y ? MAX_U64 : x + y;
}

/** `multiplyUint64NoOverflow`. */
export function mulU64(x: number, y: number): number {
  return y !== 0 && x > MAX_U64 / y ? MAX_U64 : x * y;
}

function factorU64(x: number, y: number): number {
  if (x > 0 && y > 0 && x > MAX_U64 / y) return MAX_U64;
  const ceil = Math.ceil(x * y);
  return ceil >= 2 ** 64 ? MAX_U64 : ceil;
}
