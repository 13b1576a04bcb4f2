// Sets of field paths as structured-merge-diff's fieldpath.Set: sorted members and sorted child sets.
//
// A set is a tree: `members` are the path elements that are themselves in the set (leaves, or
// containers marked with `.`), `children` the elements below which the set holds more. Both are
// kept sorted by `comparePathElements`, so set algebra is a linear merge and the FieldsV1 encoding
// falls out in upstream's order. Sets are treated as immutable once built.

import { comparePathElements, type PathElement } from "./path_element.ts";

/** A child of a set: the element and the set of paths below it. */
export interface SetNode {
  readonly pe: PathElement;
  readonly set: FieldSet;
}

/** A set of field paths. */
export class FieldSet {
  /** Members, sorted. */
  readonly members: PathElement[];
  /** Children, sorted by element. */
  readonly children: SetNode[];

  constructor(members: PathElement[] = [], children: SetNode[] = []) {
    this.members = members;
    this.children = children;
  }

  /** Whether the set holds no path at all. */
  empty(): boolean {
    if (this.members.length > 0) return false;
    for (const c of this.children) if (!c.set.empty()) return false;
    return true;
  }

  /** Adds a path (mutates; only while building). */
  insert(path: readonly PathElement[]): void {
    if (path.length === 0) return;
    let set = path.length > 1 ? this.descend(path[0]) : undefined;
    for (let i = 1; i < path.length - 1; i++) set = set!.descend(path[i]);
    set ??= this.self();
    insertSorted(set.members, path[path.length - 1]);
  }

  /**
   * Adds a path (unless `member` is false) and, below it, the paths of `below` (mutates; only
   * while building). `below` is taken over, not copied: the caller built it and leaves it alone.
   */
  graft(path: readonly PathElement[], below: FieldSet | undefined, member = true): void {
    if (path.length === 0) {
      if (below) this.mergeIn(below);
      return;
    }
    let set: FieldSet = this.self();
    for (let i = 0; i < path.length - 1; i++) set = set.descend(path[i]);
    const last = path[path.length - 1];
    if (member) insertSorted(set.members, last);
    if (!below || below.empty()) return;
    const i = search(set.children, last);
    if (i < 0) insertAt(set.children, -i - 1, { pe: last, set: below });
    else set.children[i] = { pe: last, set: set.children[i].set.union(below) };
  }

  // Takes the paths of another set into this one (mutates; only while building).
  private mergeIn(other: FieldSet): void {
    const merged = this.union(other);
    this.members.splice(0, this.members.length, ...merged.members);
    this.children.splice(0, this.children.length, ...merged.children);
  }

  /** The child set below an element, created if absent (mutates; only while building). */
  descend(pe: PathElement): FieldSet {
    const i = search(this.children, pe);
    if (i >= 0) return this.children[i].set;
    const set = new FieldSet();
    insertAt(this.children, -i - 1, { pe, set });
    return set;
  }

  // This set, typed for walks that start here.
  private self(): FieldSet {
    return this;
  }

  /** Whether a path is a member. */
  has(path: readonly PathElement[]): boolean {
    let set: FieldSet | undefined = this.self();
    for (let i = 0; i < path.length - 1 && set; i++) set = set.withPrefix(path[i]);
    if (!set || path.length === 0) return false;
    return searchElements(set.members, path[path.length - 1]) >= 0;
  }

  /** Whether an element is a member of this level. */
  hasMember(pe: PathElement): boolean {
    return searchElements(this.members, pe) >= 0;
  }

  /** The set of paths below an element (without the element), or undefined. */
  withPrefix(pe: PathElement): FieldSet | undefined {
    const i = search(this.children, pe);
    return i >= 0 ? this.children[i].set : undefined;
  }

  /** Every path of the set: members of a level before its children, as `Set.Iterate`. */
  paths(prefix: PathElement[] = [], out: PathElement[][] = []): PathElement[][] {
    for (const m of this.members) out.push([...prefix, m]);
    for (const c of this.children) c.set.paths([...prefix, c.pe], out);
    return out;
  }

  /** The paths in either set. */
  union(other: FieldSet): FieldSet {
    if (other.members.length === 0 && other.children.length === 0) return this;
    if (this.members.length === 0 && this.children.length === 0) return other;
    const members = mergeElements(this.members, other.members, true, true, true);
    const children: SetNode[] = [];
    zipChildren(this.children, other.children, (pe, a, b) => {
      children.push({ pe, set: a && b ? a.union(b) : (a ?? b)! });
    });
    return new FieldSet(members, children);
  }

