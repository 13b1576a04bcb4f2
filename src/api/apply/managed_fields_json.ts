// Go's JSON text of an object whose managedFields this module wrote, made member by member and kept.
//
// FieldsV1 keys are JSON themselves (`k:{"name":"web"}`): every one needs escaping, which takes
// JavaScriptCore's JSON.stringify off its fast path for the whole object (a Pod with its
// managedFields costs five times what it costs without them). And Go's text (encoding/json's HTML
// escapes, its order of array-index keys) means scanning what JSON.stringify wrote. A stored
// object's parts are never changed, and a write shares what it leaves alone with the version
// before (a Node's status across label patches; its FieldsV1 sets across writes), so the text
// of large members and of FieldsV1 objects is made, checked and kept once: a write writes and
// scans only what it changed.

import {
  flatText,
  goJson as goText,
  goJsonAroundFrozen,
  goScalarJson,
  isArrayIndexKey,
} from "../../encoding/mod.ts";
import type { Json } from "./path_element.ts";

// FieldsV1 objects written by the field manager (never changed once written), and their text.
const ownFields = new WeakSet<object>();
const fieldsText = new WeakMap<object, string>();
// managedFields lists the field manager wrote, and their text.
const ownLists = new WeakSet<object>();
const listText = new WeakMap<object, string>();

/** Marks a FieldsV1 object the field manager wrote: immutable, so its text may be kept. */
export function ownFieldsV1(fields: Json): void {
  if (fields !== null && typeof fields === "object") ownFields.add(fields);
}

/** Marks a FieldsV1 object as `ownFieldsV1` does, with its Go JSON text made already. */
export function ownFieldsV1Text(fields: object, text: string): void {
  ownFields.add(fields);
  fieldsText.set(fields, text);
}

/** Marks a managedFields list the field manager wrote: immutable, so its text may be kept. */
export function ownManagedFields(entries: readonly object[]): void {
  ownLists.add(entries);
}

type Loose = { [key: string]: unknown };

/**
 * Go's JSON text of a stored object (`goJson(object, JSON.stringify(object))`, byte for byte),
 * with the text of its large members, managedFields lists and FieldsV1 sets made once each.
 */
export function objectGoJson(object: object): string {
  const meta = plain(object) ? (object as Loose).metadata : undefined;
  const entries = plain(meta) ? (meta as Loose).managedFields : undefined;
  // Objects whose managedFields no field manager wrote (a journal's, a client's own): one text,
  // nothing kept. Go's order of array-index keys is the whole object's to write.
  if (
    !Array.isArray(entries) || !ownLists.has(entries) || !structLike(object) ||
    !structLike(meta as object)
  ) return whole(object);
  return membersJson(
    object as Loose,
    "metadata",
    () => membersJson(meta as Loose, "managedFields", () => listJson(entries)),
  );
}

function whole(value: unknown): string {
  return goText(value, JSON.stringify(value));
}

// An object without its own toJSON (stored objects are JSON data): its members one by one.
function plain(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) &&
    typeof (value as Loose).toJSON !== "function";
}

// Whether no key is an array index (JavaScript lists those first, Go sorts them with the rest).
function structLike(value: object): boolean {
  for (const key in value) return !isArrayIndexKey(key);
  return true;
}

// The object's Go JSON, the member `hole` written by `text` (keys in JSON.stringify's order,
// members JSON.stringify leaves out left out).
function membersJson(
  object: Loose,
  hole: string | undefined,
  text: () => string | undefined,
): string {
  let out = "{";
  for (const key of Object.keys(object)) {
    const member = key === hole ? text() : memberJson(object[key]);
    if (member === undefined) continue;
    if (out.length > 1) out += ",";
    out += keyJson(key) + ":" + member;
  }
  return out + "}";
}

// Keys are few (struct fields, labels, data keys): their text is kept, up to a bound.
const keyText = new Map<string, string>();
const KEPT_KEYS = 4096;
const KEPT_KEY_CHARS = 512;

function keyJson(key: string): string {
  let text = keyText.get(key);
  if (text === undefined) {
    text = goScalarJson(JSON.stringify(key));
    if (keyText.size < KEPT_KEYS && key.length <= KEPT_KEY_CHARS) keyText.set(key, text);
  }
  return text;
}

