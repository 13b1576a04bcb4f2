// Built-in objects in the shape kube-apiserver's Go encoding gives them: Go field order, unset fields Go always writes.
//
// kube-apiserver decodes every built-in object into Go structs and encodes it back, so its JSON
// lists each struct's fields in declaration order (a Container: name, image, command, ...),
// writes fields tagged without omitempty and non-pointer structs even when unset (`resources: {}`,
// a template's `creationTimestamp: null` before omitzero), and sorts map keys. fkas shapes a
// built-in object so once, when it is written; reads send what is stored. Custom resources keep
// the client's order, as kube-apiserver's unstructured objects do.

import { builtinSchemas, type SchemaSource, type StructSchema } from "./schema_source.ts";
import type { GoZero } from "./schema_table.ts";

// What shaping needs of a struct, worked out once per struct: each field's position in Go order
// and code, and the fields Go always writes.
interface Plan {
  readonly schema: StructSchema;
  readonly position: Map<string, number>;
  readonly code: Map<string, string>;
  readonly zeros: Readonly<Record<string, GoZero>> | undefined;
  readonly zeroCount: number;
}

const plans = new WeakMap<StructSchema, Plan>();

function planOf(schema: StructSchema): Plan {
  let plan = plans.get(schema);
  if (plan === undefined) {
    const fields = Object.keys(schema.fields);
    const zeros = schema.entry.z;
    plan = {
      schema,
      position: new Map(fields.map((field, at) => [field, at])),
      code: new Map(fields.map((field) => [field, schema.fields[field][0]])),
      zeros,
      zeroCount: zeros ? Object.keys(zeros).length : 0,
    };
    plans.set(schema, plan);
  }
  return plan;
}

// Plans by field code (`#core.v1.Container`), per schema source.
const byCode = new WeakMap<SchemaSource, Map<string, Plan | null>>();

function planOfCode(source: SchemaSource, code: string): Plan | undefined {
  let codes = byCode.get(source);
  if (codes === undefined) byCode.set(source, codes = new Map());
  let plan = codes.get(code);
  if (plan === undefined) {
    const schema = source.structOf(code);
    plan = schema ? planOf(schema) : null;
    codes.set(code, plan);
  }
  return plan ?? undefined;
}

/** What `goShapedKind` needs to know of a resource type. */
export interface ShapedKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Custom resources are never shaped: kube-apiserver keeps them unstructured. */
  readonly custom?: boolean;
}

/**
 * A stored object of a kind as Go would encode it in the release given (`goShaped`); custom
 * resources and kinds the table does not know as they are.
 */
export function goShapedKind<T extends object>(
  kubernetesVersion: string,
  type: ShapedKind,
  object: T,
  previous?: unknown,
): T {
  if (type.custom) return object;
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
  return shapeStruct(source, planOf(schema), object, previous);
}

function shapeStruct(
  source: SchemaSource,
  plan: Plan,
  object: Record<string, unknown>,
  previous: unknown,
): Record<string, unknown> {
  const { position, code, zeros } = plan;
  const before = isRecord(previous) ? previous : undefined;
  let reorder = false;
  let last = -1;
  let unknownSeen = false;
  let present = 0;
  let changed: Map<string, unknown> | undefined;
  for (const key in object) {
    const at = position.get(key);
    if (at === undefined) {
      unknownSeen = true;
      continue;
    }
    if (at < last || unknownSeen) reorder = true;
    last = at;
    const value = object[key];
    if (zeros !== undefined && Object.hasOwn(zeros, key)) present++;
    if (value === null || typeof value !== "object") continue;
    if (before !== undefined && value === before[key]) continue;
    const shaped = shapeValue(source, code.get(key)!, value, before?.[key]);
    if (shaped !== value) (changed ??= new Map()).set(key, shaped);
  }
  if (!reorder && present === plan.zeroCount && changed === undefined) return object;
  // Only the fields present and the missing always-written ones, sorted by Go position, then
  // built natively (a put per field from one site is slow: every struct's fields differ).
  const entries: [string, unknown][] = [];
  const unknown: [string, unknown][] = [];
  for (const key in object) {
    if (!position.has(key)) unknown.push([key, object[key]]);
    else entries.push([key, changed?.has(key) ? changed.get(key) : object[key]]);
  }
  if (present < plan.zeroCount) {
    for (const field in zeros) {
      if (!Object.hasOwn(object, field)) {
        entries.push([field, zeroOf(source, zeros![field], code.get(field)!)]);
      }
    }
  }
  entries.sort((a, b) => position.get(a[0])! - position.get(b[0])!);
  // Fields the struct does not have (a seeded object's) stay, after Go's.
  return Object.fromEntries(unknown.length ? entries.concat(unknown) : entries);
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

function shapeValue(source: SchemaSource, code: string, value: object, previous: unknown): unknown {
  if (!Object.isFrozen(value)) return shapeAny(source, code, value, previous);
  let shaped = frozenShaped.get(value);
  if (shaped === undefined) {
    shaped = shapeAny(source, code, value, undefined);
    if (shaped !== value) deepFreeze(shaped);
    frozenShaped.set(value, shaped);
  }
  return shaped;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

function shapeAny(source: SchemaSource, code: string, value: object, previous: unknown): unknown {
  switch (code.charCodeAt(0)) {
    case 35: { // #
      if (Array.isArray(value)) return value;
      const plan = planOfCode(source, code);
      return plan ? shapeStruct(source, plan, value as Record<string, unknown>, previous) : value;
    }
    case 91: // [
      return Array.isArray(value) ? shapeList(source, code.slice(1), value, previous) : value;
    case 123: // {
      return Array.isArray(value)
        ? value
        : shapeMap(source, code.slice(1), value as Record<string, unknown>, previous);
  }
  return value;
}

// Whether values of a code may need shaping (structs, lists and maps of them, maps to sort).
function nested(code: string): boolean {
  const first = code.charCodeAt(0);
  return first === 35 || first === 91 || first === 123;
}

function shapeList(
  source: SchemaSource,
  element: string,
  list: unknown[],
  previous: unknown,
): unknown[] {
  if (!nested(element)) return list;
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
  element: string,
  map: Record<string, unknown>,
  previous: unknown,
): Record<string, unknown> {
  const before = isRecord(previous) ? previous : undefined;
  let sorted = true;
  let last: string | undefined;
  let changed: Map<string, unknown> | undefined;
  const deep = nested(element);
  for (const key in map) {
    if (last !== undefined && key < last) sorted = false;
    last = key;
    if (!deep) continue;
    const value = map[key];
    if (value === null || typeof value !== "object" || value === before?.[key]) continue;
    const shaped = shapeValue(source, element, value, before?.[key]);
    if (shaped !== value) (changed ??= new Map()).set(key, shaped);
  }
  if (sorted && changed === undefined) return map;
  const keys = Object.keys(map);
  if (!sorted) keys.sort();
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
