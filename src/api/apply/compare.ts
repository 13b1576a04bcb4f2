// What changed between two values under their schema (structured-merge-diff typed/compare.go).
//
// `undefined` is an absent value (Go's nil Value) and `null` an explicit JSON null; the two differ
// as upstream's walker makes them differ: absent sides are Added or Removed, leaves Modified.

import { FieldSet, type SetNode } from "./field_set.ts";
import {
  comparePathElements,
  equalValues,
  fieldElement,
  type Json,
  type PathElement,
} from "./path_element.ts";
import { isMap, listItemElement } from "./list_items.ts";
import type { ListAtom, MapAtom, TypeRef } from "./types.ts";

/** What changed from one value to another (`typed.Comparison`). */
export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

/**
 * Compares two values of a type (`TypedValue.Compare`); undefined stands for no object. `skip`
 * names map members compared as if neither side had them (`status` and `metadata.managedFields`
 * of objects the field manager compares), so the objects need no copies without them.
 */
export function compare(
  type: TypeRef,
  lhs: Json | undefined,
  rhs: Json | undefined,
  skip?: FieldSet,
): Comparison {
  const result = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compareNode(type, lhs, rhs, [], result, skip?.empty() ? undefined : skip);
  return result;
}

function compareNode(
  type: TypeRef,
  lhs: Json | undefined,
  rhs: Json | undefined,
  path: PathElement[],
  out: Comparison,
  skip?: FieldSet,
): void {
  // The same value on both sides (a subtree a patch left alone) holds no change.
  if (lhs === rhs && lhs !== undefined) return;
  if (skip) return compareSkipping(type, lhs, rhs, path, out, skip);
  // A subtree on one side only (most of a create) is added or removed whole: its set is built
  // bottom-up and grafted once, rather than inserted from the root path by path.
  if (lhs === undefined || rhs === undefined) {
    const value = lhs === undefined ? rhs : lhs;
    if (value === undefined) return;
    (lhs === undefined ? out.added : out.removed).graft(path, wholeSet(type, value, path));
    return;
  }
  const atom = type.atom(rhs !== undefined ? rhs : lhs);
  let leaf = atom.kind === "scalar" || atom.atomic;
  if (!leaf && atom.kind === "list") {
    const l = Array.isArray(lhs) ? lhs : undefined, r = Array.isArray(rhs) ? rhs : undefined;
    if (!l?.length && !r?.length) leaf = true;
    else compareLists(atom, l, r, path, out);
  } else if (!leaf && atom.kind === "map") {
    const l = isMap(lhs) ? lhs : undefined, r = isMap(rhs) ? rhs : undefined;
    const lk = l ? Object.keys(l) : [], rk = r ? Object.keys(r) : [];
    if (lk.length === 0 && rk.length === 0) leaf = true;
    else if (lk.length === 0 && l) {
      // An empty map filled (the zero object a create is compared against): every key is added.
      out.added.graft(path, wholeSet(type, rhs!, path), false);
      return;
    } else {
      for (const key of lk) compareField(atom, key, l![key], r?.[key], path, out);
      for (const key of rk) {
        if (!l || !Object.hasOwn(l, key)) compareField(atom, key, undefined, r![key], path, out);
      }
    }
  }
  if (leaf) {
    if (lhs === undefined) out.added.insert(path);
    else if (rhs === undefined) out.removed.insert(path);
    else if (!equalValues(lhs, rhs)) out.modified.insert(path);
  } else if (lhs === undefined) out.added.insert(path);
  else if (rhs === undefined) out.removed.insert(path);
}

// One member of a map; `below` is what to skip inside it (compareSkipping's levels only).
function compareField(
  atom: MapAtom,
  key: string,
  lhs: Json | undefined,
  rhs: Json | undefined,
  path: PathElement[],
  out: Comparison,
  below?: FieldSet,
): void {
  // The same value on both sides (compareNode's first test), before the path is extended: most
  // members of an update are shared or equal scalars.
  if (lhs === rhs && lhs !== undefined) return;
  // A key present with an undefined value cannot come from JSON; treat it as absent.
  path.push(fieldElement(key));
  compareNode(atom.field(key) ?? atom.element, lhs, rhs, path, out, below);
  path.pop();
}

// compareNode at a level with members to skip (the root and `metadata`, so a few keys): the map's
// members walked one by one, as compareNode walks the same maps without those members. A side
// whose only keys are skipped is an empty map, and equal to the other empty side.
function compareSkipping(
  type: TypeRef,
  lhs: Json | undefined,
  rhs: Json | undefined,
  path: PathElement[],
  out: Comparison,
  skip: FieldSet,
): void {
  if (lhs === undefined && rhs === undefined) return;
  const atom = type.atom(rhs !== undefined ? rhs : lhs);
  const l = isMap(lhs) ? lhs : undefined, r = isMap(rhs) ? rhs : undefined;
  // A side missing (rare: a create's comparison) or not a granular map: the sides without what
  // is skipped, compared as they are.
  if (atom.kind !== "map" || atom.atomic || !l || !r) {
    return compareNode(type, withoutSkipped(lhs, skip), withoutSkipped(rhs, skip), path, out);
  }
  const { members, children } = namesOf(skip);
  // The members in key order, skipped ones passed over in the loop rather than filtered into new
  // lists (this runs at the root and `metadata` of every update; a for-in loop measured slower on
  // Bun). Two maps empty but for skipped members are equal: walking them compares nothing.
  for (const key of Object.keys(l)) {
    if (members.has(key)) continue;
    compareField(atom, key, l[key], r[key], path, out, children.get(key));
  }
  for (const key of Object.keys(r)) {
    if (members.has(key) || Object.hasOwn(l, key)) continue;
    compareField(atom, key, undefined, r[key], path, out, children.get(key));
  }
}

