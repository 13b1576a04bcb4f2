// FieldSet's non-building predicates answer as the set algebra they stand for, on many random sets.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  fieldElement,
  FieldSet,
  keyElement,
  type PathElement,
} from "../../../src/api/apply/mod.ts";
import { comparePathElements } from "../../../src/api/apply/path_element.ts";

// A small deterministic generator (mulberry32): the same sets on every run and runtime.
function generator(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ELEMENTS: PathElement[] = [
  fieldElement("a"),
  fieldElement("b"),
  fieldElement("spec"),
  keyElement([["name", "web"]]),
  keyElement([["name", "db"]]),
];

function randomSet(random: () => number): FieldSet {
  const set = new FieldSet();
  const paths = Math.floor(random() * 6);
  for (let p = 0; p < paths; p++) {
    const depth = 1 + Math.floor(random() * 3);
    const path = Array.from(
      { length: depth },
      () => ELEMENTS[Math.floor(random() * ELEMENTS.length)],
    );
    set.insert(path);
  }
  // Now and then an empty child set, which neither predicate may count as a path.
  if (random() < 0.2) set.descend(ELEMENTS[Math.floor(random() * ELEMENTS.length)]);
  return set;
}

test("isSubsetOf and intersects agree with difference and intersection", () => {
  const random = generator(16);
  for (let i = 0; i < 3000; i++) {
    const a = randomSet(random), b = randomSet(random);
    assert.equal(a.isSubsetOf(b), a.difference(b).empty(), `subset #${i}`);
    assert.equal(a.intersects(b), !a.intersection(b).empty(), `intersects #${i}`);
    assert.equal(a.isSubsetOf(a), true);
  }
});

test("insert keeps every level sorted and free of duplicates, whatever the order paths come in", () => {
  const random = generator(7);
  const sorted = (list: readonly PathElement[]) =>
    list.every((pe, i) => i === 0 || comparePathElements(list[i - 1], pe) < 0);
  const check = (set: FieldSet): void => {
    assert.ok(sorted(set.members), set.members.map((pe) => pe.s).join(" "));
    assert.ok(sorted(set.children.map((c) => c.pe)), set.children.map((c) => c.pe.s).join(" "));
    for (const child of set.children) check(child.set);
  };
  for (let i = 0; i < 500; i++) {
    const set = randomSet(random);
    check(set);
    // Every path inserted is a member, and inserting it again changes nothing.
    for (const path of set.paths()) {
      assert.ok(set.has(path));
      const before = JSON.stringify(set);
      set.insert(path);
      assert.equal(JSON.stringify(set), before);
    }
  }
});
