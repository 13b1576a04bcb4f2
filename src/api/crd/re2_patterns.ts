// Regular expressions compiled once with RE2 semantics (linear time), as Go's regexp runs them upstream.
//
// Schema `pattern`s and CEL `matches()` come from whoever writes a CRD and run on whatever a
// client sends: a backtracking engine (JavaScript's RegExp) could be made to spin for minutes by
// one request. @bufbuild/re2 (RE2, as @bufbuild/cel uses) cannot; compiling is the costly part,
// so patterns are cached (bounded), shared by every schema and rule that names them.

import { RE2JS } from "@bufbuild/re2";

const LIMIT = 2048;
const cache = new Map<string, RE2JS | Error>();

/** The compiled pattern, or the reason it does not compile. */
export function compileRe2(pattern: string): RE2JS | Error {
  let compiled = cache.get(pattern);
  if (compiled) return compiled;
  try {
    compiled = RE2JS.compile(pattern);
  } catch (error) {
    compiled = error instanceof Error ? error : new Error(String(error));
  }
  if (cache.size >= LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(pattern, compiled);
  return compiled;
}

/** @bufbuild/cel's regex engine option, backed by the cache (CEL `matches()` finds anywhere). */
export const CACHED_RE2 = {
  compile(pattern: string): { test(text: string): boolean } {
    const compiled = compileRe2(pattern);
    if (compiled instanceof Error) throw compiled;
    return compiled;
  },
};
