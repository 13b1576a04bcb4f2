// The process-wide HTTP/1.1 and HTTP/2 servers that serve the connections of every TLS endpoint.
// Shared, not per endpoint: thousands of endpoints then cost one tls.Server each, and a request
// finds its endpoint and Peer through the Connection tagged onto the socket it arrived on.
import http from "node:http";
import http2 from "node:http2";
import type { Duplex } from "node:stream";
import type { TLSSocket } from "node:tls";
import { getRequestListener } from "@hono/node-server";
import { type GrpcStreamHandler, grpcStreamOf, isGrpcRequest } from "./grpc_stream.ts";
import { createGoawayRelay } from "./http2_relay.ts";
import type { Peer } from "./peer.ts";
import { runtimeName } from "./runtime_name.ts";
import { refuseUpgrade, type UpgradeHandler, upgradeRequestOf } from "./upgrade.ts";
import { answerClientError } from "./client_error.ts";

/**
 * Serves one web request of a known client. `target` is the request-target as the client sent
 * it: the Request's URL has `.` and `..` segments resolved, as WHATWG URL parsing does, which an
 * HTTP server that routes raw paths (Go's, kube-apiserver's) never does.
 */
export type FetchHandler = (
  request: Request,
  peer: Peer,
  target: string,
) => Response | Promise<Response>;

/** What one endpoint does with its requests. */
export interface EndpointHandlers {
  fetch: FetchHandler;
  onUpgrade?: UpgradeHandler;
  onGrpcStream?: GrpcStreamHandler;
  /** Hears about handler failures (answered with 500); the default writes them to stderr. */
  onError?: (error: unknown) => void;
}

/** One open TLS connection of an endpoint. */
export interface Connection {
  readonly socket: TLSSocket;
  readonly peer: Peer;
  readonly handlers: EndpointHandlers;
  session?: http2.Http2Session;
}

const connectionKey = Symbol("fkas.connection");
type Tagged = { [connectionKey]?: Connection };
const connectionOf = (socket: unknown) => (socket as Tagged | undefined)?.[connectionKey];
const noop = () => {};
// Deno's HTTP/2 needs the GOAWAY relay; Bun survived the same GOAWAY tests without it.
const relayHttp2 = runtimeName() === "deno";

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
  override end(...args: unknown[]): this {
    const socket = this.socket;
    socket?.cork();
    try {
      return (super.end as (...args: unknown[]) => this).apply(this, args);
    } finally {
      socket?.uncork();
    }
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
    try {
      const response = connection.handlers.fetch(request, connection.peer, incoming.url ?? "");
      return response instanceof Promise
        ? response.catch((error) => internalError(connection, error))
        : response;
    } catch (error) {
      return internalError(connection, error);
    }
  });

  const http1 = http.createServer({ ServerResponse: CoalescingResponse }, listener);
  // It never listens itself; Deno's HTTP/1.1 server closes a keep-alive connection after each
  // response when its server is not `listening` (resOnFinish), so say it is.
  Object.defineProperty(http1, "listening", { get: () => true });
  http1.on("upgrade", (incoming: http.IncomingMessage, socket: Duplex, head: Uint8Array) => {
    const connection = connectionOf(socket);
    const onUpgrade = connection?.handlers.onUpgrade;
    if (!connection || !onUpgrade) return refuseUpgrade(socket);
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

  const h2 = http2.createServer();
  h2.on("session", (session: http2.Http2Session) => {
    session.on("error", noop);
    const connection = connectionOf(session.socket); // read through the session's socket proxy
    if (!connection) return session.destroy();
    connection.session = session;
    (session as Tagged)[connectionKey] = connection;
  });
  h2.on("request", (incoming: http2.Http2ServerRequest, outgoing: http2.Http2ServerResponse) => {
    const connection = connectionOf(incoming.stream.session);
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
  });
  h2.on("sessionError", noop);
  h2.on("error", noop);
  return { http1, h2 };
}

let servers: ReturnType<typeof createServers> | undefined;

/** Hands an established TLS connection to the HTTP/2 or HTTP/1.1 server, per its ALPN protocol. */
export function serveConnection(connection: Connection): void {
  const socket = connection.socket;
  if (connection.peer.alpn !== "h2") {
    (socket as Tagged)[connectionKey] = connection;
    (servers ??= createServers()).http1.emit("connection", socket);
    return;
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
