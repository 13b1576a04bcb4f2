// The process-wide HTTP/1.1 and HTTP/2 servers that serve the connections of every TLS endpoint.
// Shared, not per endpoint: thousands of endpoints then cost one tls.Server each, and a request
// finds its endpoint and Peer through the Connection tagged onto the socket it arrived on.
import http from "node:http";
import http2 from "node:http2";
import type { Duplex } from "node:stream";
import type { TLSSocket } from "node:tls";
import { getRequestListener } from "@hono/node-server";
import { type GrpcStreamHandler, grpcStreamOf, isGrpcRequest } from "./grpc_stream.ts";
import { type ConnectionLimits, HTTP2_MAX_CONCURRENT_STREAMS } from "./connection_limits.ts";
import type { ConnectionWatch } from "./connection_watch.ts";
import { createGoawayRelay } from "./http2_relay.ts";
import { ResetAllowance } from "./reset_allowance.ts";
import type { Peer } from "./peer.ts";
import { runtimeName } from "./runtime_name.ts";
import { refuseUpgrade, type UpgradeHandler, upgradeRequestOf } from "./upgrade.ts";
import { answerClientError } from "./client_error.ts";
import { pushedBodyOf } from "./push_body.ts";
import { servePushed } from "./pushed_response.ts";
import { GO_STATUS_TEXT, goHeaderLines, splitWarnings } from "./go_head.ts";
import { heldBodyOf } from "./held_body.ts";
import type { BufferBudget } from "./buffer_budget.ts";
import { tooManyRequests } from "./too_many_requests.ts";

/**
 * Headers a handler adds to the response it is about to return, written with the Response's own:
 * kube-apiserver's filters set some on every answer (Audit-Id, the APF uids), and setting them on
 * the outgoing message costs less than rebuilding each Response with them. Only before the handler
 * returns or resolves its Response.
 */
export interface ResponseHeaderSink {
  setHeader(name: string, value: string): unknown;
}

/**
 * Serves one web request of a known client. `target` is the request-target as the client sent
 * it: the Request's URL has `.` and `..` segments resolved, as WHATWG URL parsing does, which an
 * HTTP server that routes raw paths (Go's, kube-apiserver's) never does.
 */
export type FetchHandler = (
  request: Request,
  peer: Peer,
  target: string,
  headers: ResponseHeaderSink,
) => Response | Promise<Response>;

/** What one endpoint does with its requests. */
export interface EndpointHandlers {
  fetch: FetchHandler;
  onUpgrade?: UpgradeHandler;
  onGrpcStream?: GrpcStreamHandler;
  /** Hears about handler failures (answered with 500); the default writes them to stderr. */
  onError?: (error: unknown) => void;
  /** Bounds the bodies arriving and answers unread of this endpoint (the handlers object is its key). */
  buffers?: BufferBudget;
}

/** One open TLS connection of an endpoint. */
export interface Connection {
  readonly socket: TLSSocket;
  readonly peer: Peer;
  readonly handlers: EndpointHandlers;
  /** The connection's header and idle timeouts; none: the connection never times out. */
  readonly watch?: ConnectionWatch;
  /** Bounds the HTTP/2 stream resets the client may send. */
  readonly limits: Pick<ConnectionLimits, "http2ResetBurst" | "http2ResetsPerSecond">;
  session?: http2.Http2Session;
  resets?: ResetAllowance;
  /** Set once the connection was told to ENHANCE_YOUR_CALM. */
  calmedDown?: boolean;
}

const connectionKey = Symbol("fkas.connection");
type Tagged = { [connectionKey]?: Connection };
const connectionOf = (socket: unknown) => (socket as Tagged | undefined)?.[connectionKey];
const noop = () => {};
const { NGHTTP2_ENHANCE_YOUR_CALM, NGHTTP2_NO_ERROR } = http2.constants;
const GOAWAY_TIMEOUT_MS = 1000; // Go's http2 goAwayTimeout
const GO_HTTP2_WRITE_BUFFER = 4096; // Go's http2 handlerChunkWriteSize
// Deno's HTTP/2 needs the GOAWAY relay; Bun survived the same GOAWAY tests without it.
const relayHttp2 = runtimeName() === "deno";
// Deno's nghttp2 binding has parsed the whole read (a RST_STREAM after the HEADERS included) by
// the next microtask; Bun emits "request" frame by frame and needs a turn of the event loop.
const afterCurrentRead = runtimeName() === "deno" ? queueMicrotask : setImmediate;

