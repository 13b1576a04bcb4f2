// Shapes an HTTP/1.1 response head as Go's net/http server writes it (server.go, chunkWriter.
// writeHeader), so that kube-apiserver's clients cannot tell fkas by its bytes: header names in
// canonical MIME case, the handler's headers sorted by name, then Date, Content-Length,
// Connection: close and Transfer-Encoding: chunked; never Connection: keep-alive or Keep-Alive.

/**
 * Go's bufferBeforeChunkingSize: a body that fits in the response's 2 KiB buffer when the handler
 * returns gets a Content-Length; kube-apiserver writes a longer one in one Write, which leaves
 * chunked.
 */
export const GO_BUFFER_BEFORE_CHUNKING = 2048;

/**
 * Go's http.StatusText where it words a status unlike Node's STATUS_CODES, which Deno's and Bun's
 * ServerResponse write (Go 1.26 net/http/status.go).
 */
export const GO_STATUS_TEXT: Readonly<Record<number, string>> = {
  413: "Request Entity Too Large",
  414: "Request URI Too Long",
  416: "Requested Range Not Satisfiable",
  418: "I'm a teapot",
};

const canonical = new Map<string, string>();

/** Go's textproto.CanonicalMIMEHeaderKey: `audit-id` → `Audit-Id`; names with other bytes stay. */
export function canonicalHeaderName(name: string): string {
  const known = canonical.get(name);
  if (known !== undefined) return known;
  let out = name;
  if (/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
    out = name.toLowerCase().replace(
      /(^|-)([a-z])/g,
      (_, dash, c: string) => dash + c.toUpperCase(),
    );
  }
  if (canonical.size < 1024) canonical.set(name, out); // names come from code, but bound it anyway
  return out;
}

let dateSecond = -1;
let dateText = "";

/** The Date value (http.TimeFormat), made once per second. */
export function httpDate(now: number): string {
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(second * 1000).toUTCString();
  }
  return dateText;
}

/** How a head's body is framed. */
export interface Framing {
  /** The body's length when known in full at the head (the adapter's own, not the handler's). */
  length?: number;
  /** False for statuses without a body (1xx, 204, 304). */
  hasBody: boolean;
  /** A HEAD request: a length is told when the handler wrote a short body, nothing is chunked. */
  head: boolean;
  /** An HTTP/1.1 request (HTTP/1.0: never chunked, and a close goes unsaid). */
  http11: boolean;
  /** The connection closes after this response. */
  closing: boolean;
}

/**
 * The header lines (flat name, value list) Go would write for `headers` (the handler's, in any
 * order and case) and `framing`; `chunked` says whether the body must be chunk-framed.
 */
export function goHeaderLines(
  headers: [string, string][],
  framing: Framing,
  now: number,
): { lines: string[]; chunked: boolean } {
  const named: [string, string][] = [];
  let explicitLength = false;
  let hasDate = false;
  for (const [name, value] of headers) {
    const key = canonicalHeaderName(name);
    if (key === "Connection" || key === "Keep-Alive" || key === "Transfer-Encoding") continue;
    if (key === "Content-Length") explicitLength = true;
    else if (key === "Date") hasDate = true;
    // kube-apiserver adds one Warning field per text; a Fetch Headers joined them with ", ".
    if (key === "Warning" && value.includes('", ')) {
      for (const one of splitWarnings(value)) named.push([key, one]);
    } else if (key === "Vary" && value.includes(",")) {
      // kube-apiserver adds each Vary on a line of its own (gziphandler's, then kube-openapi's).
      for (const one of value.split(",")) named.push([key, one.trim()]);
    } else named.push([key, value]);
  }
  // Stable: values of one name keep their order, as in Go's Header map.
  named.sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const lines: string[] = [];
  for (const [key, value] of named) lines.push(key, value);
  if (!hasDate) lines.push("Date", httpDate(now));
  let chunked = false;
  const length = framing.length;
  if (framing.hasBody && !explicitLength) {
    if (length !== undefined && length <= GO_BUFFER_BEFORE_CHUNKING) {
      if (!framing.head || length > 0) lines.push("Content-Length", String(length));
    } else chunked = !framing.head && framing.http11;
  }
  if (framing.closing && framing.http11) lines.push("Connection", "close");
  if (chunked) lines.push("Transfer-Encoding", "chunked");
  return { lines, chunked };
}

/**
 * The warn-values of a comma-joined `Warning` value (`299 - "a", 299 - "b"`), split only outside
 * quoted strings, whose `\"` and `\\` escapes are skipped.
 */
export function splitWarnings(value: string): string[] {
  const values: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      values.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  values.push(value.slice(start).trim());
  return values.filter((one) => one.length > 0);
}
