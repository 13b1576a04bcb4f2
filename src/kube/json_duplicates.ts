// Keys given twice in one JSON object of a request body, as kube-apiserver's strict decoding
// (sigs.k8s.io/json, DisallowDuplicateFields) reports them: `duplicate field "metadata.name"`.
//
// JSON.parse keeps the last of a key given twice, so the parsed value holds fewer keys than the
// text names exactly when a key repeats: counting both (the text with json_text_scan.ts, the
// value with plain_json_yaml.ts's walk) is the cheap check every body pays; only a body that
// fails it is scanned again for the paths.

import { jsonKeyCount } from "./plain_json_yaml.ts";
import { scanJsonText, skipSpace, stringEnd } from "./json_text_scan.ts";

/** The duplicate keys of a body, and where each key path first appears (to order other errors). */
export interface JsonDuplicates {
  /** Paths as sigs.k8s.io/json writes them (`spec.containers[0].image`), in document order. */
  readonly paths: readonly string[];
  /** The offset of each duplicate's second occurrence, as `paths`. */
  readonly offsets: readonly number[];
  /** The offset of each key path's first occurrence in the text. */
  readonly firstOffsets: ReadonlyMap<string, number>;
}

// sigs.k8s.io/json saveStrictError: at most 100 strict errors are kept.
const MAX_ERRORS = 100;

/**
 * The duplicate keys of `text`, whose JSON.parse result is `value`; undefined when none. `keys`
 * is the count of keys the text names (`scanJsonText`), when the caller scanned it already.
 */
export function jsonDuplicates(
  text: string,
  value: unknown,
  keys = scanJsonText(text).keys,
): JsonDuplicates | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  if (keys === jsonKeyCount(value)) return undefined;
  const found = { paths: [] as string[], offsets: [] as number[], firstOffsets: new Map() };
  scanValue(text, skipSpace(text, 0), "", found);
  return found.paths.length > 0 ? found : undefined;
}

interface Found {
  paths: string[];
  offsets: number[];
  firstOffsets: Map<string, number>;
}

// Scans the (valid) JSON value at `i`; returns the index after it. Nesting is bounded before
// JSON.parse runs (nesting_depth.ts), so the recursion is too.
function scanValue(text: string, i: number, path: string, found: Found): number {
  const code = text.charCodeAt(i);
  if (code === 0x7b) return scanObject(text, i, path, found);
  if (code === 0x5b) {
    i = skipSpace(text, i + 1);
    for (let index = 0; text.charCodeAt(i) !== 0x5d; index++) {
      i = skipSpace(text, scanValue(text, i, `${path}[${index}]`, found));
      if (text.charCodeAt(i) === 0x2c) i = skipSpace(text, i + 1);
    }
    return i + 1;
  }
  if (code === 0x22) return stringEnd(text, i) + 1;
  while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
  return i;
}

function scanObject(text: string, i: number, path: string, found: Found): number {
  const seen = new Set<string>();
  i = skipSpace(text, i + 1);
  while (text.charCodeAt(i) !== 0x7d) {
    const end = stringEnd(text, i);
    const raw = text.slice(i + 1, end);
    const key: string = raw.includes("\\") ? JSON.parse(`"${raw}"`) : raw;
    // newFieldError: the enclosing path, a dot, the key (no dot at the top level).
    const keyPath = path === "" ? key : `${path}.${key}`;
    if (!seen.has(key)) {
      seen.add(key);
      if (!found.firstOffsets.has(keyPath)) found.firstOffsets.set(keyPath, i);
    } else if (!found.paths.includes(keyPath) && found.paths.length < MAX_ERRORS) {
      found.paths.push(keyPath);
      found.offsets.push(i);
    }
    i = skipSpace(text, skipSpace(text, end + 1) + 1); // past the colon
    i = skipSpace(text, scanValue(text, i, keyPath, found));
    if (text.charCodeAt(i) === 0x2c) i = skipSpace(text, i + 1);
  }
  return i + 1;
}

// What each decoded body repeated, until its object is decoded (decode_checks.ts).
const bodies = new WeakMap<object, JsonDuplicates>();

/** Records the duplicates found in `body`'s text. */
export function recordDuplicates(body: object, duplicates: JsonDuplicates): void {
  bodies.set(body, duplicates);
}

/** The duplicates recorded for `body` (or for the body it was copied from, `carryDuplicates`). */
export function duplicatesOf(body: object): JsonDuplicates | undefined {
  return bodies.get(body);
}

/** Records `from`'s duplicates, if any, for its copy `to`. */
export function carryDuplicates(from: object, to: object): void {
  const duplicates = bodies.get(from);
  if (duplicates) bodies.set(to, duplicates);
}