function reportError(connection: Connection, error: unknown): void {
  (connection.handlers.onError ?? ((e) => console.error("fkas: request failed:", e)))(error);
}

function internalError(connection: Connection, error: unknown): Response {
  reportError(connection, error);
  return new Response("Internal Server Error", { status: 500 });
}

/**
 * A response whose head and body leave in one write, so one TLS record and one syscall: Bun's
 * HTTP/1.1 server writes them separately, and both cost more than building a small answer.
 */
class CoalescingResponse extends http.ServerResponse {
  /** What the handler's sink was given, read by the head (see `headerSink`). */
  early: [string, string][] | undefined;

  /**
   * The handler's header sink: the pairs wait here for the head instead of entering Node's
   * header table, which lower-cases, validates and stores each one only for the head to take them
   * out again. Same rules as `setHeader`: names and values are validated, a name set again
   * replaces its value.
   */
  headerSink(): ResponseHeaderSink {
    return {
      setHeader: (name: string, value: string) => {
        http.validateHeaderName(name);
        http.validateHeaderValue(name, value);
        const early = this.early ??= [];
        const lower = name.toLowerCase();
        for (let i = 0; i < early.length; i++) {
          if (early[i][0].toLowerCase() === lower) {
            early.splice(i, 1);
            break;
          }
        }
        early.push([name, value]);
      },
    };
  }

  /** A chunk of a streamed body (a watch event) and its chunked framing leave in one write too. */
  override write(...args: unknown[]): boolean {
    const socket = this.socket;
    socket?.cork();
    try {
      return (super.write as (...args: unknown[]) => boolean).apply(this, args);
    } finally {
      socket?.uncork();
    }
  }

  override end(...args: unknown[]): this {
    const socket = this.socket;
    socket?.cork();
    try {
      return (super.end as (...args: unknown[]) => this).apply(this, args);
    } finally {
      socket?.uncork();
    }
  }

  /**
   * The head as Go's net/http writes it (go_head.ts): Deno's and Bun's ServerResponse keep the
   * names' case, write them in insertion order and add Connection: keep-alive and Keep-Alive.
   * Both write a head given whole, Date and framing included, as given once `connection` is
   * removed. Every head passes here (writeHead, the implicit one of write/end/flushHeaders).
   */
  override writeHead(status: number, ...rest: unknown[]): this {
    const message = typeof rest[0] === "string" ? rest[0] : GO_STATUS_TEXT[status];
    const given = typeof rest[0] === "string" ? rest[1] : rest[0];
    const self = this as unknown as NodeResponseState;
    const pairs: [string, string][] = [];
    let length = typeof self._contentLength === "number" ? self._contentLength : undefined;
    const take = (name: string, value: string) => {
      // @hono/node-server's own length for a body it holds whole; a handler's is lower case.
      if (name !== "Content-Length") pairs.push([name, value]);
      else if (length === undefined) length = Number(value);
    };
    const early = this.early;
    if (early !== undefined) {
      this.early = undefined;
      for (const [name, value] of early) take(name, value);
    }
    takeSetHeaders(this, take);
    forEachHeader(given, take);
    // Bun's native head decides keep-alive later: read the request's wish as Go does.
    const request = this.req as http.IncomingMessage | undefined;
    const closing = !this.shouldKeepAlive || asksToClose(request);
    const http11 = request === undefined || request.httpVersionMinor >= 1 ||
      request.httpVersionMajor > 1;
    const { lines } = goHeaderLines(pairs, {
      length,
      hasBody: status >= 200 && status !== 204 && status !== 304,
      head: request?.method === "HEAD",
      http11,
      closing,
    }, Date.now());
    // Without it the runtimes add their own Connection header; the connection still closes when
    // it must (an HTTP/1.0 client's, whose close Go leaves unsaid).
    if (!closing || !http11) this.removeHeader("connection");
    self._contentLength = null;
    const write = super.writeHead as (...args: unknown[]) => this;
    return message === undefined
      ? write.call(this, status, lines)
      : write.call(this, status, message, lines);
  }
}

/**
 * An HTTP/2 response that sends each warn-value of a `Warning` header (and each `Vary` value) as
 * its own field, as Go's HTTP/2 server sends one field per value (kube-apiserver adds one per
 * warning text).
 */
