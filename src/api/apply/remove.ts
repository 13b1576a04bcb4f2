// Removing a set of fields from a value, and the named-field closure pruning uses (typed/remove.go, fieldpath/set.go).

import { FieldSet, type SetNode } from "./field_set.ts";
import { comparePathElements, fieldElement, type Json, type PathElement } from "./path_element.ts";
import { isMap, type JsonMap, listItemElement } from "./list_items.ts";
import type { TypeRef } from "./types.ts";

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
