// Binding and closing node:net servers with fkas's error messages and a real port for port 0.
import type { Server, Socket } from "node:net";

/** Starts `server` listening on host:port and returns the bound port; bind failures reject with "Cannot listen on host:port: reason" carrying the original `code`. */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error & { code?: string }) => {
      server.off("listening", onListening);
      const wrapped = new Error(`Cannot listen on ${host}:${port}: ${error.message}`, {
        cause: error,
      });
      reject(Object.assign(wrapped, { code: error.code }));
    };
    const onListening = () => {
      server.off("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen({ host, port, exclusive: true });
  });
}

/** Stops `server` accepting connections and resolves once it has closed (or was never open). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A bound server that can be closed, ending every connection it still has. */
export interface ClosableEndpoint {
  readonly port: number;
  /** Stops accepting, runs `beforeSocketsEnd`, destroys every socket; idempotent. */
  close(): Promise<void>;
}

/**
 * Tracks the server's sockets (including ones still handshaking), binds it, and returns a
 * `close()` that ends them all, so a closed endpoint leaves no connection behind.
 */
export async function listenClosable(
  server: Server,
  host: string,
  port: number,
  beforeSocketsEnd: () => void = () => {},
): Promise<ClosableEndpoint> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    socket.on("error", () => {});
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const bound = await listen(server, host, port);
  server.on("error", () => {});
  let closed: Promise<void> | undefined;
  return {
    port: bound,
    close() {
      if (closed) return closed;
      closed = closeServer(server);
      beforeSocketsEnd();
      for (const socket of sockets) socket.destroy();
      return closed;
    },
  };
}
