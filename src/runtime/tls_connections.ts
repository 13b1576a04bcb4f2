// Serves TLS sockets as tracked Connections and binds them through listenTls, so every TLS
// endpoint ends its connections and HTTP/2 sessions the same way when it closes. Two ways to
// terminate TLS: a tls.Server (SNI, enforced client certificates) or a TLSSocket per connection
// on a context built once (cheaper on Bun: no tls.Server, no per-connection options copy).
import tls from "node:tls";
import type net from "node:net";
import type { ConnectionLimits } from "./connection_limits.ts";
import { type Connection, destroyConnection, serveConnection } from "./shared_servers.ts";
import { listenTls, type TlsListenerOptions, watchOfTlsSocket } from "./tls_listener.ts";
import type { ClosableEndpoint } from "./listen.ts";

/** What an endpoint adds to a secured socket to make it a Connection. */
export type ConnectionParts = Pick<Connection, "peer" | "handlers">;

/** The TLS a TLSSocket gets: client certificates are asked for, verified, never required. */
export interface SocketTls {
  readonly secureContext: tls.SecureContext;
  readonly ALPNProtocols: string[];
}

type ServingOptions = Omit<TlsListenerOptions, "beforeSocketsEnd"> & { limits: ConnectionLimits };

const noop = () => {};

/**
 * Serves each socket the server of `makeServer` secures as the connection `partsOf` completes, refuses sockets
 * whose handshake failed, and listens on `options`; closing destroys every open connection.
 * The server is made at the first connection: a tls.Server parses its certificate, key and CA when
 * made (0.1–0.4 ms), which thousands of listeners restarted at once need not pay up front.
 */
export async function listenServingTls(
  makeServer: () => tls.Server,
  options: ServingOptions,
  partsOf: (socket: tls.TLSSocket) => ConnectionParts,
): Promise<ClosableEndpoint> {
  const serving = servingSet(options.limits, partsOf);
  let made: tls.Server | undefined;
  const secureSocket = () => {
    if (!made) {
      made = makeServer();
      made.on("secureConnection", serving.serve);
      made.on("tlsClientError", (_error: Error, socket: tls.TLSSocket) => socket.destroy());
    }
    const server = made;
    return (socket: net.Socket) => void server.emit("connection", socket);
  };
  return await listenTls(secureSocket, { ...options, beforeSocketsEnd: serving.destroyAll });
}

/**
 * Like `listenServingTls`, but each admitted socket is wrapped in a server TLSSocket on the
 * context `socketTls` answers (asked at the first connection, kept after; it throws for a key
 * that does not load). Not for Deno: there a wrapped socket's HTTP/2 never starts.
 */
export async function listenServingTlsSockets(
  socketTls: () => SocketTls,
  options: ServingOptions,
  partsOf: (socket: tls.TLSSocket) => ConnectionParts,
): Promise<ClosableEndpoint> {
  const serving = servingSet(options.limits, partsOf);
  let settings: tls.TLSSocketOptions | undefined;
  const secure = (socket: net.Socket) => {
    const secured = new tls.TLSSocket(socket, settings);
    // A failed handshake is the tls.Server's `tlsClientError`: the connection just ends.
    secured.on("error", () => secured.destroy());
    secured.once("secure", () => serving.serve(secured));
  };
  const secureSocket = () => {
    if (!settings) {
      const { secureContext, ALPNProtocols } = socketTls();
      settings = {
        isServer: true,
        secureContext,
        ALPNProtocols,
        requestCert: true,
        rejectUnauthorized: false,
      };
    }
    return secure;
  };
  return await listenTls(secureSocket, { ...options, beforeSocketsEnd: serving.destroyAll });
}

// The open connections of one endpoint: each secured socket is served and tracked until it closes.
function servingSet(
  limits: ConnectionLimits,
  partsOf: (socket: tls.TLSSocket) => ConnectionParts,
): { serve: (socket: tls.TLSSocket) => void; destroyAll: () => void } {
  const connections = new Set<Connection>();
  return {
    serve(socket) {
      socket.on("error", noop);
      socket.setNoDelay(true);
      const watch = watchOfTlsSocket(socket);
      const connection: Connection = { socket, watch, limits, ...partsOf(socket) };
      connections.add(connection);
      socket.on("close", () => connections.delete(connection));
      serveConnection(connection);
    },
    destroyAll() {
      for (const connection of connections) destroyConnection(connection);
    },
  };
}