class WarningFieldsResponse extends http2.Http2ServerResponse {
  override writeHead(status: number, ...rest: unknown[]): this {
    const headers = rest[rest.length - 1] as Record<string, unknown> | undefined;
    const warning = headers?.warning;
    if (typeof warning === "string" && warning.includes('", ')) {
      headers!.warning = splitWarnings(warning);
    }
    // Go's HTTP/2 server tells a length it was not given only when the whole body fitted in its
    // 4 KiB write buffer as the handler returned (handlerChunkWriteSize); kube-apiserver writes
    // a longer body in one Write, which leaves unbuffered and unsized. The adapter's own length
    // is the capitalized one (a handler's, as ServeContent's, is lower case and stays).
    const own = headers?.["Content-Length"];
    if (own !== undefined && Number(own) > GO_HTTP2_WRITE_BUFFER) delete headers!["Content-Length"];
    // Vary too: one field per value, as kube-apiserver's filters each add theirs.
    const vary = headers?.vary ?? headers?.Vary;
    if (typeof vary === "string" && vary.includes(",")) {
      delete headers!.Vary;
      headers!.vary = vary.split(",").map((one) => one.trim());
    }
    return (super.writeHead as (...args: unknown[]) => this).call(this, status, ...rest);
  }
}

/** The fields of Node's OutgoingMessage that Deno's and Bun's node:http share and the head uses. */
interface NodeResponseState {
  _contentLength: number | null;
}

let outHeadersKey: symbol | undefined;

/**
 * Visits and clears the headers set on `response` before its head, so the head lists them in
 * Go's order. Node's table (kOutHeaders: lower-case name → [name as set, value]), which Deno and
 * Bun keep too, is read and dropped at once; through the public calls it costs ~10 µs more.
 */
function takeSetHeaders(
  response: http.ServerResponse,
  visit: (name: string, value: string) => void,
): void {
  const own = response as unknown as Record<symbol, Record<string, [string, unknown]> | null>;
  outHeadersKey ??= Object.getOwnPropertySymbols(response)
    .find((key) => key.description === "kOutHeaders");
  const table = outHeadersKey === undefined ? undefined : own[outHeadersKey];
  if (table === null) return;
  if (table === undefined) {
    for (const name of response.getHeaderNames()) {
      const value = response.getHeader(name);
      response.removeHeader(name);
      each(name, value, visit);
    }
    return;
  }
  for (const key in table) each(table[key][0], table[key][1], visit);
  own[outHeadersKey!] = null;
}

/** An HTTP/1.1 request saying `Connection: close` (Go answers it with the same header). */
function asksToClose(request: http.IncomingMessage | undefined): boolean {
  const connection = request?.headers.connection;
  return connection !== undefined && /(^|,)\s*close\s*(,|$)/i.test(connection);
}

function each(name: string, value: unknown, visit: (name: string, value: string) => void): void {
  if (Array.isArray(value)) { for (const item of value) visit(name, String(item)); }
  else if (value !== undefined && value !== null) visit(name, String(value));
}

/** Visits the headers writeHead is given: a flat or paired list, or a record. */
function forEachHeader(headers: unknown, visit: (name: string, value: string) => void): void {
  if (!headers) return;
  if (Array.isArray(headers)) {
    if (headers.length > 0 && Array.isArray(headers[0])) {
      for (const [name, value] of headers as [string, unknown][]) each(name, value, visit);
    } else {
      for (let i = 0; i + 1 < headers.length; i += 2) each(headers[i], headers[i + 1], visit);
    }
    return;
  }
  for (const key in headers as Record<string, unknown>) {
    each(key, (headers as Record<string, unknown>)[key], visit);
  }
}

