// Binding and closing node:net servers with fkas's error messages and a real port for port 0.
import type { Server } from "node:net";

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
