// Freezing JSON data all the way down, for values shared between objects, clusters and caches.

/**
 * Freezes `value` (JSON data: arrays, objects, primitives) and every array and object inside it,
 * and returns it. A part frozen already is taken as frozen all through, as this function leaves
 * every part it freezes: what a value shares with one frozen before (structural sharing) is not
 * walked again.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const item of value) deepFreeze(item);
  } else {
    // for...in: no array of values per object (this runs on every journaled write); JSON's
    // objects inherit no enumerable key, and an own `__proto__` key is read as its own.
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
