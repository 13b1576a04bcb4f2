// Go's `strconv.Quote` (`%q`) of a string, as Kubernetes' error messages print values.

/** Go's `%q` of a string (`strconv.Quote`): JSON's escapes, with `\x` for other control bytes. */
export function goQuote(text: string): string {
  return JSON.stringify(text)
    .replace(/\\u0007/g, "\\a")
    .replace(/\\u000b/g, "\\v")
    .replace(/\\u00([0-1][0-9a-f])/g, "\\x$1")
    .replace(/\u007f/g, "\\x7f")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