// The text of large members that are objects, kept per object: small ones are cheaper to write
// again than to keep (every weak entry is work for each garbage collection). Frozen ones are
// kept whatever their size: they are the shared parts of seeded and controller-made objects (a
// Node's spec and annotations), as many as there are distinct parts, not one per write, and
// JavaScriptCore's JSON.stringify leaves its fast path on frozen objects (3-4× slower).
const memberText = new WeakMap<object, string>();
const KEPT_MEMBER_TEXT = 512;

function memberJson(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") {
    if (typeof value === "string") return stringJson(value);
    return JSON.stringify(value);
  }
  let text = memberText.get(value);
  if (text === undefined) {
    // A new Pod's spec holds the shared frozen token volume and tolerations: written around
    // them, JSON.stringify keeps its fast path (src/encoding/frozen_parts_json.ts).
    const json = goJsonAroundFrozen(value);
    if (json === undefined) return undefined;
    text = json;
    if (text.length >= KEPT_MEMBER_TEXT || Object.isFrozen(value)) {
      memberText.set(value, flatText(text));
    }
  }
  return text;
}

// Strings that neither JSON.stringify nor Go's HTML escaping changes: no control character,
// quote or backslash, none of `<>&` and U+2028/U+2029, no surrogate (a lone one is escaped).
// deno-lint-ignore no-control-regex
const PLAIN_STRING = /^[^\u0000-\u001f"\\<>&\u2028\u2029\ud800-\udfff]*$/;

// Go's JSON of a string member (names, uids, times, resourceVersions: written on every write):
// the common plain string quoted as it is, which costs less than stringifying and scanning it.
function stringJson(value: string): string {
  return PLAIN_STRING.test(value) ? `"${value}"` : goScalarJson(JSON.stringify(value));
}

function listJson(entries: readonly unknown[]): string {
  let text = listText.get(entries);
  if (text !== undefined) return text;
  text = "[";
  entries.forEach((entry, i) => {
    if (i > 0) text += ",";
    const fields = plain(entry) ? (entry as Loose).fieldsV1 : undefined;
    text += fields !== null && typeof fields === "object" && ownFields.has(fields) &&
        structLike(entry as Loose)
      ? membersJson(entry as Loose, "fieldsV1", () => fieldsJson(fields))
      : memberJson(entry) ?? "null";
  });
  // Flat: kept ropes were walked piece by piece again by every answer that holds them.
  text = flatText(text + "]");
  listText.set(entries, text);
  return text;
}

function fieldsJson(fields: object): string {
  let text = fieldsText.get(fields);
  if (text === undefined) {
    fieldsText.set(fields, text = flatText(setJson(fields) ?? whole(fields)));
  }
  return text;
}

// A FieldsV1 set's text written directly: its keys (`f:name`, `k:{"name":"web"}`) are the ones
// JSON.stringify escapes on its slow path, and its values are only sets, so writing the keys' text
// (kept) and the braces costs a fraction of stringifying and scanning the whole. Undefined for
// anything that is not such a set (a value that is no object, a list, an array-index key: a
// client's), which `whole` writes instead. No `toJSON` lookup per level: a set's members are
// objects whose keys are all FieldsV1 keys, so JSON.stringify never finds a function there.
function setJson(fields: object): string | undefined {
  let out = "{";
  for (const key in fields) {
    if (!Object.hasOwn(fields, key)) return undefined;
    const value = (fields as Loose)[key];
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    const first = key.charCodeAt(0);
    if (first >= 48 && first <= 57 && isArrayIndexKey(key)) return undefined;
    const below = setJson(value);
    if (below === undefined) return undefined;
    if (out.length > 1) out += ",";
    out += fieldsKeyJson(key) + ":" + below;
  }
  return out + "}";
}

// FieldsV1 keys' text. List keys (`k:{"uid":...}`) include values that seldom recur, so the
// table starts over when full rather than keep the first ones for good.
const setKeyText = new Map<string, string>();

/** The Go JSON text of a FieldsV1 key (`"f:name"`, `"k:{\\"name\\":\\"web\\"}"`). */
export function fieldsKeyJson(key: string): string {
  let text = setKeyText.get(key);
  if (text === undefined) {
    text = goScalarJson(JSON.stringify(key));
    // Only short keys: a list key's value is a client's, of any length.
    if (key.length <= KEPT_KEY_CHARS) {
      if (setKeyText.size >= KEPT_KEYS) setKeyText.clear();
      setKeyText.set(key, text);
    }
  }
  return text;
}