/** Creates the two servers on first use (creating the listener also installs @hono/node-server's light Request/Response globals). */
function createServers() {
  const listener = getRequestListener((request, env) => {
    const incoming = env.incoming;
    const connection = incoming instanceof http2.Http2ServerRequest
      ? connectionOf(incoming.stream.session)
      : connectionOf(incoming.socket);
    if (!connection) return new Response("Misdirected Request", { status: 421 });
    const buffers = connection.handlers.buffers;
    if (buffers) {
      if (buffers.refuses(connection.handlers)) return tooManyRequests();
      holdBody(buffers, connection.handlers, incoming, env.outgoing);
    }
    // A pushed body (a watch) is written here, straight to the response: see push_body.ts.
    const pushed = (response: Response) => {
      const pusher = pushedBodyOf(response);
      if (pusher) return servePushed(response, pusher, env.outgoing, connection.socket);
      if (buffers) holdUntilSent(buffers, connection.handlers, response, env.outgoing);
      return response;
    };
    try {
      const outgoing = env.outgoing;
      const response = connection.handlers.fetch(
        request,
        connection.peer,
        incoming.url ?? "",
        outgoing instanceof CoalescingResponse ? outgoing.headerSink() : outgoing,
      );
      return response instanceof Promise
        ? response.then(pushed, (error) => internalError(connection, error))
        : pushed(response);
    } catch (error) {
      return internalError(connection, error);
    }
  });

  const http1 = http.createServer({ ServerResponse: CoalescingResponse }, listener);
  // Registered before the app's listener so a request counts as in flight before it runs.
  http1.prependListener(
    "request",
    (incoming: http.IncomingMessage, outgoing: http.ServerResponse) => {
      const watch = connectionOf(incoming.socket)?.watch;
      if (watch) trackRequest(watch, outgoing);
    },
  );
  // It never listens itself; Deno's HTTP/1.1 server closes a keep-alive connection after each
  // response when its server is not `listening` (resOnFinish), so say it is.
  Object.defineProperty(http1, "listening", { get: () => true });
  http1.on("upgrade", (incoming: http.IncomingMessage, socket: Duplex, head: Uint8Array) => {
    const connection = connectionOf(socket);
    const onUpgrade = connection?.handlers.onUpgrade;
    if (!connection || !onUpgrade) return refuseUpgrade(socket);
    connection.watch?.upgraded();
    const fail = (error: unknown) => {
      reportError(connection, error);
      socket.destroy();
    };
    try {
      onUpgrade(upgradeRequestOf(incoming), socket, head, connection.peer)?.catch(fail);
    } catch (error) {
      fail(error);
    }
  });
  http1.on("clientError", answerClientError);
  http1.on("error", noop);

  const h2 = http2.createServer({
    settings: { maxConcurrentStreams: HTTP2_MAX_CONCURRENT_STREAMS },
    Http2ServerResponse: WarningFieldsResponse,
  });
  h2.on("session", (session: http2.Http2Session) => {
    session.on("error", noop);
    const connection = connectionOf(session.socket); // read through the session's socket proxy
    if (!connection) return session.destroy();
    connection.session = session;
    connection.resets = new ResetAllowance(connection.limits);
    (session as Tagged)[connectionKey] = connection;
  });
  h2.on("request", (incoming: http2.Http2ServerRequest, outgoing: http2.Http2ServerResponse) => {
    const connection = connectionOf(incoming.stream.session);
    const stream = incoming.stream;
    if (connection) trackStream(connection, stream);
    // Rapid reset (CVE-2023-44487): a client's RST_STREAM often sits in the same read as its
    // HEADERS, and the runtimes emit "request" before parsing it. Dispatching once the rest of
    // the read is parsed skips a stream reset before its handler ran, as Go's server skips
    // unstarted handlers of reset streams (http2 server.go, handlerDone).
    afterCurrentRead(() => {
      if (!stream.closed && !stream.destroyed) dispatchHttp2(connection, incoming, outgoing);
    });
  });
  function dispatchHttp2(
    connection: Connection | undefined,
    incoming: http2.Http2ServerRequest,
    outgoing: http2.Http2ServerResponse,
  ): void {
    const onGrpcStream = connection?.handlers.onGrpcStream;
    if (!connection || !onGrpcStream || !isGrpcRequest(incoming)) {
      return void listener(incoming, outgoing);
    }
    const fail = (error: unknown) => {
      reportError(connection, error);
      outgoing.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
    };
    try {
      onGrpcStream(grpcStreamOf(incoming, outgoing), connection.peer)?.catch(fail);
    } catch (error) {
      fail(error);
    }
  }
  h2.on("sessionError", noop);
  h2.on("error", noop);
  return { http1, h2 };
}

let servers: ReturnType<typeof createServers> | undefined;