// A skip set's field names at its top level, and the sets below them: looked up by name.
interface SkippedNames {
  readonly members: ReadonlySet<string>;
  readonly children: ReadonlyMap<string, FieldSet>;
}

const skippedNames = new WeakMap<FieldSet, SkippedNames>();

function namesOf(skip: FieldSet): SkippedNames {
  let names = skippedNames.get(skip);
  if (names === undefined) {
    const fieldName = (pe: PathElement) => pe.t === "f" ? pe.name : undefined;
    names = {
      members: new Set(skip.members.map(fieldName).filter((n) => n !== undefined)),
      children: new Map(
        skip.children.flatMap((c) => c.pe.t === "f" ? [[c.pe.name, c.set] as const] : []),
      ),
    };
    skippedNames.set(skip, names);
  }
  return names;
}

// A map without the members `skip` names (and theirs below), as a copy; anything else as it is.
function withoutSkipped(value: Json | undefined, skip: FieldSet): Json | undefined {
  if (!isMap(value)) return value;
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value)) {
    const pe = fieldElement(key);
    if (skip.hasMember(pe)) continue;
    const below = skip.withPrefix(pe);
    // Defined, not assigned: a `__proto__` key stays a key.
    Object.defineProperty(out, key, {
      value: below ? withoutSkipped(value[key], below)! : value[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function compareLists(
  atom: ListAtom,
  lhs: Json[] | undefined,
  rhs: Json[] | undefined,
  path: PathElement[],
  out: Comparison,
): void {
  const all: PathElement[] = [];
  const lValues = new Map<string, Json[]>(), rValues = new Map<string, Json[]>();
  for (const item of lhs ?? []) {
    const pe = listItemElement(atom, item, path);
    const list = lValues.get(pe.s);
    if (list) list.push(item);
    else lValues.set(pe.s, [item]), all.push(pe);
  }
  for (const item of rhs ?? []) {
    const pe = listItemElement(atom, item, path);
    const list = rValues.get(pe.s);
    if (list) list.push(item);
    else {
      rValues.set(pe.s, [item]);
      if (!lValues.has(pe.s)) all.push(pe);
    }
  }
  for (const pe of all) {
    const l = lValues.get(pe.s) ?? [], r = rValues.get(pe.s) ?? [];
    path.push(pe);
    if (l.length <= 1 && r.length <= 1) {
      compareNode(atom.element, l[0], r[0], path, out);
    } else if (l.length >= 2 && r.length >= 2) {
      if (l.length !== r.length || l.some((v, i) => !equalValues(v, r[i]))) {
        out.modified.insert(path);
      }
    } else if (l.length >= 2) {
      if (r.length !== 0) compareNode(atom.element, undefined, r[0], path, out);
      out.removed.insert(path);
    } else {
      if (l.length !== 0) compareNode(atom.element, l[0], undefined, path, out);
      out.added.insert(path);
    }
    path.pop();
  }
}

// Every path below a value that is on one side only, as the walk above would insert them one by
// one: each map key and each list item is a member (leaf or not), with its own paths below it; an
// item whose element occurs twice is a member without children. Undefined when there are none.
function wholeSet(type: TypeRef, value: Json, path: PathElement[]): FieldSet | undefined {
  const atom = type.atom(value);
  if (atom.kind === "scalar" || atom.atomic) return undefined;
  const members: PathElement[] = [];
  const children: SetNode[] = [];
  if (atom.kind === "list") {
    if (!Array.isArray(value) || value.length === 0) return undefined;
    const items = new Map<string, { pe: PathElement; item: Json; twice: boolean }>();
    for (const item of value) {
      const pe = listItemElement(atom, item, path);
      const seen = items.get(pe.s);
      if (seen) seen.twice = true;
      else items.set(pe.s, { pe, item, twice: false });
    }
    for (const { pe, item, twice } of items.values()) {
      members.push(pe);
      path.push(pe);
      const below = twice ? undefined : wholeSet(atom.element, item, path);
      path.pop();
      if (below) children.push({ pe, set: below });
    }
  } else {
    if (!isMap(value)) return undefined;
    for (const key of Object.keys(value)) {
      const pe = fieldElement(key);
      members.push(pe);
      path.push(pe);
      const below = wholeSet(atom.field(key) ?? atom.element, value[key], path);
      path.pop();
      if (below) children.push({ pe, set: below });
    }
    if (members.length === 0) return undefined;
  }
  members.sort(comparePathElements);
  children.sort((a, b) => comparePathElements(a.pe, b.pe));
  return new FieldSet(members, children);
}
