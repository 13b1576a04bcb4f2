// Built-in objects in the shape kube-apiserver's Go encoding gives them: Go field order, unset fields Go always writes.
//
// kube-apiserver decodes every built-in object into Go structs and encodes it back, so its JSON
// lists each struct's fields in declaration order (a Container: name, image, command, ...),
// writes fields tagged without omitempty and non-pointer structs even when unset (`resources: {}`,
// a template's `creationTimestamp: null` before omitzero), leaves out omitempty fields holding
// their empty value (an image pull secret's `name: ""`, `args: []`), and sorts map keys (Go's byte order,
// src/encoding/go_order.ts). fkas shapes a built-in object so once, when it is written; reads
// send what is stored. Custom resources are unstructured maps to kube-apiserver: every key of
// theirs is sorted (unstructured_order.ts).

import { builtinSchemas, type SchemaSource, type StructSchema } from "./schema_source.ts";
import type { GoZero } from "./schema_table.ts";
import {
  type FieldPlan,
  isGoEmpty,
  type Plan,
  planOf,
  planOfCode,
  type Target,
  targetOf,
} from "./go_shape_plan.ts";
import { goSortedUnstructured } from "./unstructured_order.ts";
import { deepFreeze, goCompare, goLess, putOwn } from "../../encoding/mod.ts";

/** What `goShapedKind` needs to know of a resource type. */
export interface ShapedKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Custom resources are only sorted: kube-apiserver keeps them unstructured. */
  readonly custom?: boolean;
}

/**
 * A stored object of a kind as Go would encode it in the release given (`goShaped`); custom
 * resources with their keys sorted, and kinds the table does not know as they are.
 */
export function goShapedKind<T extends object>(
  kubernetesVersion: string,
  type: ShapedKind,
  object: T,
  previous?: unknown,
): T {
  if (type.custom) return goSortedUnstructured(object, previous);
  const source = builtinSchemas(kubernetesVersion);
  const schema = source.kind(type.group, type.version, type.kind);
  return schema
    ? goShaped(source, schema, object as unknown as Record<string, unknown>, previous) as T
    : object;
}

/**
 * `object` (of the struct `schema`) as Go would encode it: fields in Go order, always-written
 * fields added with Go's zero encoding, map keys sorted. Answers `object` itself when it is so
 * already, else a new object; never mutates its input (stored objects may share subtrees). Parts
 * that are the very values of `previous` (a stored, so shaped, object) are not walked again.
 */
export function goShaped(
  source: SchemaSource,
  schema: StructSchema,
  object: Record<string, unknown>,
  previous?: unknown,
): Record<string, unknown> {
  return shapeStruct(source, planOf(source, schema), object, previous);
}

// Per nesting depth, the keys of the struct being walked, their plans and their (shaped) values:
// reused from write to write, so that a struct found in shape already costs no allocation, and
// one rebuilt is sorted in place (no key looked up twice, no map of changed values).
const levels: Level[] = [];
let depth = 0;

interface Level {
  keys: string[];
  fields: (FieldPlan | undefined)[];
  values: unknown[];
}

// A level grown past this many keys (a seeded object's unknown ones) is let go after use.
const LEVEL_KEPT = 256;

function shapeStruct(
  source: SchemaSource,
  plan: Plan,
  object: Record<string, unknown>,
  previous: unknown,
): Record<string, unknown> {
  const level = levels[depth] ??= { keys: [], fields: [], values: [] };
  depth++;
  try {
    const { keys, fields, values } = level;
    const before = isRecord(previous) ? previous : undefined;
    let reorder = false;
    let last = -1;
    let unknownSeen = false;
    let present = 0;
    let changed = false;
    let dropped = false;
    let n = 0;
    // A key is first compared with the one a struct of the plan last held at its position (equal
    // strings: the same field plan); only another one is looked up, a Map look-up that cost half
    // of this walk's own time (Bun). Only the plan's own names are kept, never a client's, in a
    // dense list of at most LEVEL_KEPT.
    const seen = plan.seen;
    let at = 0;
    for (const key in object) {
      let field: FieldPlan | undefined;
      if (seen.keys[at] === key) field = seen.fields[at];
      else {
        field = plan.fields.get(key);
        if (field !== undefined && at <= seen.keys.length && at < LEVEL_KEPT) {
          seen.keys[at] = key;
          seen.fields[at] = field;
        }
      }
      at++;
      let value = object[key];
      if (field === undefined) unknownSeen = true;
      else {
        if (field.at < last || unknownSeen) reorder = true;
        last = field.at;
        if (field.zero) present++;
        if (field.empty && isGoEmpty(value)) {
          dropped = true;
          continue;
        }
        if (
          field.nested && value !== null && typeof value === "object" &&
          (before === undefined || value !== before[key])
        ) {
          const target = field.target ??= targetOf(source, field.code);
          const shaped = shapeValue(source, target, value, before?.[key]);
          if (shaped !== value) {
            value = shaped;
            changed = true;
          }
        }
      }
      keys[n] = key;
      fields[n] = field;
      values[n++] = value;
    }
    const out = !reorder && !dropped && present === plan.zeroCount && !changed
      ? object
      : rebuilt(source, plan, object, present, level, n);
    // Drop the references (the level outlives the write); keys are the schema's or the object's.
    // A loop, not `values.fill`: the builtin's call cost a quarter of this walk's own time (Bun).
    for (let i = n + plan.zeroCount - 1; i >= 0; i--) values[i] = undefined;
    if (keys.length > LEVEL_KEPT) levels[depth - 1] = { keys: [], fields: [], values: [] };
    return out;
  } finally {
    depth--;
  }
}

