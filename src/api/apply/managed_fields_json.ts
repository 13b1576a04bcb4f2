// The JSON text of an object whose managedFields this module wrote, with their text made once.
//
// FieldsV1 keys are JSON themselves (`k:{"name":"web"}`): every one needs escaping, which takes
// JavaScriptCore's JSON.stringify off its fast path for the whole object (a Pod with its
// managedFields costs five times what it costs without them). The FieldsV1 objects of managed
// fields are immutable and shared from one version of an object to the next, so their text is
// made once; the rest of the object is stringified as JSON.stringify would, key by key.

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

/** Marks a managedFields list the field manager wrote: immutable, so its text may be kept. */
export function ownManagedFields(entries: readonly object[]): void {
  ownLists.add(entries);
}

type Loose = { [key: string]: unknown };

/**
 * `JSON.stringify(object)`, byte for byte, with the text of the managedFields the field manager
 * wrote made once per list (and once per FieldsV1 object) where their keys need escaping.
 */
export function objectWithManagedFieldsJson(object: object): string {
  const meta = (object as Loose).metadata as Loose | undefined;
  const entries = meta?.managedFields;
  if (
    !Array.isArray(entries) || entries.length === 0 || !ownLists.has(entries) ||
    !plain(object) || !plain(meta)
  ) return JSON.stringify(object);
  // Without escaped keys (no `k:` or `v:` element) the whole object stays on the fast path.
  if (!listEscapes(entries)) return JSON.stringify(object);
  return membersJson(
    object as Loose,
    "metadata",
    () => membersJson(meta!, "managedFields", () => listJson(entries)),
  );
}

// An object without its own toJSON (stored objects are JSON data): its members one by one.
function plain(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) &&
    typeof (value as Loose).toJSON !== "function";
}

// The object's JSON, the member `hole` written by `text` (keys in JSON.stringify's order, members
// JSON.stringify leaves out left out).
function membersJson(object: Loose, hole: string, text: () => string): string {
  let out = "{";
  for (const key of Object.keys(object)) {
    const member = key === hole ? text() : memberJson(object[key]);
    if (member === undefined) continue;
    if (out.length > 1) out += ",";
    out += JSON.stringify(key) + ":" + member;
  }
  return out + "}";
}

// The text of large members that are objects, kept per object: a stored object's parts are never
// changed, and a write shares what it leaves alone with the version before (a Node's status
// across label patches), so its text is made once. Small ones are cheaper to write again than to
// keep (every weak entry is work for each garbage collection).
const memberText = new WeakMap<object, string>();
const KEPT_MEMBER_TEXT = 512;

function memberJson(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  let text = memberText.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    if (text !== undefined && text.length >= KEPT_MEMBER_TEXT) memberText.set(value, text);
  }
  return text;
}

function listJson(entries: readonly unknown[]): string {
  let text = listText.get(entries);
  if (text !== undefined) return text;
  text = "[";
  entries.forEach((entry, i) => {
    if (i > 0) text += ",";
    const fields = plain(entry) ? (entry as Loose).fieldsV1 : undefined;
    text += fields !== null && typeof fields === "object" && ownFields.has(fields)
      ? membersJson(entry as Loose, "fieldsV1", () => fieldsJson(fields))
      : JSON.stringify(entry) ?? "null";
  });
  text += "]";
  if (ownLists.has(entries)) listText.set(entries, text);
  return text;
}

// Whether a list this module wrote has FieldsV1 keys JSON must escape, per list and per FieldsV1.
const escapingLists = new WeakMap<object, boolean>();
const escapingFields = new WeakMap<object, boolean>();
// Characters JSON escapes (quote, backslash, controls) and a few more to be safe.
// deno-lint-ignore no-control-regex
const ESCAPED = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

function listEscapes(entries: readonly unknown[]): boolean {
  let escapes = escapingLists.get(entries);
  if (escapes === undefined) {
    escapes = entries.some((entry) => {
      const fields = plain(entry) ? (entry as Loose).fieldsV1 : undefined;
      return fields !== null && typeof fields === "object" && ownFields.has(fields) &&
        keysEscape(fields as Loose);
    });
    escapingLists.set(entries, escapes);
  }
  return escapes;
}

// Kept per FieldsV1 object, not per level below it: a weak entry for each of a Pod's dozens of
// levels would be work for every garbage collection.
function keysEscape(fields: Loose): boolean {
  let escapes = escapingFields.get(fields);
  if (escapes === undefined) escapingFields.set(fields, escapes = levelEscapes(fields));
  return escapes;
}

function levelEscapes(fields: Loose): boolean {
  for (const key of Object.keys(fields)) {
    if (ESCAPED.test(key)) return true;
    const below = fields[key];
    if (below !== null && typeof below === "object" && levelEscapes(below as Loose)) return true;
  }
  return false;
}

function fieldsJson(fields: object): string {
  let text = fieldsText.get(fields);
  if (text === undefined) fieldsText.set(fields, text = JSON.stringify(fields));
  return text;
}
