// Typed operations on values under a schema: field sets, comparison, merge and removal (structured-merge-diff typed/).
//
// `undefined` is an absent value (Go's nil Value) and `null` an explicit JSON null; the two differ
// as upstream's walkers make them differ.

import { FieldSet, type SetNode } from "./field_set.ts";
import {
  comparePathElements,
  equalValues,
  fieldElement,
  type Json,
  keyElement,
  type PathElement,
  pathString,
  valueElement,
} from "./path_element.ts";
import type { ListAtom, MapAtom, TypeRef } from "./types.ts";

/** A value that does not fit its schema (a duplicate key, an item without keys). */
export class TypedValueError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TypedValueError";
  }
}

type JsonMap = { [key: string]: Json };

function isMap(v: Json | undefined): v is JsonMap {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** The element selecting a list item (`listItemToPathElement`). */
export function listItemElement(
  atom: ListAtom,
  item: Json,
  path: readonly PathElement[],
): PathElement {
  if (atom.keys.length > 0) {
    if (item === null) fail(path, "associative list with keys may not have a null element");
    if (!isMap(item)) fail(path, "associative list with keys may not have non-map elements");
    const fields: [string, Json][] = [];
    for (const key of atom.keys) {
      if (Object.hasOwn(item, key)) fields.push([key, item[key]]);
      else if (atom.keyDefaults && Object.hasOwn(atom.keyDefaults, key)) {
        fields.push([key, atom.keyDefaults[key]]);
      }
    }
    if (fields.length === 0) {
      fail(
        path,
        `associative list with keys has an element that omits all key fields ${
          JSON.stringify(atom.keys).replaceAll(",", " ")
        } (and doesn't have default values for any key fields)`,
      );
    }
    return keyElement(fields);
  }
  if (isMap(item)) fail(path, "associative list without keys has an element that's a map type");
  if (Array.isArray(item)) fail(path, "not supported: associative list with lists as elements");
  if (item === null) {
    fail(path, "associative list without keys has an element that's an explicit null");
  }
  return valueElement(item);
}

function fail(path: readonly PathElement[], message: string): never {
  throw new TypedValueError(`${pathString(path)}: ${message}`);
}

function sortLevel(members: PathElement[], children: SetNode[]): FieldSet {
  members.sort(comparePathElements);
  children.sort((a, b) => comparePathElements(a.pe, b.pe));
  return new FieldSet(members, children);
}

/** The field set of a value (`TypedValue.ToFieldSet`): leaves, map-list items, undeclared keys. */
export function toFieldSet(type: TypeRef, value: Json): FieldSet {
  return levelOf(type, value, []).set ?? new FieldSet();
}

// The set below a value, and whether the value itself is a leaf (inserted as a member).
function levelOf(
  type: TypeRef,
  value: Json,
  path: PathElement[],
): { set: FieldSet | undefined; leaf: boolean } {
  const atom = type.atom(value);
  if (atom.kind === "scalar") return { set: undefined, leaf: true };
  if (atom.atomic) return { set: undefined, leaf: true };
  const members: PathElement[] = [];
  const children: SetNode[] = [];
  if (atom.kind === "list") {
    if (!Array.isArray(value)) return { set: undefined, leaf: false };
    const seen = new Map<string, PathElement>();
    const duplicates = new Set<string>();
    const pes = value.map((item) => {
      const pe = listItemElement(atom, item, path);
      if (seen.has(pe.s)) {
        if (!duplicates.has(pe.s)) members.push(pe);
        duplicates.add(pe.s);
      } else seen.set(pe.s, pe);
      return pe;
    });
    value.forEach((item, i) => {
      const pe = pes[i];
      if (duplicates.has(pe.s)) return;
      path.push(pe);
      const below = levelOf(atom.element, item, path);
      path.pop();
      if (below.set) children.push({ pe, set: below.set });
      members.push(pe);
    });
  } else {
    if (!isMap(value)) return { set: undefined, leaf: false };
    for (const key of Object.keys(value)) {
      const child = value[key];
      const pe = fieldElement(key);
      const declared = atom.field(key);
      path.push(pe);
      const below = levelOf(declared ?? atom.element, child, path);
      path.pop();
      if (below.set) children.push({ pe, set: below.set });
      if (
        below.leaf || child === null || (isMap(child) && Object.keys(child).length === 0) ||
        declared === undefined
      ) members.push(pe);
    }
  }
  const empty = members.length === 0 && children.length === 0;
  return { set: empty ? undefined : sortLevel(members, children), leaf: false };
}

/** What changed from one value to another (`typed.Comparison`). */
export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

/** Compares two values of a type (`TypedValue.Compare`); undefined stands for no object. */
export function compare(type: TypeRef, lhs: Json | undefined, rhs: Json | undefined): Comparison {
  const result = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compareNode(type, lhs, rhs, [], result);
  return result;
}

function compareNode(
  type: TypeRef,
  lhs: Json | undefined,
  rhs: Json | undefined,
  path: PathElement[],
  out: Comparison,
): void {
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
    else {
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

function compareField(
  atom: MapAtom,
  key: string,
  lhs: Json | undefined,
  rhs: Json | undefined,
  path: PathElement[],
  out: Comparison,
): void {
  // A key present with an undefined value cannot come from JSON; treat it as absent.
  path.push(fieldElement(key));
  compareNode(atom.field(key) ?? atom.element, lhs, rhs, path, out);
  path.pop();
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

/** Merges a configuration into a value (`TypedValue.Merge`, the right-hand side wins leaves). */
export function merge(
  type: TypeRef,
  lhs: Json | undefined,
  rhs: Json | undefined,
): Json | undefined {
  return mergeNode(type, lhs, rhs, []);
}

function mergeNode(
  type: TypeRef,
  lhs: Json | undefined,
  rhs: Json | undefined,
  path: PathElement[],
): Json | undefined {
  const leaf = () => rhs !== undefined ? rhs : lhs;
  const atom = type.atom(rhs !== undefined ? rhs : lhs);
  if (atom.kind === "scalar" || atom.atomic) return leaf();
  if (atom.kind === "list") {
    const l = Array.isArray(lhs) ? lhs : undefined, r = Array.isArray(rhs) ? rhs : undefined;
    if (!l?.length && !r?.length) return leaf();
    return mergeLists(atom, l, r, path);
  }
  const l = isMap(lhs) ? lhs : undefined, r = isMap(rhs) ? rhs : undefined;
  const lk = l ? Object.keys(l) : [], rk = r ? Object.keys(r) : [];
  if (lk.length === 0 && rk.length === 0) return leaf();
  const out: JsonMap = {};
  const visit = (key: string, lv: Json | undefined, rv: Json | undefined) => {
    path.push(fieldElement(key));
    const merged = mergeNode(atom.field(key) ?? atom.element, lv, rv, path);
    path.pop();
    if (merged !== undefined) out[key] = merged;
  };
  for (const key of lk) visit(key, l![key], r && Object.hasOwn(r, key) ? r[key] : undefined);
  for (const key of rk) if (!l || !Object.hasOwn(l, key)) visit(key, undefined, r![key]);
  return Object.keys(out).length > 0 ? out : undefined;
}

// The order of merged list items follows structured-merge-diff's visitListItems exactly.
function mergeLists(
  atom: ListAtom,
  lhs: Json[] | undefined,
  rhs: Json[] | undefined,
  path: PathElement[],
): Json | undefined {
  const index = (list: Json[] | undefined, allowDuplicates: boolean) => {
    const pes: PathElement[] = [];
    const observed = new Map<string, Json>();
    for (const item of list ?? []) {
      const pe = listItemElement(atom, item, path);
      if (observed.has(pe.s)) {
        if (!allowDuplicates) fail(path, `duplicate entries for key ${pathString([pe])}`);
        observed.set(pe.s, null);
      } else observed.set(pe.s, item);
      pes.push(pe);
    }
    return { pes, observed };
  };
  const { pes: rPEs, observed: rObserved } = index(rhs, false);
  const { pes: lPEs, observed: lObserved } = index(lhs, true);
  const shared = rPEs.filter((pe) => lObserved.has(pe.s));
  let next: PathElement | undefined = shared.shift();
  const mergedRHS = new Set<string>();
  const out: Json[] = [];
  const item = (pe: PathElement, l: Json | undefined, r: Json | undefined) => {
    path.push(pe);
    const merged = mergeNode(atom.element, l, r, path);
    path.pop();
    if (merged !== undefined) out.push(merged);
  };
  let lI = 0, rI = 0;
  while (lI < lPEs.length || rI < rPEs.length) {
    if (lI < lPEs.length && rI < rPEs.length) {
      const pe = lPEs[lI];
      if (pe.s === rPEs[rI].s) {
        mergedRHS.add(pe.s);
        item(pe, lObserved.get(pe.s), rObserved.get(pe.s));
        lI++, rI++;
        next = shared.shift();
        continue;
      }
      if (rObserved.has(pe.s) && next !== undefined && next.s !== pe.s) {
        lI++;
        continue;
      }
    }
    if (lI < lPEs.length) {
      const pe = lPEs[lI];
      if (!rObserved.has(pe.s)) {
        item(pe, lhs![lI], undefined);
        lI++;
        continue;
      } else if (mergedRHS.has(pe.s)) lI++;
    }
    if (rI < rPEs.length) {
      const pe = rPEs[rI];
      mergedRHS.add(pe.s);
      item(pe, lObserved.get(pe.s), rObserved.get(pe.s));
      rI++;
      if (next !== undefined && next.s === pe.s) next = shared.shift();
    }
  }
  return out.length > 0 ? out : undefined;
}

/**
 * The value without the items of a set (`TypedValue.RemoveItems`). As upstream, a container that
 * removal descends into and leaves empty (or an atomic one) becomes null.
 */
export function removeItems(type: TypeRef, value: Json, toRemove: FieldSet): Json {
  return removeNode(type, value, toRemove, []);
}

function removeNode(type: TypeRef, value: Json, toRemove: FieldSet, path: PathElement[]): Json {
  const atom = type.atom(value);
  if (atom.kind === "scalar") return value;
  if (atom.atomic) return null;
  if (atom.kind === "list") {
    if (!Array.isArray(value) || value.length === 0) return null;
    const out: Json[] = [];
    for (const item of value) {
      const pe = listItemElement(atom, item, path);
      if (toRemove.hasMember(pe)) continue;
      const sub = toRemove.withPrefix(pe);
      if (sub && !sub.empty()) {
        path.push(pe);
        out.push(removeNode(atom.element, item, sub, path));
        path.pop();
      } else out.push(item);
    }
    return out.length > 0 ? out : null;
  }
  if (!isMap(value)) return null;
  const out: JsonMap = {};
  for (const key of Object.keys(value)) {
    const pe = fieldElement(key);
    if (toRemove.hasMember(pe)) continue;
    const sub = toRemove.withPrefix(pe);
    if (sub && !sub.empty()) {
      path.push(pe);
      out[key] = removeNode(atom.field(key) ?? atom.element, value[key], sub, path);
      path.pop();
    } else out[key] = value[key];
  }
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * The set with every declared struct field below which it holds paths also made a member
 * (`Set.EnsureNamedFieldsAreMembers`), so that pruning can take whole structs.
 */
export function ensureNamedFieldsAreMembers(type: TypeRef, set: FieldSet): FieldSet {
  const atom = type.atom(undefined);
  const members = [...set.members];
  const children: SetNode[] = [];
  for (const node of set.children) {
    let childType: TypeRef | undefined;
    if (atom.kind === "map") {
      const declared = node.pe.t === "f" ? atom.field(node.pe.name) : undefined;
      if (declared) {
        if (!set.hasMember(node.pe)) members.push(node.pe);
        childType = declared;
      } else childType = atom.element;
    } else if (atom.kind === "list") childType = atom.element;
    children.push({
      pe: node.pe,
      set: childType ? ensureNamedFieldsAreMembers(childType, node.set) : node.set,
    });
  }
  members.sort(comparePathElements);
  return new FieldSet(members, children);
}
