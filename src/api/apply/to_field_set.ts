// The field set of a value under its schema (structured-merge-diff typed/tofieldset.go).

import { FieldSet, type SetNode } from "./field_set.ts";
import { comparePathElements, fieldElement, type Json, type PathElement } from "./path_element.ts";
import { isMap, listItemElement } from "./list_items.ts";
import type { TypeRef } from "./types.ts";

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
