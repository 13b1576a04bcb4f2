// The `Warning` header of an answer, recorded as kube-apiserver's warning recorder records it.
//
// k8s.io/apiserver v0.36 pkg/endpoints/filters/warning.go: texts are deduplicated, each written
// as `299 - "<text>"` (apimachinery's NewWarningHeader: `"` and `\` escaped, a text with a
// control character dropped); past 4,096 runes in total every text is cut to 256 runes and the
// rest is omitted. Go adds one header field per text; here they travel as one comma-joined value
// (a Fetch `Headers` combines them anyway), which the runtime's Go-shaped head splits again.

/** Go's truncateAtTotalRunes: the runes of warning text an answer carries before truncating. */
const TOTAL_RUNES = 4 * 1024;
/** Go's truncateItemRunes: the runes kept of each text once truncating. */
const ITEM_RUNES = 256;

// unicode.IsControl: C0, DEL and C1.
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The header values (`299 - "<text>"`) Go's recorder would add for `warnings`, in order. */
export function warningValues(warnings: readonly string[]): string[] {
  const ordered: string[] = [];
  const seen = new Set<string>();
  let values: string[] = [];
  let written = 0;
  let truncating = false;
  for (const text of warnings) {
    if (text.length === 0) continue;
    if (written >= TOTAL_RUNES && truncating) break;
    if (seen.has(text)) continue;
    seen.add(text);
    ordered.push(text);
    let runes = [...text];
    if (truncating && runes.length > ITEM_RUNES) runes = runes.slice(0, ITEM_RUNES);
    if (CONTROL.test(text)) continue;
    if (written + runes.length <= TOTAL_RUNES || truncating) {
      written += runes.length;
      values.push(quoted(runes.join("")));
      continue;
    }
    // Over the limit: start again, every recorded text cut to ITEM_RUNES.
    truncating = true;
    written = 0;
    values = [];
    for (const earlier of ordered) {
      if (CONTROL.test(earlier)) continue;
      const cut = [...earlier].slice(0, ITEM_RUNES);
      written += cut.length;
      values.push(quoted(cut.join("")));
    }
  }
  return values;
}

/** The `Warning` header value of an answer (its values comma-joined), or undefined for none. */
export function warningHeader(warnings: readonly string[]): string | undefined {
  if (warnings.length === 0) return undefined;
  const values = warningValues(warnings);
  return values.length === 0 ? undefined : values.join(", ");
}

// NewWarningHeader(299, "", text): the agent is "-", the text a quoted-string.
function quoted(text: string): string {
  return `299 - "${latin1Bytes(text.replace(/(["\\])/g, "\\$1"))}"`;
}

const encoder = new TextEncoder();

// Go writes a header's UTF-8 bytes as they are. A Fetch header value is a byte string (each
// character at most U+00FF, else the Response cannot be made: `unknown field "\ufffd"` was a
// 500), so a text with a character past U+00FF travels as its UTF-8 bytes, one character each,
// which the HTTP/2 server writes as they are. A text within Latin-1 stays as it is: Bun's
// HTTP/1.1 server encodes header values as UTF-8 itself (and would encode the bytes again).
function latin1Bytes(text: string): string {
  // deno-lint-ignore no-control-regex
  if (/^[\u0000-\u00ff]*$/.test(text)) return text;
  let bytes = "";
  for (const byte of encoder.encode(text)) bytes += String.fromCharCode(byte);
  return bytes;
}
