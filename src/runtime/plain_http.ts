// Go's answer to a plain HTTP request on a TLS port, and its test for one (net/http server.go).

/**
 * What Go's net/http writes in clear text, then closes, when a TLS connection starts with what
 * looks like an HTTP request (server.go, `(*conn).serve` on a tls.RecordHeaderError).
 */
export const PLAIN_HTTP_ANSWER =
  "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n";

/** The length of a TLS record header, which is all Go looks at. */
export const RECORD_HEADER_LENGTH = 5;

// tlsRecordHeaderLooksLikeHTTP in Go's net/http server.go: only these five-byte starts count;
// anything else (DELETE, PATCH, garbage) just fails the TLS handshake.
const HTTP_STARTS = new Set(["GET /", "HEAD ", "POST ", "PUT /", "OPTIO"]);

/** Whether the first five bytes of a connection look like a misdirected plain HTTP request. */
export function looksLikePlainHttp(header: Uint8Array): boolean {
  if (header.length < RECORD_HEADER_LENGTH) return false;
  return HTTP_STARTS.has(String.fromCharCode(...header.subarray(0, RECORD_HEADER_LENGTH)));
}
