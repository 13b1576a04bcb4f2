// Writes a response whose body is pushed (see push_body.ts) straight to a node:http or node:http2
// response, and corks each HTTP/2 session's socket for the rest of the turn, so the events of
// every stream of a session written in one turn leave as one TLS record and one syscall.
import type http from "node:http";
import http2 from "node:http2";
import type { BodyPusher } from "./push_body.ts";

/**
 * What @hono/node-server is given back once the response is written here: no body and its
 * "already sent" header make it leave `outgoing` alone. A plain object, not its Response class,
 * whose cached form it would write.
 */
const ALREADY_SENT = {
  status: 200,
  headers: new Headers({ "x-hono-already-sent": "1" }),
  body: null,
} as unknown as Response;

/** Sockets corked this turn, uncorked together once the turn's writes are queued. */
let corked: { uncork(): void }[] = [];

function uncorkAll(): void {
  const sockets = corked;
  corked = [];
  for (const socket of sockets) socket.uncork();
}

/** Corks `socket` until the end of this turn (after every microtask of it). */
function corkForTurn(socket: Corkable): void {
  if (socket.writableCorked) return;
  socket.cork();
  if (corked.length === 0) setImmediate(uncorkAll);
  corked.push(socket);
}

/** A socket that can hold writes back (a TLS socket, or the transport under an HTTP/2 session). */
export interface Corkable {
  cork(): void;
  uncork(): void;
  readonly writableCorked?: number;
}

/**
 * Sends the head of `response` and hands `outgoing` to its pusher; returns what the adapter gets
 * back. `socket`: the connection's socket, corked for the turn while an HTTP/2 stream writes.
 */
export function servePushed(
  response: Response,
  pusher: BodyPusher,
  outgoing: http.ServerResponse | http2.Http2ServerResponse,
  socket: Corkable,
): Response {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => headers[key] = value);
  try {
    // (A cast: the union's two writeHead overload sets do not combine.)
    (outgoing as http.ServerResponse).writeHead(response.status, headers);
  } catch {
    // The client reset the stream or closed the connection before the head could leave.
    pusher.closed();
    return ALREADY_SENT;
  }
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    pusher.closed();
  };
  outgoing.on("close", close);
  outgoing.on("error", close);
  outgoing.on("drain", () => pusher.drained());
  const h2 = outgoing instanceof http2.Http2ServerResponse ? outgoing : undefined;
  if (outgoing.destroyed || h2?.stream.destroyed || h2?.stream.closed) {
    close(); // gone already: its "close" will not come again
    return ALREADY_SENT;
  }
  if (h2) {
    const stream = h2.stream;
    pusher.start({
      write(bytes) {
        if (stream.destroyed || stream.closed) return false;
        corkForTurn(socket);
        return h2.write(bytes);
      },
      end() {
        if (!stream.destroyed) h2.end();
      },
    });
    return ALREADY_SENT;
  }
  const http1 = outgoing as http.ServerResponse;
  // The head leaves now, as the adapter's flushHeaders does: the client sees the watch open.
  http1.flushHeaders();
  pusher.start({
    write: (bytes) => !http1.destroyed && http1.write(bytes),
    end() {
      if (!http1.destroyed) http1.end();
    },
  });
  return ALREADY_SENT;
}
