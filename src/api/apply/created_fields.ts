// A create's managedFields in one walk: the FieldsV1 object straight from the new object and its schema.
//
// `FieldManager.Update` on a create compares the kind's zero object against the new one, gives the
// writer everything added, strips server-set metadata and encodes the set. For an object that
// carries no managedFields of its own the outcome is known without building sets: every key and
// list item of the new object is a member, the zero object's structs (and present null slices) are
// not, its scalars only where the new value differs, and the stripped fields lose their member mark. This walk writes that encoding directly (keys in
// upstream's element order, `.` first), byte for byte what `managedFieldsAfterUpdate` writes, and
// returns undefined for the rare shapes it leaves to it. The walk writes the set's Go JSON text
// (what the stored object's JSON carries) rather than building it key by key: the object is
// parsed from that text, or is the one a create of the same shape made already (sets never
// change once written, so creates of alike objects share one).

import { flatText } from "../../encoding/mod.ts";
import type { FieldSet } from "./field_set.ts";
import { fieldsKeyJson, ownFieldsV1Text } from "./managed_fields_json.ts";
import { isMap, type JsonMap, listItemElement } from "./list_items.ts";
import {
  comparePathElements,
  compareStrings,
  equalValues,
  fieldElement,
  type Json,
  type PathElement,
} from "./path_element.ts";
import { STRIPPED_META, STRIPPED_TOP } from "./strip_meta.ts";
import type { MapAtom, TypeRef } from "./types.ts";

type FieldsObject = { [key: string]: Json };

