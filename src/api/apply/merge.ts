// Merging an applied configuration into a value (structured-merge-diff typed/merge.go, ruleKeepRHS).

import { fieldElement, type Json, type PathElement, pathString } from "./path_element.ts";
import { fail, isMap, type JsonMap, listItemElement } from "./list_items.ts";
import type { ListAtom, TypeRef } from "./types.ts";

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
