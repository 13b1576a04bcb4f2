// Go-compatible rendering of apimachinery field errors, so messages match kube-apiserver byte for byte.

import { goQuote } from "../encoding/mod.ts";

/** Go's `%q` of a string (`strconv.Quote`), as selector messages print values. */
export { goQuote };

/** `field.Invalid(path, value, detail).Error()`: strings are `%q`-quoted, anything else JSON. */
export function invalidValue(path: string, value: unknown, detail: string): string {
  const shown = typeof value === "string" ? goQuote(value) : JSON.stringify(value ?? null);
  return `${path}: Invalid value: ${shown}: ${detail}`;
}

/** `ErrorList.ToAggregate().Error()`: duplicates dropped, one message bare, several in brackets. */
export function aggregate(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(", ")}]`;
}