  /** The paths in both sets. */
  intersection(other: FieldSet): FieldSet {
    if (this.members.length === 0 && this.children.length === 0) return this;
    if (other.members.length === 0 && other.children.length === 0) return other;
    const members = mergeElements(this.members, other.members, false, false, true);
    const children: SetNode[] = [];
    zipChildren(this.children, other.children, (pe, a, b) => {
      if (!a || !b) return;
      const set = a.intersection(b);
      if (!set.empty()) children.push({ pe, set });
    });
    return new FieldSet(members, children);
  }

  /** The paths of this set that are not in the other. */
  difference(other: FieldSet): FieldSet {
    if (other.members.length === 0 && other.children.length === 0) return this;
    if (this.members.length === 0 && this.children.length === 0) return this;
    const members = mergeElements(this.members, other.members, true, false, false);
    const children: SetNode[] = [];
    zipChildren(this.children, other.children, (pe, a, b) => {
      if (!a) return;
      const set = b ? a.difference(b) : a;
      if (!set.empty()) children.push({ pe, set });
    });
    return new FieldSet(members, children);
  }

  /** Whether every path of this set is in the other (`difference(other).empty()`, built not). */
  isSubsetOf(other: FieldSet): boolean {
    if (this === other) return true;
    let j = 0;
    for (const pe of this.members) {
      while (j < other.members.length && comparePathElements(other.members[j], pe) < 0) j++;
      if (j >= other.members.length || comparePathElements(other.members[j], pe) !== 0) {
        return false;
      }
    }
    for (const child of this.children) {
      const below = other.withPrefix(child.pe);
      if (below ? !child.set.isSubsetOf(below) : !child.set.empty()) return false;
    }
    return true;
  }

  /** Whether the sets share a path (`!intersection(other).empty()`, built not). */
  intersects(other: FieldSet): boolean {
    // Symmetric: the smaller level is walked and looked up in the larger (a write's few changed
    // paths against a manager's whole set).
    if (
      this.members.length + this.children.length > other.members.length + other.children.length
    ) return other.intersects(this);
    for (const member of this.members) if (searchElements(other.members, member) >= 0) return true;
    for (const child of this.children) {
      const below = other.withPrefix(child.pe);
      if (below && child.set.intersects(below)) return true;
    }
    return false;
  }

  /** Whether both sets hold the same paths. */
  equals(other: FieldSet): boolean {
    return this.difference(other).empty() && other.difference(this).empty();
  }
}

function search(nodes: readonly SetNode[], pe: PathElement): number {
  let lo = 0, hi = nodes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = comparePathElements(nodes[mid].pe, pe);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}

function searchElements(list: readonly PathElement[], pe: PathElement): number {
  let lo = 0, hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = comparePathElements(list[mid], pe);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}

/** Inserts an element into a sorted list unless present. */
export function insertSorted(list: PathElement[], pe: PathElement): void {
  const n = list.length;
  // Elements mostly arrive in order: append without a search.
  if (n === 0 || comparePathElements(list[n - 1], pe) < 0) {
    list.push(pe);
    return;
  }
  const i = searchElements(list, pe);
  if (i < 0) insertAt(list, -i - 1, pe);
}

// `list.splice(at, 0, item)` without splice: a set level holds a few elements, and sets are
// built on every write (a comparison's added, modified and removed paths), where JavaScriptCore's
// generic splice cost more than the whole search.
function insertAt<T>(list: T[], at: number, item: T): void {
  let i = list.length;
  list.push(item);
  for (; i > at; i--) list[i] = list[i - 1];
  list[at] = item;
}

// A merge of sorted lists keeping elements only in a, only in b, or in both.
function mergeElements(
  a: readonly PathElement[],
  b: readonly PathElement[],
  onlyA: boolean,
  onlyB: boolean,
  both: boolean,
): PathElement[] {
  const out: PathElement[] = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    const c = comparePathElements(a[i], b[j]);
    if (c < 0) {
      if (onlyA) out.push(a[i]);
      i++;
    } else if (c > 0) {
      if (onlyB) out.push(b[j]);
      j++;
    } else {
      if (both) out.push(a[i]);
      i++, j++;
    }
  }
  if (onlyA) { while (i < a.length) out.push(a[i++]); }
  if (onlyB) { while (j < b.length) out.push(b[j++]); }
  return out;
}

function zipChildren(
  a: readonly SetNode[],
  b: readonly SetNode[],
  visit: (pe: PathElement, a: FieldSet | undefined, b: FieldSet | undefined) => void,
): void {
  let i = 0, j = 0;
  while (i < a.length || j < b.length) {
    const c = i >= a.length ? 1 : j >= b.length ? -1 : comparePathElements(a[i].pe, b[j].pe);
    if (c < 0) visit(a[i].pe, a[i++].set, undefined);
    else if (c > 0) visit(b[j].pe, undefined, b[j++].set);
    else visit(a[i].pe, a[i++].set, b[j++].set);
  }
}
