// How kube-apiserver answers GET (and HEAD) /openapi/v2, /openapi/v3 and /openapi/v3/<group
// version>: kube-openapi's handlers with Go's http.ServeContent (Content-Length, Last-Modified,
// Accept-Ranges, conditional requests) and ?hash= caching. Checked against kube-apiserver v1.36.3
// with curl: a HEAD carries the headers of the GET, Content-Length included.

import { gzipBytes } from "../runtime/mod.ts";
import type { OpenApiBinaryDocument, OpenApiDocument } from "./openapi.ts";
import { goGzipHeader } from "./response_compression.ts";

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
  readonly body?: string | Uint8Array;
}

// Each shared /openapi/v2 document gzipped once, when a client first accepts gzip.
const gzipped = new WeakMap<object, Promise<Uint8Array>>();
// gziphandler's DefaultCompression (compress/gzip level 6).
const OPENAPI_GZIP_LEVEL = 6;

/**
 * gziphandler's acceptsGzip (NYTimes/gziphandler v1.1.1 parseEncodings): Accept-Encoding's
 * comma-separated codings, the coding lower-cased, name `gzip` with a q-value above 0. Its
 * quirks kept: each `;` part resets q to 1 (only a last `q=` part counts), a q that does not
 * parse drops the coding, and a later `gzip` overrides an earlier one. So unlike the API's own
 * negotiation, `GZIP` and `gzip;q=0.5` qualify; `gzip;q=0` does not.
 */
export function acceptsGzipCoding(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  let gzip = 0;
  for (const item of acceptEncoding.split(",")) {
    let coding = "";
    let q = 1;
    let failed = false;
    item.split(";").forEach((raw, n) => {
      const part = raw.trim();
      q = 1;
      if (n === 0) coding = part.toLowerCase();
      else if (part.startsWith("q=")) {
        const parsed = goParseFloat(part.slice(2));
        failed = parsed === undefined;
        q = parsed === undefined ? 0 : parsed < 0 ? 0 : parsed > 1 ? 1 : parsed;
      }
    });
    if (coding === "gzip" && !failed) gzip = q;
  }
  return gzip > 0; // NaN too is not above 0
}

// strconv.ParseFloat of a q-value (decimal, inf, nan; hex floats left out), undefined when it fails.
function goParseFloat(text: string): number | undefined {
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) {
    const value = Number(text);
    return Number.isFinite(value) ? value : undefined; // out of range: an error in Go
  }
  if (/^[+-]?(?:inf|infinity)$/i.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  return /^[+-]?nan$/i.test(text) ? NaN : undefined;
}

/**
 * A 200 answer of `/openapi/v2` for a client that accepts gzip: the document gzipped (once per
 * shared document) with `Content-Encoding: gzip` and no Content-Length, as gziphandler (in front
 * of kube-openapi's handler) sends any body of at least 1,400 bytes; other answers as they are.
 */
export async function gzipOpenApiV2(
  answer: OpenApiAnswer,
  document: OpenApiDocument | OpenApiBinaryDocument,
): Promise<OpenApiAnswer> {
  if (answer.status !== 200 || answer.body === undefined) return answer;
  let body = gzipped.get(document);
  if (body === undefined) {
    const bytes = typeof document.body === "string" ? UTF8.encode(document.body) : document.body;
    body = gzipBytes(bytes, OPENAPI_GZIP_LEVEL).then(goGzipHeader);
    gzipped.set(document, body);
    body.catch(() => gzipped.delete(document)); // tried again by the next request
  }
  const headers: Record<string, string> = { ...answer.headers, "Content-Encoding": "gzip" };
  delete headers["Content-Length"];
  return { status: 200, headers, body: await body };
}

// When each shared document was first served: its Last-Modified, as kube-openapi reports the
// time a group's spec last changed. Documents are shared, so this is too.
const firstServed = new WeakMap<object, Date>();
// Each shared document's length in bytes, counted once (ServeContent's Content-Length).
const lengths = new WeakMap<object, string>();
const UTF8 = new TextEncoder();

function firstServedAt(document: object, now: Date): Date {
  let modified = firstServed.get(document);
  if (!modified) {
    firstServed.set(document, modified = new Date(Math.floor(now.getTime() / 1000) * 1000));
  }
  return modified;
}

function lengthOf(document: OpenApiDocument | OpenApiBinaryDocument): string {
  let length = lengths.get(document);
  if (length === undefined) {
    const body = document.body;
    length = String((typeof body === "string" ? UTF8.encode(body) : body).byteLength);
    lengths.set(document, length);
  }
  return length;
}

/**
 * `/openapi/v2` in the negotiated form: ServeContent of the spec computed when first asked for
 * (its Last-Modified), behind kube-apiserver's compression filter (`Vary: Accept-Encoding`, which
 * Go writes on a line of its own before kube-openapi's `Vary: Accept`).
 */
export function answerOpenApiV2(
  document: OpenApiDocument | OpenApiBinaryDocument,
  contentType: string,
  request: OpenApiRequest,
  now: Date,
): OpenApiAnswer {
  const modified = firstServedAt(document, now);
  const headers: Record<string, string> = {
    "Content-Type": contentType,
    ETag: document.etag,
    Vary: "Accept-Encoding, Accept",
    "Last-Modified": modified.toUTCString(),
  };
  return serveContent(document, headers, request, modified);
}

/**
 * `/openapi/v3`, the index of group versions: ServeContent with no Content-Type (Go sniffs
 * text) and no ETag, last modified when kube-openapi merged it, which is every time it is asked.
 */
export function answerOpenApiV3Index(
  index: OpenApiDocument,
  request: OpenApiRequest,
  now: Date,
): OpenApiAnswer {
  const modified = new Date(Math.floor(now.getTime() / 1000) * 1000);
  if (notModified({ ifModifiedSince: request.ifModifiedSince }, "", modified)) {
    return { status: 304, headers: {} };
  }
  return {
    status: 200,
    headers: {
      "Accept-Ranges": "bytes",
      "Content-Length": lengthOf(index),
      "Content-Type": "text/plain; charset=utf-8",
      "Last-Modified": modified.toUTCString(),
    },
    body: index.body,
  };
}

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
  const modified = firstServedAt(document, now);
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
  return serveContent(document, headers, request, modified);
}

// ServeContent's end for a document with an ETag: 304 when the request's preconditions say the
// client has it (Go's writeNotModified: no Content-Type, and no Last-Modified beside an ETag),
// else the body with its length.
function serveContent(
  document: OpenApiDocument | OpenApiBinaryDocument,
  headers: Record<string, string>,
  request: OpenApiRequest,
  modified: Date,
): OpenApiAnswer {
  if (notModified(request, document.etag, modified)) {
    delete headers["Content-Type"];
    delete headers["Last-Modified"];
    return { status: 304, headers };
  }
  headers["Accept-Ranges"] = "bytes";
  headers["Content-Length"] = lengthOf(document);
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