/** Counts a request's body against `budget` until its exchange ends (answered, or given up). */
function holdBody(
  budget: BufferBudget,
  endpoint: object,
  incoming: http.IncomingMessage | http2.Http2ServerRequest,
  outgoing: http.ServerResponse | http2.Http2ServerResponse,
): void {
  const headers = incoming.headers;
  const declared = headers["content-length"];
  // A body of unknown length: chunked over HTTP/1.1; over HTTP/2, a stream its HEADERS left open.
  const bytes = budget.bodyBytes(
    declared,
    declared === undefined &&
      (incoming instanceof http2.Http2ServerRequest
        ? !incoming.stream.endAfterHeaders
        : headers["transfer-encoding"] !== undefined),
  );
  if (bytes > 0) holdUntilClosed(budget, endpoint, bytes, outgoing);
}

/** Counts a whole answer's body against `budget` until its message closes (sent, or given up). */
function holdUntilSent(
  budget: BufferBudget,
  endpoint: object,
  response: Response,
  outgoing: http.ServerResponse | http2.Http2ServerResponse,
): void {
  const body = heldBodyOf(response);
  const bytes = typeof body === "string"
    ? body.length
    : body instanceof Uint8Array
    ? body.length
    : 0;
  if (bytes > 0) holdUntilClosed(budget, endpoint, bytes, outgoing);
}

function holdUntilClosed(
  budget: BufferBudget,
  endpoint: object,
  bytes: number,
  outgoing: http.ServerResponse | http2.Http2ServerResponse,
): void {
  const gone = outgoing instanceof http2.Http2ServerResponse
    ? outgoing.stream.destroyed || outgoing.stream.closed
    : outgoing.destroyed;
  if (!gone) outgoing.once("close", budget.hold(endpoint, bytes)); // else no "close" will come
}

/** Counts an HTTP/1.1 request as in flight until its response ends or its socket closes. */
function trackRequest(watch: ConnectionWatch, outgoing: http.ServerResponse): void {
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    watch.requestEnded();
  };
  watch.requestStarted();
  outgoing.once("finish", end);
  outgoing.once("close", end);
}

/** Counts an HTTP/2 stream as in flight until it closes, and charges resets to the connection. */
function trackStream(connection: Connection, stream: http2.ServerHttp2Stream): void {
  connection.watch?.requestStarted();
  stream.once("close", () => {
    connection.watch?.requestEnded();
    // Resets by either side count; fkas itself resets only gRPC calls that failed.
    if (stream.rstCode !== NGHTTP2_NO_ERROR && connection.resets?.take() === false) {
      calmDown(connection);
    }
  });
}

/**
 * Ends a connection that reset too many streams as Go and nghttp2 do: GOAWAY ENHANCE_YOUR_CALM,
 * then closed after Go's goAwayTimeout (1 s), time for the frame to leave.
 */
function calmDown(connection: Connection): void {
  const session = connection.session;
  if (!session || session.closed || session.destroyed || connection.calmedDown) return;
  connection.calmedDown = true;
  // No session.close(): it would send a second GOAWAY (NO_ERROR); nghttp2 refuses new streams.
  session.goaway(NGHTTP2_ENHANCE_YOUR_CALM);
  // The socket, not the session: destroying the session would send a second GOAWAY.
  const timer = setTimeout(() => connection.socket.destroy(), GOAWAY_TIMEOUT_MS);
  connection.socket.once("close", () => clearTimeout(timer));
}

/** Hands an established TLS connection to the HTTP/2 or HTTP/1.1 server, per its ALPN protocol. */
export function serveConnection(connection: Connection): void {
  const socket = connection.socket;
  if (connection.peer.alpn !== "h2") {
    (socket as Tagged)[connectionKey] = connection;
    (servers ??= createServers()).http1.emit("connection", socket);
    return;
  }
  if (connection.watch) {
    // Go's http2 server says goodbye to an idle client with GOAWAY NO_ERROR, then closes.
    connection.watch.closer = {
      headerTimeout: () => destroyConnection(connection),
      idleTimeout: () => {
        const session = connection.session;
        if (!session || session.closed) return destroyConnection(connection);
        session.close(() => socket.destroy());
      },
    };
  }
  const transport = relayHttp2 ? createGoawayRelay(socket) : socket;
  (transport as Tagged)[connectionKey] = connection;
  // A session outliving its socket is what trips Deno; end it with the socket.
  const endSession = () => connection.session?.destroy();
  socket.on("close", endSession);
  if (relayHttp2) socket.on("end", endSession);
  (servers ??= createServers()).h2.emit("connection", transport);
}

/** Closes a connection now, HTTP/2 session included. */
export function destroyConnection(connection: Connection): void {
  connection.session?.destroy();
  connection.socket.destroy();
}