/**
 * The FieldsV1 object a create of `next` over the kind's `zero` object records for its writer
 * (null: the writer owns nothing), or undefined when the object's shape needs the full field
 * manager (managedFields sent, ignored fields below the top level, a zero field whose kind the
 * new value does not share).
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
  const out = filledLevel(atom, zero, next, [], STRIPPED_TOP, ignored);
  if (out === FALLBACK) return undefined;
  return out === undefined ? null : fieldsOfText(out);
}

// Sets by their text, made by recent creates: a controller's pods, a client's repeated manifest.
// Bounded in count and in the size of each text (a client's huge object is never kept beyond
// its own life); started over when full.
const byText = new Map<string, FieldsObject>();
const KEPT_SETS = 256;
const KEPT_SET_CHARS = 16 * 1024;

function fieldsOfText(text: string): FieldsObject {
  let fields = byText.get(text);
  if (fields === undefined) {
    fields = JSON.parse(text) as FieldsObject;
    ownFieldsV1Text(fields, text);
    if (text.length <= KEPT_SET_CHARS) {
      if (byText.size >= KEPT_SETS) byText.clear();
      byText.set(text, fields);
    }
  }
  return fields;
}

// Marks a shape the one walk leaves to the full field manager.
const FALLBACK = Symbol("fallback");

// A struct the zero object has, filled by the new object (compare's walk where both sides exist,
// encoded): the struct is no member of its own; a key the zero object lacks is added whole (a
// member unless `stripped`); a key it has is filled in turn when both are granular, else a member
// when its value differs. Keys of the zero object the new one lacks are removals, which a fresh
// writer's set does not show.
function filledLevel(
  atom: MapAtom,
  zero: JsonMap,
  value: JsonMap,
  path: PathElement[],
  stripped: ReadonlySet<string> | undefined,
  ignored?: FieldSet,
): string | undefined | typeof FALLBACK {
  const found = sortedKeys(atom, value);
  const level = Array.isArray(found) ? undefined : found as SortedLevel;
  const keys = level === undefined ? found as readonly string[] : level.sorted;
  const pieces: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const child = value[key];
    if (child === undefined) continue;
    const field = level === undefined ? fieldKey(key) : (level.fields[i] ??= fieldKey(key));
    const pe = field.pe;
    if (ignored?.hasMember(pe)) continue;
    const member = !stripped?.has(key);
    const type = level === undefined
      ? atom.field(key) ?? atom.element
      : (level.types[i] ??= atom.field(key) ?? atom.element);
    path.push(pe);
    let below: string | undefined | typeof FALLBACK;
    let owned = false;
    if (!Object.hasOwn(zero, key)) {
      below = wholeLevel(type, child, path, member);
      owned = member;
    } else {
      const before = zero[key];
      const childAtom = type.atom(child);
      if (childAtom.kind === "scalar" || childAtom.atomic || (isEmpty(before) && isEmpty(child))) {
        // A leaf (empty or null on both sides counts as one, keeping the distinction).
        owned = member && !equalValues(before, child);
      } else if (before === null) {
        // Present but null on the zero side (a slice, a map): its items are all added.
        below = wholeLevel(type, child, path, false);
      } else if (childAtom.kind === "map" && isMap(before) && isMap(child)) {
        below = filledLevel(
          childAtom,
          before,
          child,
          path,
          key === "metadata" && !stripped ? undefined : stripFor(key, stripped),
        );
      } else {
        below = FALLBACK;
      }
    }
    path.pop();
    if (below === FALLBACK) return FALLBACK;
    if (below === undefined && !owned) continue;
    pieces.push(field.text, below ?? EMPTY);
  }
  return pieces.length === 0 ? undefined : levelText(filledTexts, atom, "{", pieces);
}

// A field's path element and its FieldsV1 key's text, found in one lookup (both are asked of
// every key the walk meets). Names are few (struct fields, labels): bounded, started over when full.
interface FieldKey {
  readonly pe: PathElement;
  readonly text: string;
}
const fieldKeys = new Map<string, FieldKey>();
const KEPT_FIELD_KEYS = 4096;

function fieldKey(name: string): FieldKey {
  let field = fieldKeys.get(name);
  if (field === undefined) {
    const pe = fieldElement(name);
    field = { pe, text: fieldsKeyJson(pe.s) };
    if (fieldKeys.size >= KEPT_FIELD_KEYS) fieldKeys.clear();
    fieldKeys.set(name, field);
  }
  return field;
}

// The last key list met per map type and its sorted copy: objects of one kind carry the same
// keys in the same order (Go's field order), so a level sorts once and then compares its keys
// one by one with the last ones (identical strings: property names are interned). Each sorted
// key's FieldsV1 key and type are kept beside it once asked: two Map look-ups per key, asked of
// every key of every create, otherwise.
interface SortedLevel {
  readonly keys: readonly string[];
  readonly sorted: readonly string[];
  readonly fields: FieldKey[];
  readonly types: TypeRef[];
}
const lastKeys = new WeakMap<MapAtom, SortedLevel>();

// A map's keys in Go's byte order: a map of fewer than two keys its own keys, any other the
// level kept for its type (new when its keys are not the last ones).
function sortedKeys(atom: MapAtom, value: JsonMap): readonly string[] | SortedLevel {
  const keys = Object.keys(value);
  if (keys.length < 2) return keys;
  const last = lastKeys.get(atom);
  if (last !== undefined && sameStrings(last.keys, keys)) return last;
  const sorted = keys.slice();
  sortKeys(sorted);
  const level = { keys, sorted, fields: [], types: [] };
  lastKeys.set(atom, level);
  return level;
}

// Two lists of the same strings in the same order.
function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// Keys in Go's byte order. A struct's few keys by insertion, the comparison inlined: the sort
// with a comparator crossed into JavaScript per comparison, a sixth of this walk's time.
function sortKeys(keys: string[]): void {
  if (keys.length > 32) {
    keys.sort(compareStrings);
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i;
    while (j > 0 && compareStrings(keys[j - 1], key) > 0) {
      keys[j] = keys[j - 1];
      j--;
    }
    keys[j] = key;
  }
}

// Below the top level, metadata's server-set fields are stripped; nothing else is.
function stripFor(
  key: string,
  stripped: ReadonlySet<string> | undefined,
): ReadonlySet<string> | undefined {
  return stripped === STRIPPED_TOP && key === "metadata" ? STRIPPED_META : undefined;
}

function isEmpty(value: Json | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (!isMap(value)) return false;
  // No key array per question (asked of most struct fields): JSON data has own keys only.
  for (const _ in value) return false;
  return true;
}

// The FieldsV1 level below a value on the new side only (compare's wholeSet, encoded): undefined
// when nothing is below it; `member` puts the `.` of a member that has children first.
function wholeLevel(
  type: TypeRef,
  value: Json,
  path: PathElement[],
  member: boolean,
): string | undefined {
  const atom = type.atom(value);
  if (atom.kind === "scalar" || atom.atomic) return undefined;
  if (atom.kind === "list") {
    if (!Array.isArray(value) || value.length === 0) return undefined;
    const head = member ? MEMBER_HEAD : "{";
    if (value.length === 1) {
      // The usual list (one container, one port): no duplicates to find, nothing to sort.
      const pe = listItemElement(atom, value[0], path);
      path.push(pe);
      const below = wholeLevel(atom.element, value[0], path, true) ?? EMPTY;
      path.pop();
      return levelText(wholeTexts, atom, head, [fieldsKeyJson(pe.s), below]);
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
    const pieces: string[] = [];
    for (const { pe, item, twice } of sorted) {
      path.push(pe);
      const below = twice ? undefined : wholeLevel(atom.element, item, path, true);
      path.pop();
      pieces.push(fieldsKeyJson(pe.s), below ?? EMPTY);
    }
    return levelText(wholeTexts, atom, head, pieces);
  }
  if (!isMap(value)) return undefined;
  const found = sortedKeys(atom, value);
  const level = Array.isArray(found) ? undefined : found as SortedLevel;
  const keys = level === undefined ? found as readonly string[] : level.sorted;
  if (keys.length === 0) return undefined;
  const pieces: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const field = level === undefined ? fieldKey(key) : (level.fields[i] ??= fieldKey(key));
    path.push(field.pe);
    const type = level === undefined
      ? atom.field(key) ?? atom.element
      : (level.types[i] ??= atom.field(key) ?? atom.element);
    const below = wholeLevel(type, value[key], path, true);
    path.pop();
    pieces.push(field.text, below ?? EMPTY);
  }
  return levelText(wholeTexts, atom, member ? MEMBER_HEAD : "{", pieces);
}

const EMPTY = "{}";
const MEMBER_HEAD = `{".":{}`;

// The last text written per level type, with the pieces it was written from: alike objects (a
// controller's pods, a client's repeated manifest) give each level the same pieces, so the level
// hands back the text it wrote, flat, instead of a new rope of them. Every level's text is then a
// kept flat string, and so is the whole set's, which `fieldsOfText` looks up: resolving a new rope
// of a Pod's ~900 characters to hash it cost more than writing it had (~2.5 µs in Bun).
interface LevelText {
  readonly head: string;
  readonly pieces: readonly string[];
  readonly text: string;
}
const filledTexts = new WeakMap<object, LevelText>();
const wholeTexts = new WeakMap<object, LevelText>();

// `head` (`{` or a member's `{".":{}`), then each key text and the text below it, then `}`:
// the text kept for `owner` when its pieces are the same (compared as strings: the same key
// texts and kept level texts mostly, so mostly by identity), else written and kept.
function levelText(
  kept: WeakMap<object, LevelText>,
  owner: object,
  head: string,
  pieces: string[],
): string {
  const last = kept.get(owner);
  if (last !== undefined && last.head === head && sameStrings(last.pieces, pieces)) {
    return last.text;
  }
  let out = head;
  for (let i = 0; i < pieces.length; i += 2) {
    out += `${i === 0 && head === "{" ? "" : ","}${pieces[i]}:${pieces[i + 1]}`;
  }
  const text = flatText(`${out}}`);
  // A client's huge object is not kept beyond its own life (as `fieldsOfText` keeps no such set).
  if (text.length <= KEPT_SET_CHARS) kept.set(owner, { head, pieces, text });
  else kept.delete(owner);
  return text;
}
