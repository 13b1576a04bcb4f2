// Structural equality of JSON values, ignoring object key order (patches may reorder keys).

/** Whether two JSON values are equal; objects compare by keys and values, arrays by position. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((value, i) => deepEqual(value, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  // Plain loops over own keys: this runs on every update (the "changes nothing" check), so it
  // builds no key arrays.
  let defined = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key)) continue;
    const value = left[key];
    if (value === undefined) continue;
    defined++;
    if (!Object.hasOwn(right, key) || !deepEqual(value, right[key])) return false;
  }
  for (const key in right) if (Object.hasOwn(right, key) && right[key] !== undefined) defined--;
  return defined === 0;
}

/**
 * Whether two objects are equal but for `metadata.resourceVersion` (`deepEqual` of both with the
 * same resourceVersion): the store's "a write that changes nothing" check, without copying the
 * object and its metadata to blank the one field out.
 */
export function equalButResourceVersion(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let defined = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key)) continue;
    const value = left[key];
    if (value === undefined) continue;
    defined++;
    if (!Object.hasOwn(right, key)) return false;
    const equal = key === "metadata"
      ? metadataEqual(value, right[key])
      : deepEqual(value, right[key]);
    if (!equal) return false;
  }
  for (const key in right) if (Object.hasOwn(right, key) && right[key] !== undefined) defined--;
  return defined === 0;
}

// Two metadata values as deepEqual compares them once both carry the same resourceVersion.
function metadataEqual(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return deepEqual(a, b);
  }
  if (Array.isArray(a) || Array.isArray(b)) return deepEqual(a, b);
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  // The resourceVersion counts as present on both sides exactly when it is on the right one
  // (deepEqual of copies whose resourceVersion is the right side's, undefined included).
  let defined = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key) || key === "resourceVersion") continue;
    const value = left[key];
    if (value === undefined) continue;
    defined++;
    if (!Object.hasOwn(right, key) || !deepEqual(value, right[key])) return false;
  }
  for (const key in right) {
    if (key === "resourceVersion") continue;
    if (Object.hasOwn(right, key) && right[key] !== undefined) defined--;
  }
  return defined === 0;
}
