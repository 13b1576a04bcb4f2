// The request-target as Go's net/http reads it for kube-apiserver: raw paths (no `..` resolved),
// a 400 for malformed percent-escapes, and queries parsed the way `url.ParseQuery` parses them.

// A `%` not followed by two hex digits: url.ParseRequestURI fails on it in the path.
const MALFORMED_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
// A `.` or `..` segment, also percent-encoded (Go decodes `%2e` to `.` before routing).
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?=\/|$)/i;

/** The path of a request-target (`/api/v1/pods?watch=1` → `/api/v1/pods`). */
export function pathOfTarget(target: string): string {
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

/** The raw path of a URL, percent-escapes as sent. */
export function pathOfUrl(url: string): string {
  const start = url.indexOf("/", url.indexOf("://") + 3);
  return start === -1 ? "/" : pathOfTarget(url.slice(start));
}

/** Whether a raw path has an invalid percent-escape (`%ZZ`, a lone `%`). */
export function hasMalformedEscape(path: string): boolean {
  return path.includes("%") && MALFORMED_ESCAPE.test(path);
}

/** Whether a raw path has a `.` or `..` segment, which URL parsing would have resolved away. */
export function hasDotSegment(path: string): boolean {
  return path.includes(".") || path.includes("%") ? DOT_SEGMENT.test(path) : false;
}

/**
 * Go's answer to a request line it cannot parse (net/http `conn.serve`): written before any
 * handler, so a plain-text 400, not a Kubernetes Status. Go also closes the connection.
 */
export function badRequestLine(): Response {
  return new Response("400 Bad Request", {
    status: 400,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

const utf8 = new TextDecoder();

/**
 * Decodes every percent-escape of a path, as Go fills `URL.Path` (`%2F` becomes `/`). Bytes that
 * are not UTF-8 (`%ff`) become U+FFFD instead of failing: Go keeps them as bytes, which a name
 * never matches either. Escapes must already be known well-formed.
 */
export function decodePath(path: string): string {
  if (!path.includes("%")) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    const bytes: number[] = [];
    for (let i = 0; i < path.length; i++) {
      if (path[i] === "%") {
        bytes.push(parseInt(path.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        for (const byte of new TextEncoder().encode(path[i])) bytes.push(byte);
      }
    }
    return utf8.decode(new Uint8Array(bytes));
  }
}

/**
 * The query of a URL as Go's `URL.Query()` reads it for kube-apiserver's handlers: pairs split on
 * `&`, a pair containing `;` or a malformed escape dropped (not an error), `+` a space.
 */
export function queryOfUrl(url: string): URLSearchParams {
  const start = url.indexOf("?");
  if (start === -1) return new URLSearchParams();
  const hash = url.indexOf("#", start);
  const query = url.slice(start + 1, hash === -1 ? undefined : hash);
  // What URLSearchParams reads exactly as Go does: most queries, on the hot path.
  if (!query.includes(";") && !hasMalformedEscape(query)) return new URLSearchParams(query);
  const params = new URLSearchParams();
  for (const pair of query.split("&")) {
    if (pair === "" || pair.includes(";") || hasMalformedEscape(pair)) continue;
    const equals = pair.indexOf("=");
    const key = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? "" : pair.slice(equals + 1);
    params.append(unescapeQuery(key), unescapeQuery(value));
  }
  return params;
}

function unescapeQuery(text: string): string {
  return decodePath(text.replaceAll("+", " "));
}
