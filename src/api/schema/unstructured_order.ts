// Custom resources in the key order kube-apiserver writes them: every object's keys in Go's order.
//
// kube-apiserver keeps custom resources unstructured (map[string]interface{} at every level,
// metadata included), and encoding/json writes a map's keys sorted, so whatever order a client
// sent, a custom resource comes back with `apiVersion`, `kind`, `metadata`, `spec`, `status` and
// each nested object's keys sorted by their UTF-8 bytes. fkas sorts once, when the object is
// stored; reads send what is stored.

import { goSorted, inGoOrder, isArrayIndexKey } from "../../encoding/mod.ts";

// Frozen parts are shared between objects (as in go_shape.ts): sorted once, the sorted copy shared.
const frozenSorted = new WeakMap<object, unknown>();

/**
 * `value` with the keys of every object in it in Go's order: `value` itself when it is so
 * already, else a copy of what had to change; never mutates its input. Parts that are the very
 * values of `previous` (the stored, so sorted, version) are not walked again.
 */
export function goSortedUnstructured<T>(value: T, previous?: unknown): T {
  if (value === null || typeof value !== "object" || value === previous) return value;
  return sortValue(value, previous) as T;
}

function sortValue(value: object, previous: unknown): unknown {
  if (!Object.isFrozen(value)) return sortFresh(value, previous);
  let sorted = frozenSorted.get(value);
  if (sorted === undefined) {
    sorted = sortFresh(value, undefined);
    if (sorted !== value) Object.freeze(sorted);
    frozenSorted.set(value, sorted);
  }
  return sorted;
}

function sortFresh(value: object, previous: unknown): unknown {
  return Array.isArray(value)
    ? sortList(value, previous)
    : sortMap(value as Record<string, unknown>, previous);
}

function sortList(list: unknown[], previous: unknown): unknown[] {
  const before = Array.isArray(previous) ? previous : undefined;
  let out: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (item === null || typeof item !== "object" || item === before?.[i]) continue;
    const sorted = sortValue(item, before?.[i]);
    if (sorted !== item) (out ??= list.slice())[i] = sorted;
  }
  return out ?? list;
}

// metadata.managedFields entries and their FieldsV1 are the field manager's: it finds what it
// decoded of them by their identity (src/api/apply/managed_fields.ts), so a sorted copy would make
// every later write decode them again. Their keys are put in Go's order in place instead — the
// same content, done when they are first stored, before anything serialized them; later versions
// share them already sorted. Frozen (seeded, shared) entries are copied once, like any frozen part.
function sortManagedFields(list: unknown[], previous: unknown): unknown[] {
  const before = Array.isArray(previous) ? previous : undefined;
  let out: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    if (entry === null || typeof entry !== "object" || entry === before?.[i]) continue;
    if (!Object.isFrozen(entry)) {
      sortKeysInPlace(entry as Record<string, unknown>);
      continue;
    }
    const sorted = sortValue(entry, undefined);
    if (sorted !== entry) (out ??= list.slice())[i] = sorted;
  }
  return out ?? list;
}

function sortKeysInPlace(record: Record<string, unknown>): void {
  for (const key in record) {
    const value = record[key];
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      if (!Object.isFrozen(value)) sortKeysInPlace(value as Record<string, unknown>);
    }
  }
  const keys = Object.keys(record);
  if (settled(keys)) return;
  const values = new Map(keys.map((key) => [key, record[key]]));
  for (const key of keys) delete record[key];
  for (const key of goSorted(keys)) record[key] = values.get(key);
}

function sortMap(map: Record<string, unknown>, previous: unknown): Record<string, unknown> {
  const before = previous !== null && typeof previous === "object" && !Array.isArray(previous)
    ? previous as Record<string, unknown>
    : undefined;
  let changed: Map<string, unknown> | undefined;
  for (const key in map) {
    const item = map[key];
    if (item === null || typeof item !== "object" || item === before?.[key]) continue;
    const sorted = key === "managedFields" && Array.isArray(item)
      ? sortManagedFields(item, before?.[key])
      : sortValue(item, before?.[key]);
    if (sorted !== item) (changed ??= new Map()).set(key, sorted);
  }
  const keys = Object.keys(map);
  if (changed === undefined && settled(keys)) return map;
  return Object.fromEntries(
    goSorted(keys).map((key) => [key, changed?.has(key) ? changed.get(key) : map[key]]),
  );
}

// Whether a rebuild would give these keys again: in Go's order, but for the array-index keys
// that lead any JavaScript object whatever the order (JSON output puts them right, see
// src/encoding/go_json.ts).
function settled(keys: readonly string[]): boolean {
  if (inGoOrder(keys)) return true;
  return isArrayIndexKey(keys[0]) && inGoOrder(keys.filter((key) => !isArrayIndexKey(key)));
}
