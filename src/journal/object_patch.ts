// How one object differs from another, as the values to put at paths: what a derived journal
// record holds instead of the object's whole JSON, and how replay puts the object together again.
//
// The patch is exact for JSON: applied to the template's JSON data (as parsed from the journal), it
// gives data whose JSON is byte for byte the object's. Containers with the same keys in the same
// order (arrays of the same length) are compared member by member; any other difference replaces
// the whole value at its path. A difference that JSON cannot carry at a path (an `undefined`
// member, a key `__proto__`) gives no patch: the record is then written whole.

import { putOwn } from "../encoding/mod.ts";

/** One difference: the keys (object keys, array indexes) leading to it, and the value there. */
export type PatchEntry = readonly [path: readonly (string | number)[], value: unknown];

/**
 * The differences turning `template` into `object`, or undefined when they do not fit in `limit`
 * entries or cannot be carried by JSON. Parts the two share (the same reference) cost nothing.
 */
export function objectPatch(
  template: unknown,
  object: unknown,
  limit = 256,
): PatchEntry[] | undefined {
  const entries: PatchEntry[] = [];
  return walk(template, object, [], entries, limit) ? entries : undefined;
}

// Adds the differences of `b` from `a` at `path`; false when the patch cannot be made.
function walk(
  a: unknown,
  b: unknown,
  path: (string | number)[],
  entries: PatchEntry[],
  limit: number,
): boolean {
  if (a === b) return true;
  if (b === undefined || a === undefined) return false;
  if (
    typeof a === "object" && a !== null && typeof b === "object" && b !== null &&
    Array.isArray(a) === Array.isArray(b)
  ) {
    if (Array.isArray(a)) {
      const array = b as unknown[];
      if (a.length === array.length) {
        for (let i = 0; i < a.length; i++) {
          if (a[i] === array[i]) continue;
          path.push(i);
          const ok = walk(a[i], array[i], path, entries, limit);
          path.pop();
          if (!ok) return false;
        }
        return true;
      }
    } else if (sameKeys(a as Record<string, unknown>, b as Record<string, unknown>)) {
      const from = a as Record<string, unknown>;
      const to = b as Record<string, unknown>;
      for (const key in to) {
        if (from[key] === to[key]) continue;
        if (key === "__proto__") return false;
        path.push(key);
        const ok = walk(from[key], to[key], path, entries, limit);
        path.pop();
        if (!ok) return false;
      }
      return true;
    }
  }
  if (entries.length >= limit || path.includes("__proto__")) return false;
  entries.push([path.slice(), b]);
  return true;
}

// Whether two plain objects have the same keys in the same order (then their JSON differs only
// in values). A template is compared with many objects: its key lists are listed once.
function sameKeys(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let keys = keyLists.get(a);
  if (keys === undefined) keyLists.set(a, keys = Object.keys(a));
  let i = 0;
  for (const key in b) if (keys[i++] !== key) return false;
  return i === keys.length;
}

// Keys of the templates' objects (which never change: stored objects are replaced, not changed).
const keyLists = new WeakMap<object, readonly string[]>();

/**
 * `template` with `patch` applied: containers on a patched path are copied, everything else is
 * `template`'s own (shared, so `template` must never change: freeze it first). Paths are checked,
 * since they come from a file: one that leads nowhere throws.
 */
export function applyPatch(template: unknown, patch: readonly PatchEntry[]): unknown {
  let root = template;
  // Containers copied so far (by path), so entries under one parent copy it once.
  const copies = new Set<unknown>();
  for (const [path, value] of patch) {
    if (path.length === 0) {
      root = value;
      continue;
    }
    if (!copies.has(root)) copies.add(root = copyOf(root));
    let parent = root as Record<string | number, unknown>;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i];
      let child = ownValue(parent, key);
      if (!copies.has(child)) {
        child = copyOf(child);
        copies.add(child);
        putOwn(parent, key, child);
      }
      parent = child as Record<string | number, unknown>;
    }
    const last = path[path.length - 1];
    ownValue(parent, last); // the key must be there: a patch replaces, never adds
    putOwn(parent, last, value);
  }
  return root;
}

function ownValue(container: Record<string | number, unknown>, key: string | number): unknown {
  if (
    typeof container !== "object" || container === null ||
    Array.isArray(container) !== (typeof key === "number") || !Object.hasOwn(container, key)
  ) {
    throw new TypeError(`a patch path leads to no value at ${JSON.stringify(key)}`);
  }
  return container[key];
}

function copyOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice();
  if (typeof value === "object" && value !== null) return { ...value };
  throw new TypeError("a patch path leads into a value that holds none");
}