// The struct rebuilt from its level: the missing always-written fields added with Go's zero,
// the known ones sorted into Go position in place (by insertion: a client's order is mostly
// Go's already), then put key by key (no pair per field: less garbage than Object.fromEntries).
// Fields the struct does not have (a seeded object's) stay, after Go's, in their order.
function rebuilt(
  source: SchemaSource,
  plan: Plan,
  object: Record<string, unknown>,
  present: number,
  level: Level,
  count: number,
): Record<string, unknown> {
  const { keys, fields, values } = level;
  let n = count;
  if (present < plan.zeroCount) {
    const zeros = plan.zeros!;
    for (const key in zeros) {
      if (Object.hasOwn(object, key)) continue;
      const field = plan.fields.get(key)!;
      keys[n] = key;
      fields[n] = field;
      values[n++] = zeroOf(source, zeros[key], field.code);
    }
  }
  // Insertion sort by Go position; unknown fields (no plan) rank after every known one, stably.
  for (let i = 1; i < n; i++) {
    const field = fields[i];
    if (field === undefined) continue;
    const key = keys[i], value = values[i], at = field.at;
    let j = i;
    while (j > 0 && (fields[j - 1] === undefined || fields[j - 1]!.at > at)) {
      keys[j] = keys[j - 1];
      fields[j] = fields[j - 1];
      values[j] = values[j - 1];
      j--;
    }
    keys[j] = key;
    fields[j] = field;
    values[j] = value;
  }
  // Own data properties whatever the key (`__proto__` included).
  const out: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) putOwn(out, keys[i], values[i]);
  return out;
}

// What Go writes for an unset field: a struct's `{}` holds its own always-written fields.
function zeroOf(source: SchemaSource, zero: GoZero, code: string): unknown {
  if (zero === null || typeof zero !== "object") return zero;
  const plan = planOfCode(source, code);
  return plan ? shapeStruct(source, plan, {}, undefined) : {};
}

// Frozen parts are shared (seeded objects' models, src/seed/shared_seeds.ts): shaped once, and
// the shaped part is frozen and shared in turn, so every cluster's copy still points at one.
const frozenShaped = new WeakMap<object, unknown>();

function shapeValue(
  source: SchemaSource,
  target: Target,
  value: object,
  previous: unknown,
): unknown {
  if (target.form === "none") return value;
  if (!Object.isFrozen(value)) return shapeAny(source, target, value, previous);
  let shaped = frozenShaped.get(value);
  if (shaped === undefined) {
    shaped = shapeAny(source, target, value, undefined);
    if (shaped !== value) deepFreeze(shaped);
    frozenShaped.set(value, shaped);
  }
  return shaped;
}

function shapeAny(source: SchemaSource, target: Target, value: object, previous: unknown): unknown {
  switch (target.form) {
    case "struct":
      return Array.isArray(value)
        ? value
        : shapeStruct(source, target.plan!, value as Record<string, unknown>, previous);
    case "list":
      return Array.isArray(value) ? shapeList(source, target.element!, value, previous) : value;
    case "map":
      return Array.isArray(value)
        ? value
        : shapeMap(source, target.element!, value as Record<string, unknown>, previous);
  }
  return value;
}

function shapeList(
  source: SchemaSource,
  element: Target,
  list: unknown[],
  previous: unknown,
): unknown[] {
  if (element.form === "none") return list;
  const before = Array.isArray(previous) ? previous : undefined;
  let out: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const value = list[i];
    if (value === null || typeof value !== "object" || value === before?.[i]) continue;
    const shaped = shapeValue(source, element, value, before?.[i]);
    if (shaped !== value) (out ??= list.slice())[i] = shaped;
  }
  return out ?? list;
}

// A map as Go writes it: keys sorted (encoding/json sorts map keys), values shaped.
function shapeMap(
  source: SchemaSource,
  element: Target,
  map: Record<string, unknown>,
  previous: unknown,
): Record<string, unknown> {
  const before = isRecord(previous) ? previous : undefined;
  let sorted = true;
  let last: string | undefined;
  let changed: Map<string, unknown> | undefined;
  const deep = element.form !== "none";
  for (const key in map) {
    if (last !== undefined && !goLess(last, key)) sorted = false;
    last = key;
    if (!deep) continue;
    const value = map[key];
    if (value === null || typeof value !== "object" || value === before?.[key]) continue;
    const shaped = shapeValue(source, element, value, before?.[key]);
    if (shaped !== value) (changed ??= new Map()).set(key, shaped);
  }
  if (sorted && changed === undefined) return map;
  const keys = Object.keys(map);
  if (!sorted) keys.sort(goCompare);
  const out = Object.fromEntries(
    keys.map((key) => [key, changed?.has(key) ? changed.get(key) : map[key]]),
  );
  // Integer-like keys come first in any JS object: an order no rebuild can change.
  if (changed === undefined && Object.keys(out).join("\0") === Object.keys(map).join("\0")) {
    return map;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
