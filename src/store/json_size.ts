// The length of a stored object's JSON, measured without writing it out, each shared part once:
// a controller's pods hold their template's parts frozen and shared (sibling_sharing.ts).

// Sizes of frozen parts, for every cluster: they never change, and thousands of pods share each.
// Keyed by the part alone, so the table holds as many entries as there are shared parts alive;
// small parts are measured again rather than kept (a restored object is frozen all through, and
// an entry per condition of each would cost more than walking them).
const frozenSizes = new WeakMap<object, number>();
const KEPT_SIZE = 256;

/**
 * `JSON.stringify(value).length` for JSON data (no `toJSON`, no cycles), with each frozen part
 * measured once: a controller's thousandth pod from a template costs its own parts only. The
 * same value always measures the same (a frozen part never changes), so a size can be measured
 * again rather than kept.
 */
export function jsonSize(value: unknown): number {
  switch (typeof value) {
    case "string":
      return stringSize(value);
    case "number":
      return Number.isFinite(value) ? String(value).length : 4; // NaN and Infinity are null
    case "boolean":
      return value ? 4 : 5;
    case "object":
      return value === null ? 4 : containerSize(value);
    default:
      return 4; // an array's undefined or function member is written as null
  }
}

// What JSON writes as more than itself: quotes, backslashes, control and surrogate characters
// (a paired surrogate is written as is, a lone one escaped: JSON.stringify tells).
// deno-lint-ignore no-control-regex
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

// A string's JSON length; most strings need no escape, so nothing is written out for them.
function stringSize(text: string): number {
  return ESCAPED.test(text) ? JSON.stringify(text).length : text.length + 2;
}

function containerSize(value: object): number {
  const frozen = Object.isFrozen(value);
  if (frozen) {
    const known = frozenSizes.get(value);
    if (known !== undefined) return known;
  }
  let size: number;
  if (Array.isArray(value)) {
    size = value.length > 0 ? value.length + 1 : 2; // brackets and commas
    for (let i = 0; i < value.length; i++) size += jsonSize(value[i]);
  } else {
    size = 1; // the opening brace; each member adds its comma or the closing brace
    let members = 0;
    for (const key in value) {
      const member = (value as Record<string, unknown>)[key];
      // JSON.stringify leaves out what JSON cannot hold.
      const kind = typeof member;
      if (kind === "undefined" || kind === "function" || kind === "symbol") continue;
      size += stringSize(key) + 2 + jsonSize(member);
      members++;
    }
    if (members === 0) size = 2;
  }
  if (frozen && size >= KEPT_SIZE) frozenSizes.set(value, size);
  return size;
}

/**
 * `jsonSize(next) - jsonSize(previous)`, walking only where they differ: an update made by
 * spreading the version before (`{ ...pod, status }`) shares its other members, which cost
 * nothing here (a pod's spec is most of its measure).
 */
export function jsonSizeChange(next: unknown, previous: unknown): number {
  if (next === previous) return 0;
  if (
    typeof next !== "object" || next === null || Array.isArray(next) ||
    typeof previous !== "object" || previous === null || Array.isArray(previous)
  ) {
    return jsonSize(next) - jsonSize(previous);
  }
  const after = next as Record<string, unknown>;
  const before = previous as Record<string, unknown>;
  let change = 0;
  let membersAfter = 0;
  let membersBefore = 0;
  for (const key in after) {
    const member = after[key];
    if (!isWritten(member)) continue;
    membersAfter++;
    const old = before[key];
    change += isWritten(old) && Object.hasOwn(before, key)
      ? jsonSizeChange(member, old)
      : stringSize(key) + 2 + jsonSize(member);
  }
  for (const key in before) {
    const member = before[key];
    if (!isWritten(member)) continue;
    membersBefore++;
    if (!isWritten(after[key]) || !Object.hasOwn(after, key)) {
      change -= stringSize(key) + 2 + jsonSize(member);
    }
  }
  // An object's braces: 1 with members (each adds its comma or the closing brace), 2 without.
  return change + (membersAfter > 0 ? 1 : 2) - (membersBefore > 0 ? 1 : 2);
}

// Whether JSON.stringify writes an object's member (it leaves out what JSON cannot hold).
function isWritten(member: unknown): boolean {
  const kind = typeof member;
  return kind !== "undefined" && kind !== "function" && kind !== "symbol";
}
