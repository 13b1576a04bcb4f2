// Go-compatible rendering of apimachinery field errors, so messages match kube-apiserver byte for byte.

/** Quotes a string as Go's `%q` does for the printable text selectors carry. */
export function goQuote(text: string): string {
  return JSON.stringify(text).replace(/\\u00([0-1][0-9a-f])/g, "\\x$1");
}

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
