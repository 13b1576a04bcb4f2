// A create's managedFields in one walk: the FieldsV1 object straight from the new object and its schema.
//
// `FieldManager.Update` on a create compares the kind's zero object against the new one, gives the
// writer everything added, strips server-set metadata and encodes the set. For an object that
// carries no managedFields of its own the outcome is known without building sets: every key and
// list item of the new object is a member, the zero object's empty structs are not, and the
// stripped fields lose their member mark. This walk writes that encoding directly (keys in
// upstream's element order, `.` first), byte for byte what `managedFieldsAfterUpdate` writes, and
// returns undefined for the rare shapes it leaves to it.

import type { FieldSet } from "./field_set.ts";
import { isMap, type JsonMap, listItemElement } from "./list_items.ts";
import {
  comparePathElements,
  compareStrings,
  fieldElement,
  type Json,
  type PathElement,
} from "./path_element.ts";
import type { TypeRef } from "./types.ts";

type FieldsObject = { [key: string]: Json };

// stripMetaManager's fields: top-level members and metadata members nobody owns.
const STRIPPED_TOP = new Set(["apiVersion", "kind", "metadata"]);
const STRIPPED_META = new Set([
  "name",
  "namespace",
  "creationTimestamp",
  "selfLink",
  "uid",
  "clusterName",
  "generation",
  "managedFields",
  "resourceVersion",
]);

/**
 * The FieldsV1 object a create of `next` over the kind's `zero` object records for its writer
 * (null: the writer owns nothing), or undefined when the object's shape needs the full field
 * manager (managedFields sent, ignored fields below the top level, a zero field not a struct).
 * Throws `TypedValueError` where the full field manager would.
 */
export function createdFieldsV1(
  type: TypeRef,
  zero: JsonMap,
  next: JsonMap,
  ignored: FieldSet | undefined,
): FieldsObject | null | undefined {
  if (ignored && ignored.children.length > 0) return undefined;
  const meta = next.metadata;
  if (!isMap(meta) || Object.hasOwn(meta, "managedFields")) return undefined;
  const atom = type.atom(next);
  if (atom.kind !== "map" || atom.atomic) return undefined;
  const keys: string[] = [];
  for (const key of Object.keys(next)) {
    if (ignored?.hasMember(fieldElement(key))) continue;
    if (Object.hasOwn(zero, key)) {
      const value = next[key];
      if (!isMap(zero[key]) || Object.keys(zero[key] as JsonMap).length > 0) return undefined;
      // A zero struct compares as a granular map against a map only; anything else is rare.
      const fieldAtom = (atom.field(key) ?? atom.element).atom(value);
      if (fieldAtom.kind !== "map" || fieldAtom.atomic || !isMap(value)) return undefined;
    } else if (next[key] === undefined) continue;
    keys.push(key);
  }
  for (const key of Object.keys(zero)) {
    if (!Object.hasOwn(next, key) && !ignored?.hasMember(fieldElement(key))) {
      // Removed from the zero object: no field for the writer, but leave the shape to upstream's walk.
      return undefined;
    }
  }
  keys.sort(compareStrings);
  const out: FieldsObject = {};
  const path: PathElement[] = [];
  for (const key of keys) {
    const value = next[key];
    const pe = fieldElement(key);
    path.push(pe);
    const fieldType = atom.field(key) ?? atom.element;
    if (Object.hasOwn(zero, key)) {
      // A filled zero struct: its keys are members, it is not.
      const below = key === "metadata"
        ? metadataLevel(fieldType, value as JsonMap, path)
        : wholeLevel(fieldType, value, path, false);
      if (below) out[pe.s] = below;
    } else {
      const below = wholeLevel(fieldType, value, path, !STRIPPED_TOP.has(key));
      if (below) out[pe.s] = below;
      else if (!STRIPPED_TOP.has(key)) out[pe.s] = {};
    }
    path.pop();
  }
  return Object.keys(out).length > 0 ? out : null;
}

// metadata filled over the zero object's: every key a member except the server-set ones.
function metadataLevel(
  type: TypeRef,
  value: JsonMap,
  path: PathElement[],
): FieldsObject | undefined {
  const atom = type.atom(value);
  if (atom.kind !== "map" || atom.atomic) return undefined;
  const keys = Object.keys(value).sort(compareStrings);
  if (keys.length === 0) return undefined;
  const out: FieldsObject = {};
  for (const key of keys) {
    const pe = fieldElement(key);
    const member = !STRIPPED_META.has(key);
    path.push(pe);
    const below = wholeLevel(atom.field(key) ?? atom.element, value[key], path, member);
    path.pop();
    if (below) out[pe.s] = below;
    else if (member) out[pe.s] = {};
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

// The FieldsV1 level below a value on the new side only (compare's wholeSet, encoded): undefined
// when nothing is below it; `member` puts the `.` of a member that has children first.
function wholeLevel(
  type: TypeRef,
  value: Json,
  path: PathElement[],
  member: boolean,
): FieldsObject | undefined {
  const atom = type.atom(value);
  if (atom.kind === "scalar" || atom.atomic) return undefined;
  if (atom.kind === "list") {
    if (!Array.isArray(value) || value.length === 0) return undefined;
    const out: FieldsObject = member ? { ".": {} } : {};
    if (value.length === 1) {
      // The usual list (one container, one port): no duplicates to find, nothing to sort.
      const pe = listItemElement(atom, value[0], path);
      path.push(pe);
      out[pe.s] = wholeLevel(atom.element, value[0], path, true) ?? {};
      path.pop();
      return out;
    }
    const items = new Map<string, { pe: PathElement; item: Json; twice: boolean }>();
    for (const item of value) {
      const pe = listItemElement(atom, item, path);
      const seen = items.get(pe.s);
      if (seen) seen.twice = true;
      else items.set(pe.s, { pe, item, twice: false });
    }
    const sorted = [...items.values()];
    if (sorted.length > 1) sorted.sort((a, b) => comparePathElements(a.pe, b.pe));
    for (const { pe, item, twice } of sorted) {
      path.push(pe);
      const below = twice ? undefined : wholeLevel(atom.element, item, path, true);
      path.pop();
      out[pe.s] = below ?? {};
    }
    return out;
  }
  if (!isMap(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length === 0) return undefined;
  if (keys.length > 1) keys.sort(compareStrings);
  const out: FieldsObject = member ? { ".": {} } : {};
  for (const key of keys) {
    const pe = fieldElement(key);
    path.push(pe);
    const below = wholeLevel(atom.field(key) ?? atom.element, value[key], path, true);
    path.pop();
    out[pe.s] = below ?? {};
  }
  return out;
}
