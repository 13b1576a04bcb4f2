// Finds where one HTTP/1.1 response ends in a buffer: Content-Length, chunked, or no body.
import { Buffer } from "node:buffer";

/** A complete response at the start of a buffer: its status and its length in bytes. */
export interface ResponseFrame {
  status: number;
  length: number;
}

const CRLF = "\r\n";

/** Returns the first complete response in `buffer`, or undefined while more bytes are needed. */
export function parseResponse(buffer: Buffer): ResponseFrame | undefined {
  const headEnd = buffer.indexOf("\r\n\r\n");
  if (headEnd < 0) return undefined;
  const head = buffer.toString("latin1", 0, headEnd).toLowerCase();
  const status = Number(head.slice(9, 12));
  if (!head.startsWith("http/1.") || !(status >= 100)) {
    throw new Error(
      `Cannot parse the response: bad status line ${JSON.stringify(head.slice(0, 40))}`,
    );
  }
  const bodyStart = headEnd + 4;
  if (status === 204 || status === 304) return { status, length: bodyStart };
  const contentLength = /\r\ncontent-length:\s*(\d+)/.exec(head);
  if (contentLength) {
    const length = bodyStart + Number(contentLength[1]);
    return buffer.length >= length ? { status, length } : undefined;
  }
  if (/\r\ntransfer-encoding:[^\r]*chunked/.test(head)) {
    const length = chunkedEnd(buffer, bodyStart);
    return length === undefined ? undefined : { status, length };
  }
  throw new Error("Cannot parse the response: neither Content-Length nor chunked");
}

/** The offset just past a chunked body starting at `at`, or undefined when it is incomplete. */
function chunkedEnd(buffer: Buffer, at: number): number | undefined {
  let position = at;
  for (;;) {
    const lineEnd = buffer.indexOf(CRLF, position);
    if (lineEnd < 0) return undefined;
    const size = parseInt(buffer.toString("latin1", position, lineEnd), 16);
    if (Number.isNaN(size)) throw new Error("Cannot parse the response: bad chunk size");
    if (size === 0) {
      // The last chunk, then optional trailers, then an empty line.
      if (buffer.length < lineEnd + 4) return undefined;
      if (buffer.toString("latin1", lineEnd + 2, lineEnd + 4) === CRLF) return lineEnd + 4;
      const trailersEnd = buffer.indexOf("\r\n\r\n", lineEnd + 2);
      return trailersEnd < 0 ? undefined : trailersEnd + 4;
    }
    position = lineEnd + 2 + size + 2;
    if (buffer.length < position) return undefined;
  }
}
