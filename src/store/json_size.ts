// The length of a stored object's JSON, measured without writing it out again where parts are
// shared: a controller's pods hold their template's parts frozen and shared (sibling_sharing.ts).

// Sizes of frozen parts: they never change, and thousands of pods share each.
const frozenSizes = new WeakMap<object, number>();
// Below this depth parts are walked (to reach shared ones); deeper, JSON.stringify measures.
const WALKED_DEPTH = 4;

/**
 * `JSON.stringify(value).length` for JSON data (no `toJSON`, no cycles), with each frozen part
 * measured once: a controller's thousandth pod from a template costs its own parts only.
 */
export function jsonSize(value: unknown): number {
  return sizeOf(value, 0);
}

// What JSON writes as more than itself: quotes, backslashes, control and surrogate characters.
// deno-lint-ignore no-control-regex
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

// A string's JSON length; most strings need no escape, so nothing is written out for them.
function stringSize(text: string): number {
  return ESCAPED.test(text) ? JSON.stringify(text).length : text.length + 2;
}

function sizeOf(value: unknown, depth: number): number {
  if (typeof value === "string") return stringSize(value);
  if (typeof value !== "object" || value === null) {
    // An array's undefined (or function) member is written as null.
    return JSON.stringify(value)?.length ?? 4;
  }
  if (Object.isFrozen(value)) {
    let size = frozenSizes.get(value);
    if (size === undefined) frozenSizes.set(value, size = JSON.stringify(value).length);
    return size;
  }
  if (depth >= WALKED_DEPTH) return JSON.stringify(value).length;
  if (Array.isArray(value)) {
    let size = value.length > 0 ? value.length + 1 : 2; // brackets and commas
    for (const item of value) size += sizeOf(item, depth + 1);
    return size;
  }
  let size = 1; // the opening brace; each member adds its comma or the closing brace
  let members = 0;
  for (const key in value) {
    const member = (value as Record<string, unknown>)[key];
    // JSON.stringify leaves out what JSON cannot hold.
    if (member === undefined || typeof member === "function") continue;
    size += stringSize(key) + 2 + sizeOf(member, depth + 1);
    members++;
  }
  return members > 0 ? size : 2;
}
