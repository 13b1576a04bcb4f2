// The nesting limit of decoded bodies: kube-apiserver's JSON decoders refuse documents nested more
// than 10,000 levels deep, and fkas must refuse them before anything recursive (JSON.stringify,
// deep equality, patches) meets them, or they exhaust the stack.

/**
 * Go's encoding/json scanner (`maxNestingDepth`, also in sigs.k8s.io/json) fails with "exceeded
 * max depth" once arrays and objects nest deeper than this; every body kube-apiserver decodes
 * passes through it.
 */
export const KUBE_MAX_NESTING_DEPTH = 10_000;

/**
 * The depth fkas accepts, below kube-apiserver's: recursive code (deep equality, patches,
 * structuredClone) runs out of Deno's stack between 3,000 and 5,000 levels, and Kubernetes objects
 * nest a few dozen levels at most. Deeper bodies get kube-apiserver's "exceeded max depth" answer.
 */
export const MAX_NESTING_DEPTH = 2_000;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether JSON text nests arrays and objects deeper than `limit`, found in one pass over its bytes
 * without recursion (brackets inside strings do not count). Invalid JSON is the parser's to judge.
 */
export function jsonNestsDeeper(bytes: Uint8Array, limit = MAX_NESTING_DEPTH): boolean {
  // Nesting deeper than `limit` takes more than `limit` bytes: most bodies need no scan.
  if (bytes.length <= limit) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
  }
  return false;
}

/**
 * Whether a decoded value (from YAML, protobuf or a patch) nests arrays and objects deeper than
 * `limit`, counted as the JSON scanner would count its encoding; iterative, so any depth is safe.
 */
export function valueNestsDeeper(value: unknown, limit = MAX_NESTING_DEPTH): boolean {
  if (typeof value !== "object" || value === null) return false;
  const values: unknown[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const next = values.pop() as object;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    for (const child of Array.isArray(next) ? next : Object.values(next)) {
      if (typeof child === "object" && child !== null) {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
