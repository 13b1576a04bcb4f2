// Equality of decoded JSON values, as apimachinery's semantic DeepEqual sees the Go values behind them.

/**
 * Whether two JSON values are equal. With `defaulted`, a key the new value (`a`) lacks counts as
 * equal: kube-apiserver defaults an incoming object before comparing it, so a field a client
 * leaves out is one the defaulter fills in again, as it was.
 */
export function deepEqual(a: unknown, b: unknown, defaulted = false): boolean {
  if (a === b) return true;
  if (a === undefined || a === null) return defaulted || b === undefined || b === null;
  if (typeof a !== "object" || typeof b !== "object" || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i], defaulted));
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key of Object.keys(left)) {
    if (!deepEqual(left[key], right[key], defaulted)) return false;
  }
  if (defaulted) return true;
  for (const key of Object.keys(right)) {
    if (!(key in left) && right[key] !== undefined && right[key] !== null) return false;
  }
  return true;
}
