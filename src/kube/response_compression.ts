// Response compression as kube-apiserver does it (k8s.io/apiserver pkg/endpoints/handlers/
// responsewriters/writers.go, v1.36.3): an API answer (object, list, Table, Status, discovery; any
// serializer, JSON, YAML or protobuf) whose body is longer than 128 KiB goes out gzipped (level 1)
// with `Content-Encoding: gzip` and `Vary: Accept-Encoding` when the client's Accept-Encoding
// names `gzip`, as every Go client's transport does by default. Shorter answers, watches and
// streamed bodies (pods/log) never are; /version and the OpenAPI documents have rules of their own.

import { gzipBytes, heldBodyOf } from "../runtime/mod.ts";

/** defaultGzipThresholdBytes: a body must be longer than this to be compressed. */
export const GZIP_THRESHOLD_BYTES = 128 * 1024;
// defaultGzipContentEncodingLevel (kubernetes/kubernetes#112296: level 1 costs least CPU).
const GZIP_LEVEL = 1;
// A string of at most this many UTF-16 units has at most 128 KiB of UTF-8.
const SURELY_SHORT = Math.floor(GZIP_THRESHOLD_BYTES / 3);
// The media types kube-apiserver's serializers answer with (SerializeObject's answers).
const SERIALIZED = /^application\/(?:json|yaml|vnd\.kubernetes\.protobuf|cbor)(?:;|$)/;
const UTF8 = new TextEncoder();

/**
 * negotiateContentEncoding: the first comma-separated token of Accept-Encoding that is exactly
 * `gzip` (trimmed) selects gzip. No q-values and no case folding: `gzip;q=0.5` and `GZIP` do not.
 */
export function negotiatesGzip(acceptEncoding: string | null): boolean {
  if (!acceptEncoding) return false;
  if (acceptEncoding === "gzip") return true; // what Go's transport sends
  if (!acceptEncoding.includes("gzip")) return false;
  return acceptEncoding.split(",").some((token) => token.trim() === "gzip");
}

/**
 * Go's gzip header: mtime 0, XFL by level (zlib writes the same), but OS 255 ("unknown") where
 * zlib writes 3 (Unix): set so that the compressed bytes read as Go's.
 */
export function goGzipHeader(member: Uint8Array): Uint8Array {
  if (member.length > 9) member[9] = 255;
  return member;
}

/**
 * `response` as kube-apiserver would send it to a client that accepts gzip: compressed when it is
 * a serialized API answer longer than the threshold, else itself. Costs a property load for the
 * answers that are surely short (nearly all of them); `serializes(url)` tells, for the long ones,
 * whether the request's answer is one SerializeObject writes (not a watch, not OpenAPI).
 */
export function compressAnswer(
  response: Response,
  serializes: (url: string) => boolean,
  url: string,
): Response | Promise<Response> {
  const held = heldBodyOf(response);
  if (held === null || held instanceof ReadableStream) return response;
  if (typeof held === "string") {
    if (held.length <= SURELY_SHORT || !isSerialized(response) || !serializes(url)) {
      return response;
    }
    const bytes = UTF8.encode(held);
    return bytes.length > GZIP_THRESHOLD_BYTES ? compressed(response, bytes) : response;
  }
  if (held instanceof Uint8Array) {
    if (held.length <= GZIP_THRESHOLD_BYTES) return response;
    return isSerialized(response) && serializes(url) ? compressed(response, held) : response;
  }
  // A Response that does not say what it holds (tests without a listener): read it.
  if (response.body === null || !isSerialized(response) || !serializes(url)) return response;
  return response.arrayBuffer().then((buffer) => {
    const bytes = new Uint8Array(buffer);
    if (bytes.length > GZIP_THRESHOLD_BYTES) return compressed(response, bytes);
    return new Response(bytes, { status: response.status, headers: response.headers });
  });
}

function isSerialized(response: Response): boolean {
  return SERIALIZED.test(response.headers.get("content-type") ?? "");
}

async function compressed(response: Response, bytes: Uint8Array): Promise<Response> {
  const body = goGzipHeader(await gzipBytes(bytes, GZIP_LEVEL));
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.set("content-encoding", "gzip");
  headers.append("vary", "Accept-Encoding");
  return new Response(body as Uint8Array<ArrayBuffer>, { status: response.status, headers });
}
