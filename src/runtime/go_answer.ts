// Writes a whole web Response onto a raw socket as Go's net/http would have written it: for a
// request that asked for an upgrade its route does not offer, which Go's server answers as any
// other request (kube-apiserver's GET /api with `Upgrade: websocket` is a plain 200).
import http from "node:http";
import { GO_BUFFER_BEFORE_CHUNKING, GO_STATUS_TEXT, goHeaderLines } from "./go_head.ts";
import { pushedBodyOf } from "./push_body.ts";
import type { UpgradeSocket } from "./upgrade.ts";

const encoder = new TextEncoder();

/**
 * Writes `response` (with `extra`, the headers a handler set on the sink) to `socket` with a head
 * shaped as Go's (go_head.ts) and its body framed as Go frames a finished handler's, then ends the
 * socket: the request parser let go of it at the upgrade, so no second request can follow.
 */
export async function writeGoAnswer(
  socket: UpgradeSocket,
  response: Response,
  extra: [string, string][],
  now: number,
  method: string,
): Promise<void> {
  const status = response.status;
  const body = new Uint8Array(await response.arrayBuffer());
  const pairs: [string, string][] = [...extra];
  response.headers.forEach((value, name) => pairs.push([name, value]));
  const hasBody = status >= 200 && status !== 204 && status !== 304;
  const isHead = method === "HEAD";
  const { lines, chunked } = goHeaderLines(pairs, {
    length: body.length,
    hasBody,
    head: isHead,
    http11: true, // an upgrade is an HTTP/1.1 request
    closing: false,
  }, now);
  const text = GO_STATUS_TEXT[status] ?? http.STATUS_CODES[status] ?? `status code ${status}`;
  let head = `HTTP/1.1 ${status} ${text}\r\n`;
  for (let i = 0; i < lines.length; i += 2) head += `${lines[i]}: ${lines[i + 1]}\r\n`;
  head += "\r\n";
  if (!hasBody || isHead || body.length === 0) return void socket.end(encoder.encode(head));
  if (!chunked) {
    socket.write(encoder.encode(head));
    return void socket.end(body);
  }
  socket.write(encoder.encode(`${head}${body.length.toString(16)}\r\n`));
  socket.write(body);
  socket.end(encoder.encode("\r\n0\r\n\r\n"));
}

/**
 * The answer to a HEAD request from its handler's GET answer, as Go's server sends it: no body,
 * and the length of the body the handler wrote when it fits Go's buffer (else no length at all).
 * The length goes as `Content-Length` spelled so, which the HTTP/1.1 head places after Date as
 * the adapter's own length; a pushed body (a watch) is answered without one.
 */
export async function goHeadAnswer(response: Response): Promise<Response> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => headers[name] = value);
  const body = response.body;
  if (body && !pushedBodyOf(response)) {
    const reader = body.getReader();
    let length = 0;
    while (length <= GO_BUFFER_BEFORE_CHUNKING) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.length;
    }
    await reader.cancel().catch(() => {});
    if (length <= GO_BUFFER_BEFORE_CHUNKING) headers["Content-Length"] = String(length);
  } else await body?.cancel().catch(() => {});
  return new Response(null, { status: response.status, headers });
}
