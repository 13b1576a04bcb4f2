// How kube-apiserver answers GET /openapi/v3/<group version>: kube-openapi's handler3 with Go's
// http.ServeContent (Last-Modified, Accept-Ranges, conditional requests) and ?hash= caching.

import type { OpenApiDocument } from "./openapi.ts";

/** The parts of a request the answer depends on. */
export interface OpenApiRequest {
  /** The `hash` query parameter, if any. */
  readonly hash?: string;
  readonly ifNoneMatch?: string;
  readonly ifModifiedSince?: string;
}

/** Status, headers and body of the answer (no body for 301 and 304). */
export interface OpenApiAnswer {
  readonly status: 200 | 301 | 304;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

// When each shared document was first served: its Last-Modified, as kube-openapi reports the
// time a group's spec last changed. Documents are shared, so this is too.
const firstServed = new WeakMap<OpenApiDocument, Date>();

/**
 * The answer to a group version's document (`api/v1`, `apis/apps/v1`) at `now`: a stale `?hash=`
 * redirects (301) to the current one, a current one is cacheable for a year, and a matching
 * If-None-Match or If-Modified-Since is 304 Not Modified.
 */
export function answerOpenApiV3Document(
  document: OpenApiDocument,
  groupVersionPath: string,
  request: OpenApiRequest,
  now: Date,
): OpenApiAnswer {
  let modified = firstServed.get(document);
  if (!modified) {
    firstServed.set(document, modified = new Date(Math.floor(now.getTime() / 1000) * 1000));
  }
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    ETag: document.etag,
    Vary: "Accept",
  };
  if (request.hash !== undefined && request.hash !== "") {
    if (request.hash !== document.hash) {
      headers.Location = `/openapi/v3/${groupVersionPath}?hash=${document.hash}`;
      return { status: 301, headers };
    }
    headers["Cache-Control"] = "public, immutable";
    headers.Expires = goRfc1123(oneYearAfter(now));
  }
  headers["Last-Modified"] = modified.toUTCString();
  if (notModified(request, document.etag, modified)) {
    // Go's writeNotModified: no Content-Type, and no Last-Modified beside an ETag.
    delete headers["Content-Type"];
    delete headers["Last-Modified"];
    return { status: 304, headers };
  }
  headers["Accept-Ranges"] = "bytes";
  return { status: 200, headers, body: document.body };
}

// checkPreconditions of GET: If-None-Match (weak comparison, or *) wins over If-Modified-Since.
function notModified(request: OpenApiRequest, etag: string, modified: Date): boolean {
  if (request.ifNoneMatch !== undefined) {
    return request.ifNoneMatch.split(",").some((tag) => {
      const t = tag.trim();
      return t === "*" || t.replace(/^W\//, "") === etag;
    });
  }
  if (request.ifModifiedSince === undefined) return false;
  const since = Date.parse(request.ifModifiedSince);
  return !Number.isNaN(since) && modified.getTime() <= since;
}

// time.Now().AddDate(1, 0, 0): February 29th normalizes to March 1st, as Date does.
function oneYearAfter(now: Date): Date {
  const next = new Date(now.getTime());
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  return next;
}

// Go's time.RFC1123 of a UTC time names the zone "UTC" where HTTP dates say "GMT".
function goRfc1123(time: Date): string {
  return time.toUTCString().replace(/GMT$/, "UTC");
}
