// Serves a tls.Server's secured sockets as tracked Connections and binds it through listenTls, so
// every TLS endpoint ends its connections and HTTP/2 sessions the same way when it closes.
import type tls from "node:tls";
import type { ConnectionLimits } from "./connection_limits.ts";
import { type Connection, destroyConnection, serveConnection } from "./shared_servers.ts";
import { listenTls, type TlsListenerOptions, watchOfTlsSocket } from "./tls_listener.ts";
import type { ClosableEndpoint } from "./listen.ts";

/** What an endpoint adds to a secured socket to make it a Connection. */
export type ConnectionParts = Pick<Connection, "peer" | "handlers">;

const noop = () => {};

/**
 * Serves each socket the server of `makeServer` secures as the connection `partsOf` completes, refuses sockets
 * whose handshake failed, and listens on `options`; closing destroys every open connection.
 * The server is made at the first connection: a tls.Server parses its certificate, key and CA when
 * made (0.1–0.4 ms), which thousands of listeners restarted at once need not pay up front.
 */
export async function listenServingTls(
  makeServer: () => tls.Server,
  options: Omit<TlsListenerOptions, "beforeSocketsEnd"> & { limits: ConnectionLimits },
  partsOf: (socket: tls.TLSSocket) => ConnectionParts,
): Promise<ClosableEndpoint> {
  const connections = new Set<Connection>();
  const serving = (server: tls.Server) => {
    server.on("secureConnection", (socket: tls.TLSSocket) => {
      socket.on("error", noop);
      socket.setNoDelay(true);
      const watch = watchOfTlsSocket(socket);
      const connection: Connection = { socket, watch, limits: options.limits, ...partsOf(socket) };
      connections.add(connection);
      socket.on("close", () => connections.delete(connection));
      serveConnection(connection);
    });
    server.on("tlsClientError", (_error: Error, socket: tls.TLSSocket) => socket.destroy());
    return server;
  };
  let made: tls.Server | undefined;
  return await listenTls(() => made ??= serving(makeServer()), {
    ...options,
    beforeSocketsEnd: () => {
      for (const connection of connections) destroyConnection(connection);
    },
  });
}
